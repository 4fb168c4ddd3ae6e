// The --os-* option set shared by every subcommand that talks to an OpenStack cloud
// (`openstack catalog`, `check scs`): the OpenStack client's flag names, filled into
// openstack::ConnectOptions. Depends on CLI11 and openstack/connect.hpp.
#pragma once

#include <CLI/CLI.hpp>

#include "openstack/connect.hpp"

namespace scsctl::cli {

/// Adds --os-cloud, --os-auth-url, --os-auth-type, --os-username, --os-user-id,
/// --os-password, --os-project-name/-id, --os-user-domain-name/-id,
/// --os-project-domain-name/-id, --os-region-name, --os-interface,
/// --os-application-credential-id/-name/-secret, --os-cacert, --insecure and
/// --api-timeout to `command`, bound to `options` (which must outlive parsing). Flags not
/// given stay empty, so clouds.yaml and OS_* decide (docs/openstack.md).
void add_openstack_options(CLI::App& command, openstack::ConnectOptions& options);

} // namespace scsctl::cli
