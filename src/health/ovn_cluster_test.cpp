// ovs-appctl cluster/status as OVN 22.03 prints it: members, followers, a joining member,
// a lost leader, a missing server, and text that is not that answer.
#include <catch2/catch.hpp>

#include "health/ovn_cluster.hpp"

using namespace scsctl::health;

namespace {

const char* const k_follower = R"(4ef4
Name: OVN_Southbound
Cluster ID: 97c4 (97c4f64e-a5f9-4959-bca1-f33b95da497c)
Server ID: 4ef4 (4ef48d10-68f4-4cda-b41d-82b6561bd62b)
Address: tcp:10.236.170.12:6644
Status: cluster member
Role: follower
Term: 1
Leader: f2a8
Vote: unknown

Election timer: 1000
Log: [2, 9]
Entries not yet committed: 0
Entries not yet applied: 0
Connections: ->0000 ->f6ce <-f2a8 <-f6ce
Disconnections: 0
Servers:
    4ef4 (4ef4 at tcp:10.236.170.12:6644) (self)
    f6ce (f6ce at tcp:10.236.170.13:6644) last msg 9427 ms ago
    f2a8 (f2a8 at tcp:10.236.170.11:6644) last msg 38 ms ago
)";

} // namespace

TEST_CASE("ovn-raft: a follower that knows its leader and all three servers passes", "[health]")
{
    const auto status = parse_cluster_status(k_follower);
    REQUIRE(status);
    CHECK(status->database == "OVN_Southbound");
    CHECK(status->status == "cluster member");
    CHECK(status->role == "follower");
    CHECK(status->leader == "f2a8");
    CHECK(status->server_id == "4ef4");
    CHECK(status->servers == 3);
    CHECK(raft_problem(*status, 3).empty());
    CHECK(raft_summary(*status) == "OVN_Southbound follower (leader f2a8)");
    CHECK(raft_problem(*status, 5) == "OVN_Southbound: 3 of 5 servers");
}

TEST_CASE("ovn-raft: joining, no leader and a leader's own view", "[health]")
{
    std::string joining = k_follower;
    joining.replace(joining.find("Status: cluster member"), 22, "Status: joining cluster");
    CHECK(raft_problem(*parse_cluster_status(joining), 3) == "OVN_Southbound: joining cluster");

    std::string lost = k_follower;
    lost.replace(lost.find("Role: follower"), 14, "Role: candidate");
    lost.replace(lost.find("Leader: f2a8"), 12, "Leader: unknown");
    CHECK(raft_problem(*parse_cluster_status(lost), 3) == "OVN_Southbound: no leader (role candidate)");

    std::string leader = k_follower;
    leader.replace(leader.find("Role: follower"), 14, "Role: leader");
    leader.replace(leader.find("Leader: f2a8"), 12, "Leader: self");
    CHECK(raft_summary(*parse_cluster_status(leader)) == "OVN_Southbound leader");

    std::string two = k_follower;
    two.erase(two.find("    f2a8 (f2a8"));
    CHECK(parse_cluster_status(two)->servers == 2);
}

TEST_CASE("ovn-raft: anything but a cluster/status answer is refused", "[health]")
{
    CHECK_FALSE(parse_cluster_status(""));
    CHECK_FALSE(parse_cluster_status("ovs-appctl: cannot connect to \"/var/run/ovn/ovnsb_db.ctl\"\n"));
    CHECK_FALSE(parse_cluster_status("Name: OVN_Southbound\n")); // no Status:
}
