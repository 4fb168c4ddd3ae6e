// The dependency order of layers (topological, ties broken by registry order) and the
// `--layers a,b` selection. Pure functions over descriptors; depends on core.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "layers/layer.hpp"

namespace scsctl::layers {

/// `layers` in dependency order: a layer comes after everything it depends on; among the
/// layers ready at once, the one earlier in `layers` comes first. Fails (config) on a
/// dependency that names no layer in `layers`, and on a cycle (naming its layers).
core::Result<std::vector<const LayerDescriptor*>> dependency_order(std::span<const LayerDescriptor> layers);

/// The layers named in `list` ("a,b", blanks around names ignored), exactly those, in
/// dependency order. Fails (usage) on an unknown or empty name, with a spelling hint.
core::Result<std::vector<const LayerDescriptor*>> select_layers(std::span<const LayerDescriptor> layers,
                                                                const std::string& list);

} // namespace scsctl::layers
