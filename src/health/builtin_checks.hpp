// The table of built-in C++ health checks per layer: one row per check, no
// self-registration. kvm: libvirt through a forwarded socket (kvm_libvirt_check); ceph:
// the cluster's status through librados (ceph_cluster_check); ovn: every chassis in the
// southbound database (ovn_chassis_check). Every layer also gets the runner's generic
// reachability check. Depends on health's checks and the inventory model.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "health/health_check.hpp"
#include "model/inventory.hpp"

namespace scsctl::health {

/// New instances of the built-in checks of `layer` for `inventory` (none for a layer
/// without its own checks yet).
std::vector<std::unique_ptr<HealthCheck>> builtin_checks(std::string_view layer, const model::Inventory& inventory);

} // namespace scsctl::health
