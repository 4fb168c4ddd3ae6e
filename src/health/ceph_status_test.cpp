// ceph_status: the summary and verdict of real `ceph status` documents (tests/health/).
#include "health/ceph_status.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace {

nlohmann::json fixture(const char* name)
{
    std::ifstream in(std::string(SCSCTL_SOURCE_DIR) + "/tests/health/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str());
}

} // namespace

using scsctl::health::ceph_status_problems;
using scsctl::health::describe_ceph_status;
using scsctl::health::summarize_ceph_status;

TEST_CASE("a healthy cluster's status has no problems", "[health][ceph]")
{
    const auto summary = summarize_ceph_status(fixture("ceph-status-ok.json"));
    CHECK(summary.health == "HEALTH_OK");
    CHECK(summary.osds == 1);
    CHECK(summary.osds_up == 1);
    CHECK(summary.osds_in == 1);
    CHECK(summary.pgs == 9);
    CHECK(summary.pgs_active_clean == 9);
    CHECK(summary.quorum == std::vector<std::string>{"a"});
    CHECK(summary.monitors == 1);
    CHECK(ceph_status_problems(summary).empty());
    CHECK(describe_ceph_status(summary) == "HEALTH_OK; 1/1 OSDs up, 1/1 in; 9/9 PGs active+clean; quorum a");
}

TEST_CASE("a down OSD and stale PGs are problems, with the cluster's own checks", "[health][ceph]")
{
    const auto summary = summarize_ceph_status(fixture("ceph-status-osd-down.json"));
    CHECK(summary.health == "HEALTH_WARN");
    CHECK(summary.osds_up == 0);
    const auto problems = ceph_status_problems(summary);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0] == "1 of 1 OSDs down");
    CHECK(problems[1] == "9 of 9 PGs not active+clean (9 stale+active+clean)");
    CHECK(describe_ceph_status(summary).find("OSD_DOWN: 1 osds down") != std::string::npos);
}

TEST_CASE("HEALTH_ERR, out OSDs, missing quorum and no OSDs are each reported", "[health][ceph]")
{
    auto status = fixture("ceph-status-ok.json");
    status["health"]["status"] = "HEALTH_ERR";
    status["health"]["checks"] = {{"MON_DISK_CRIT", {{"severity", "HEALTH_ERR"}, {"summary", {{"message", "disk full"}}}}}};
    status["osdmap"]["num_in_osds"] = 0;
    status["monmap"]["num_mons"] = 3;
    const auto problems = ceph_status_problems(summarize_ceph_status(status));
    REQUIRE(problems.size() == 3);
    CHECK(problems[0] == "HEALTH_ERR: MON_DISK_CRIT: disk full");
    CHECK(problems[1] == "1 of 1 OSDs out");
    CHECK(problems[2] == "quorum has 1 of 3 monitors (a)");

    status["osdmap"]["num_osds"] = 0;
    CHECK(ceph_status_problems(summarize_ceph_status(status))[1] == "no OSDs");
}

TEST_CASE("Ceph 15's nested osdmap is read too; a foreign document is a problem", "[health][ceph]")
{
    nlohmann::json old_style = {{"health", {{"status", "HEALTH_OK"}}},
                                {"osdmap", {{"osdmap", {{"num_osds", 3}, {"num_up_osds", 2}, {"num_in_osds", 3}}}}}};
    const auto summary = summarize_ceph_status(old_style);
    CHECK(summary.osds == 3);
    CHECK(summary.osds_up == 2);
    CHECK(ceph_status_problems(summary) == std::vector<std::string>{"1 of 3 OSDs down"});

    CHECK(ceph_status_problems(summarize_ceph_status(nlohmann::json::array())) ==
          std::vector<std::string>{"the status has no health field (not a Ceph status document)"});
}
