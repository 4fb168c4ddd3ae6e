// The ovn layer's RAFT health (several hosts in ovn_central): what `ovs-appctl
// cluster/status` says of one database on one member, and the verdict on it. Pure: reads
// the command's text. Depends on core only.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scsctl::health {

struct RaftMemberStatus {
    std::string database;  ///< "OVN_Northbound"
    std::string status;    ///< "cluster member", "joining cluster", "leaving cluster", …
    std::string role;      ///< leader, follower, candidate
    std::string leader;    ///< the leader's short id, "self" or "unknown"
    std::string server_id; ///< this member's short id
    int servers = 0;       ///< the members this one knows (itself included)
};

/// Parses one `cluster/status DB` answer. Fails when the text has no Name:/Status: lines.
core::Result<RaftMemberStatus> parse_cluster_status(std::string_view text);

/// "" when the member is in the cluster, knows a leader and sees `expected` members, else
/// why not ("OVN_Southbound: joining cluster", "… 2 of 3 servers", "… no leader").
std::string raft_problem(const RaftMemberStatus& status, int expected);

/// "OVN_Northbound follower (leader f2a8)" or "OVN_Southbound leader".
std::string raft_summary(const RaftMemberStatus& status);

} // namespace scsctl::health
