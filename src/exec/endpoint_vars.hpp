// From a host's inventory variables to a transport Endpoint and Become, with Ansible's
// names (ansible_host, ansible_port, ansible_user, ansible_ssh_private_key_file,
// ansible_connection, ansible_become*, ansible_ssh_common_args/extra_args) and scsctl's
// scsctl_known_hosts. Depends on core, model and transport.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"
#include "transport/become.hpp"
#include "transport/endpoint.hpp"

namespace scsctl::exec {

/// Defaults from configuration and flags, applied where the inventory says nothing.
struct ConnectionDefaults {
    std::string remote_user;      ///< config remote_user; "" means the local user name
    std::string private_key_file; ///< config private_key_file
    std::optional<transport::HostKeyPolicy> host_key_policy_flag; ///< --host-key-checking (wins)
    transport::HostKeyPolicy host_key_policy = transport::HostKeyPolicy::strict; ///< config
    std::chrono::milliseconds connect_timeout{10000};
    std::string inventory_dir;    ///< for the known_hosts file beside the inventory
    bool force_become = false;    ///< --become
    std::optional<std::string> become_user_flag; ///< --become-user
    bool persistent_shell = true; ///< config ssh_persistent_shell
};

struct HostConnection {
    transport::Endpoint endpoint;
    std::optional<transport::Become> become; ///< set when the host's variables or --become turn it on
    transport::Become become_settings;       ///< user and password for a play or task that turns it on
    std::vector<std::string> unsupported; ///< ssh options we do not honour (report once)
};

/// The connection settings of `host` from its variables. Fails (kind config) for an
/// unsupported ansible_connection or become method, or malformed ssh arguments.
core::Result<HostConnection> connection_for(const std::string& host, const core::Value& vars,
                                            const ConnectionDefaults& defaults);

/// The known_hosts files consulted when nothing overrides them: ~/.ssh/known_hosts and
/// `inventory_dir`/known_hosts (the latter first, so accept-new pins there).
std::vector<std::string> default_known_hosts_files(const std::string& inventory_dir);

} // namespace scsctl::exec
