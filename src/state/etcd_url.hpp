// The etcd state location: `etcd://HOST:PORT/PREFIX` names an etcd v3 server (its JSON
// gateway, plain HTTP) and the key prefix under which scsctl keeps the lock and the runs.
// Depends on core.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scsctl::state {

/// Port etcd serves clients on when the URL names none.
inline constexpr int k_etcd_default_port = 2379;

struct EtcdLocation {
    std::string endpoint; ///< "HOST:PORT" (IPv6 hosts in brackets)
    std::string prefix;   ///< "/ci/prod": no trailing '/', never empty
};

/// Whether a --state value names etcd rather than a journal file.
bool is_etcd_url(std::string_view location);

/// Parses `etcd://HOST[:PORT]/PREFIX`; a config error naming the URL when it is malformed.
core::Result<EtcdLocation> parse_etcd_url(const std::string& url);

} // namespace scsctl::state
