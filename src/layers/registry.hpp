// The registry of built-in layers: one const table, in the order that breaks ties of the
// dependency order. Depends on layer.hpp only.
#pragma once

#include <span>
#include <string_view>

#include "layers/layer.hpp"

namespace scsctl::layers {

/// Every built-in layer: baremetal, kvm, ceph, ovn, openstack, kubernetes, keycloak.
std::span<const LayerDescriptor> builtin_layers();

/// The built-in layer named `name`, or nullptr.
const LayerDescriptor* find_builtin(std::string_view name);

/// A built-in registry row as a Layer.
class BuiltinLayer final : public Layer {
  public:
    explicit BuiltinLayer(const LayerDescriptor& descriptor) : m_descriptor(&descriptor) {}
    const LayerDescriptor& descriptor() const override { return *m_descriptor; }
    LayerSource source() const override { return LayerSource::builtin; }

  private:
    const LayerDescriptor* m_descriptor;
};

} // namespace scsctl::layers
