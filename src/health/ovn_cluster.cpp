// Reading ovs-appctl cluster/status: "Key: value" lines, then the "Servers:" list, one
// indented line per member.
#include "health/ovn_cluster.hpp"

namespace scsctl::health {

namespace {

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

} // namespace

core::Result<RaftMemberStatus> parse_cluster_status(std::string_view text)
{
    RaftMemberStatus status;
    bool in_servers = false;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (in_servers && (line.starts_with(" ") || line.starts_with("\t"))) {
            if (!trimmed(line).empty()) {
                ++status.servers;
            }
            continue;
        }
        in_servers = false;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            continue;
        }
        const auto key = line.substr(0, colon);
        const std::string value(trimmed(line.substr(colon + 1)));
        if (key == "Name") {
            status.database = value;
        } else if (key == "Status") {
            status.status = value;
        } else if (key == "Role") {
            status.role = value;
        } else if (key == "Leader") {
            status.leader = value;
        } else if (key == "Server ID") {
            status.server_id = value.substr(0, value.find(' '));
        } else if (key == "Servers") {
            in_servers = true;
        }
    }
    if (status.database.empty() || status.status.empty()) {
        return core::fail(
            {core::ErrorKind::failed, "not an answer of cluster/status (no Name: and Status: lines)", {}});
    }
    return status;
}

std::string raft_problem(const RaftMemberStatus& status, int expected)
{
    if (status.status != "cluster member") {
        return status.database + ": " + status.status;
    }
    if (status.leader.empty() || status.leader == "unknown") {
        return status.database + ": no leader (role " + status.role + ")";
    }
    if (status.servers != expected) {
        return status.database + ": " + std::to_string(status.servers) + " of " + std::to_string(expected) + " servers";
    }
    return {};
}

std::string raft_summary(const RaftMemberStatus& status)
{
    if (status.role == "leader" || status.leader == "self") {
        return status.database + " leader";
    }
    return status.database + " " + status.role + " (leader " + status.leader + ")";
}

} // namespace scsctl::health
