// ssh_args: the OpenSSH command-line options operators put in ansible_ssh_common_args and
// ansible_ssh_extra_args, parsed into what the transport implements; everything else is
// listed verbatim so the caller can report it once. Depends on core and endpoint.hpp only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "transport/endpoint.hpp"

namespace scsctl::transport {

/// What a string of ssh(1) arguments asks for. Unset optionals: the arguments did not
/// say. As in ssh(1), the first value given for an option wins (IdentityFile accumulates).
struct SshArgs {
    /// UserKnownHostsFile, ~ and %d/%u/%% expanded; "/dev/null" and "none" are dropped, so
    /// an empty list means "no known_hosts file at all".
    std::optional<std::vector<std::string>> known_hosts_files;
    std::optional<HostKeyPolicy> host_key_policy; ///< StrictHostKeyChecking
    /// ProxyJump, -J, or ProxyCommand of the shape "ssh … -W %h:%p … [user@]host [-p port]";
    /// outermost first. Empty: "none" (connect directly). A hop without a user has an empty
    /// `user`: the caller decides (ssh(1) would use its default user for that host, not
    /// the target's).
    std::optional<std::vector<Hop>> jumps;
    std::vector<std::string> identity_files; ///< IdentityFile and -i, in order, ~ expanded
    std::optional<int> port;                 ///< Port, -p
    std::optional<std::string> user;         ///< User, -l
    std::optional<std::chrono::seconds> connect_timeout;    ///< ConnectTimeout
    std::optional<std::chrono::seconds> keepalive_interval; ///< ServerAliveInterval
    /// Options the transport does not implement, each as written ("-o ControlMaster=auto",
    /// "-C", "-F /etc/ssh/alt", a stray word), in order; never silently dropped.
    std::vector<std::string> unsupported;

    bool operator==(const SshArgs&) const = default;
};

/// Python's shlex.split(text): POSIX rules, no comments. Fails on an unbalanced quote or a
/// trailing backslash.
core::Result<std::vector<std::string>> shlex_split(std::string_view text);

/// Parses ssh(1) arguments: `-o Key=Value`, `-o 'Key Value'`, `-oKey=Value` (keys are
/// case-insensitive), bundled short flags as getopt reads them (`-qi key`, `-p2222`), and
/// `-i`, `-p`, `-J`, `-l`. Pass ansible_ssh_common_args and ansible_ssh_extra_args joined
/// by a space, in that order (Ansible's). `home` replaces $HOME for ~ and %d (tests).
/// Fails (ErrorKind::config, one line) on unbalanced quotes, an option without its
/// value, and invalid values of supported options (port, time, policy, jump host).
core::Result<SshArgs> parse_ssh_args(std::string_view text, std::string_view home = {});

/// "[user@]host[:port]" (or ssh://…, or [v6-address]:port) comma-separated, or "none".
core::Result<std::vector<Hop>> parse_proxy_jump(std::string_view text);

} // namespace scsctl::transport
