// The table of built-in C++ health checks per layer (the kvm, ceph and ovn layers add
// theirs here: one row per check, no self-registration). Empty so far: every layer gets
// the generic reachability check from the runner. Depends on health_check.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "health/health_check.hpp"

namespace scsctl::health {

/// New instances of the built-in checks of `layer` (none yet for any layer).
std::vector<std::unique_ptr<HealthCheck>> builtin_checks(std::string_view layer);

} // namespace scsctl::health
