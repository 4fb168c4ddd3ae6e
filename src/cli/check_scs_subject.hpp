// What `scsctl check scs` calls the cloud in its reports when --subject is not given,
// from the cloud selection (cli/openstack_options fills it). Depends on openstack.
#pragma once

#include <string>

#include "openstack/connect.hpp"

namespace scsctl::cli {

/// What to call the cloud in reports when --subject is not given: the cloud's name, else
/// the auth URL, else "OS_CLOUD"'s value, else "openstack".
std::string default_subject(const openstack::ConnectOptions& options);

} // namespace scsctl::cli
