// The table of built-in C++ health checks per layer: one row per check, no
// self-registration. kvm: libvirt through a forwarded socket (kvm_libvirt_check); ceph:
// the cluster's status through librados (ceph_cluster_check) and its capacity
// (ceph_capacity_check); ovn: every chassis in the southbound database
// (ovn_chassis_check); kubernetes: /readyz and node readiness (kube_api_check); keycloak:
// the realm's OIDC discovery and JWKS (keycloak_oidc_check). Every layer also gets the runner's generic
// reachability check; `health` adds the clock skew check over all selected hosts.
// Depends on health's checks, the inventory model and layers' variable locator.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "health/health_check.hpp"
#include "model/inventory.hpp"

namespace scsctl::health {

/// The clock skew check (clock_skew_check.hpp) over `hosts` (a host pattern), its results
/// under `layer`, the allowed skew from the region variable `scsctl_clock_skew_max`
/// (default 0.5 s); fails (config, located where the variable is set) when the variable
/// is not a positive number of seconds.
core::Result<std::unique_ptr<HealthCheck>> make_clock_skew_check(std::string layer, std::string hosts,
                                                                 const model::Inventory& inventory);

/// New instances of the built-in checks of `layer` for `inventory` (none for a layer
/// without its own checks yet).
std::vector<std::unique_ptr<HealthCheck>> builtin_checks(std::string_view layer, const model::Inventory& inventory);

} // namespace scsctl::health
