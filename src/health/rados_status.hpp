// Asking a Ceph cluster for its status (and df, osd dump) through librados, from the controller: the
// monitors' addresses and a cephx key held in memory (never a file, never argv). Depends
// on core, nlohmann-json and librados (only built when librados is found: SCSCTL_HAVE_RADOS).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace scsctl::health {

struct RadosTarget {
    std::string mon_host;                ///< as ceph.conf's "mon host": "[v2:a:3300,v1:a:6789],..." or "a,b"
    std::string client = "client.admin"; ///< the cephx entity
    std::string key;                     ///< its cephx secret (base64), a secret
    std::chrono::seconds timeout{10};    ///< connecting and each monitor command
};

/// The answers, as JSON, to monitor commands `{"prefix": PREFIX, "format": "json"}` for
/// each of `prefixes` ("status", "df", "osd dump"), over one connection. Errors (kind
/// unreachable) name the monitors and librados's reason (e.g. "timed out connecting to
/// 10.0.0.1:6789").
core::Result<std::vector<nlohmann::json>> rados_mon_commands(const RadosTarget& target,
                                                            const std::vector<std::string>& prefixes);

/// The key of `[client.admin]` (or any section) in a keyring file's text: the value of
/// its first "key = ..." line, "" when there is none.
std::string keyring_key(std::string_view keyring_text);

} // namespace scsctl::health
