// connect(): from the operator's cloud selection to an authenticated CloudApi session.
// Reads clouds.yaml (and secure.yaml) where the OpenStack client looks for them, the OS_*
// environment variables, and the --os-* overrides, in the client's order of precedence,
// then asks Keystone v3 for a scoped token with its catalog. Depends on core only.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "openstack/cloud_api.hpp"

namespace scsctl::openstack {

/// What the operator chose on the command line. Everything not given here comes from
/// OS_* variables and from the clouds.yaml entry of `cloud` (or OS_CLOUD).
struct ConnectOptions {
    std::string cloud; ///< --os-cloud
    /// --os-* flags by their clouds.yaml key without the prefix: "auth_url", "username",
    /// "password", "project_name", "project_id", "user_domain_name", "project_domain_name",
    /// "region_name", "interface", "application_credential_id", … Empty values are unset.
    std::map<std::string, std::string> overrides;
    long timeout_seconds = 30; ///< per request
};

/// An authenticated session, or an error that says which setting is missing or what the
/// cloud answered (kind usage/config for bad settings, unreachable for connection failures,
/// failed for a refused authentication). Never prints or returns the password or token.
core::Result<std::unique_ptr<CloudApi>> connect(const ConnectOptions& options);

struct CloudConfig;

/// connect() for settings already resolved (resolve_cloud_config in cloud_config.hpp).
core::Result<std::unique_ptr<CloudApi>> connect_with(const CloudConfig& config, long timeout_seconds);

} // namespace scsctl::openstack
