// Per-host files written into each host's overlay upper directory before it starts:
// hostname, /etc/hosts, machine-id, its own ed25519 host key (made by ssh-keygen),
// sshd settings, root's authorized_keys, resolv.conf. And the lab's client key and the
// pinned known_hosts file. Depends on core and the lab state.
#pragma once

#include <string>

#include "core/result.hpp"
#include "lab/lab_state.hpp"

namespace scsctl::lab {

std::string client_key_path(const std::string& dir); ///< D/id_ed25519 (0600)
std::string known_hosts_path(const std::string& dir); ///< D/known_hosts
std::string upper_dir(const std::string& dir, const std::string& host);

/// Creates D/id_ed25519 and .pub with ssh-keygen unless they exist.
core::Result<void> ensure_client_key(const std::string& dir);

/// Writes the host's files into its upper directory. An existing host key and machine-id
/// are kept, so a restarted host keeps its identity.
core::Result<void> prepare_host_files(const LabState& state, const HostState& host);

/// The known_hosts text for every host of the lab: "ADDRESS ssh-ed25519 KEY" per host,
/// read from the host keys in their upper directories.
core::Result<std::string> known_hosts_text(const LabState& state);

/// Writes `content` to `path` unless it already holds exactly that; returns whether it wrote.
core::Result<bool> write_if_changed(const std::string& path, const std::string& content, unsigned mode);

} // namespace scsctl::lab
