// Endpoint: everything the transport needs to reach one host (address, user, keys,
// host-key policy, bastions, timeouts). Plain data, filled from inventory variables by
// exec/; depends on the standard library only.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace scsctl::transport {

enum class HostKeyPolicy {
    strict,     ///< unknown and changed keys are refused
    accept_new, ///< unknown keys are pinned, changed keys refused
    off,        ///< no checking at all (never the default)
};

/// One SSH hop: the target itself or a bastion in front of it.
struct Hop {
    std::string address; ///< name or IP literal
    int port = 22;
    std::string user;
    std::vector<std::string> identity_files; ///< tried in order, then the agent

    bool operator==(const Hop&) const = default;
};

struct Endpoint {
    std::string name; ///< inventory_hostname, used in every message
    Hop target;
    std::vector<Hop> jumps; ///< ProxyJump chain, outermost first
    bool local = false;     ///< ansible_connection=local: no SSH at all
    bool use_agent = true;  ///< try ssh-agent (SSH_AUTH_SOCK) after the key files

    /// Files whose keys are consulted; the first is where accept-new pins new keys.
    std::vector<std::string> known_hosts_files;
    HostKeyPolicy host_key_policy = HostKeyPolicy::strict;

    /// Connect and check the host key only, without authenticating (key scans for
    /// `scsctl ssh trust`); operations other than probe fail.
    bool skip_auth = false;

    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::seconds keepalive_interval{0}; ///< 0: no keepalives

    /// Run commands on a persistent /bin/sh per connection (ssh_shell_exec.hpp) rather
    /// than a channel per command; config ssh_persistent_shell.
    bool persistent_shell = true;
};

} // namespace scsctl::transport
