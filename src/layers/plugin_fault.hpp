// The error kind of a plugin fault: a crash, a hang, or a reply that breaks the protocol.
// Commands exit with 5 for it (cli/layer_catalogue.hpp, docs/exit-codes.md). Depends on core.
#pragma once

#include "core/error.hpp"

namespace scsctl::layers {

/// Plugin faults travel as core::Error of this kind ("a plugin failed"); cli tells them
/// from failed tasks because only the catalogue, plugins and the health runner return them.
inline constexpr core::ErrorKind k_plugin_fault = core::ErrorKind::failed;

} // namespace scsctl::layers
