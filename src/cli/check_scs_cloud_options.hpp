// The cloud selection of `scsctl check scs`: --os-cloud and a few --os-* overrides filled
// into openstack::ConnectOptions. SWAP POINT: a minimal stand-in until the shared
// cli/openstack_options (all --os-* flags of the OpenStack client) lands; replace the one
// call in cmd_check.cpp and delete these two files. Depends on CLI11 and openstack.
#pragma once

#include <CLI/CLI.hpp>

#include "openstack/connect.hpp"

namespace scsctl::cli {

/// Adds --os-cloud, --os-auth-url, --os-region-name, --os-interface, --os-project-name and
/// --os-username to `command`, writing into `options`. No password flag: a password on the
/// command line would be visible in the process list (use clouds.yaml, secure.yaml or
/// OS_PASSWORD).
void add_check_cloud_options(CLI::App& command, openstack::ConnectOptions& options);

/// What to call the cloud in reports when --subject is not given: the cloud's name, else
/// the auth URL, else "OS_CLOUD"'s value, else "openstack".
std::string default_subject(const openstack::ConnectOptions& options);

} // namespace scsctl::cli
