// The error kind of a plugin fault: a crash, a hang, or a reply that breaks the protocol.
// Commands exit with 8 for it (core::k_exit_plugin, docs/exit-codes.md). Depends on core.
#pragma once

#include "core/error.hpp"

namespace scsctl::layers {

/// Plugin faults travel as core::Error of this kind.
inline constexpr core::ErrorKind k_plugin_fault = core::ErrorKind::plugin;

} // namespace scsctl::layers
