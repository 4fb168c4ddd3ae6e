// The lab state file: a JSON round trip keeps every field, a newer version and malformed
// files are located errors.
#include <catch2/catch.hpp>

#include "lab/lab_state.hpp"
#include "temp_dir.hpp"

using namespace scsctl::lab;

namespace {

LabState sample_state(const std::string& dir)
{
    LabState state;
    state.id = "1a2b3c4d";
    state.dir = dir;
    state.bridge = "slb-1a2b3c4d";
    state.subnet = "10.213.7.0/24";
    state.gateway = "10.213.7.1";
    state.nat_comment = "scsctl-lab-1a2b3c4d";
    state.base = "/var/cache/scsctl/lab/base-minimal-0123456789abcdef";
    state.base_flavor = "minimal";
    state.ip_forward_before = 0;
    state.disks = 2;
    state.disk_size = "6G";
    state.hosts.push_back({"lab1", 1, "10.213.7.11", "scslab-1a2b3c4d-lab1", "slv1a2b3c-1", "lab1-1a2b3c4d", 4242, 987654});
    state.hosts.push_back({"lab2", 2, "10.213.7.12", "scslab-1a2b3c4d-lab2", "slv1a2b3c-2", "lab2-1a2b3c4d", 0, 0});
    return state;
}

} // namespace

TEST_CASE("the lab state survives a round trip through D/lab.json", "[lab]")
{
    scsctl::testing::TempDir dir;
    const auto state = sample_state(dir.path().string());
    REQUIRE(save_state(state));
    auto loaded = load_state(dir.path().string());
    REQUIRE(loaded);
    REQUIRE(loaded->has_value());
    CHECK(**loaded == state);
    CHECK((*loaded)->disks == 2);
}

TEST_CASE("a lab state from before --disks has no disks", "[lab]")
{
    const auto state = state_from_json(R"({"version": 1, "id": "1a2b3c4d", "dir": "/srv/lab", "bridge": "b",
        "subnet": "10.213.7.0/24", "gateway": "10.213.7.1", "nat_comment": "c", "hosts": []})", "/srv/lab/lab.json");
    REQUIRE(state);
    CHECK(state->disks == 0);
    CHECK(state->disk_size == "8G");
}

TEST_CASE("a missing state file means no lab", "[lab]")
{
    scsctl::testing::TempDir dir;
    auto loaded = load_state(dir.path().string());
    REQUIRE(loaded);
    CHECK_FALSE(loaded->has_value());
}

TEST_CASE("a newer or malformed state file is refused, naming the file", "[lab]")
{
    scsctl::testing::TempDir dir;
    const std::string path = dir.path().string() + "/lab.json";
    auto newer = state_from_json(R"({"version": 99})", path);
    REQUIRE_FALSE(newer);
    CHECK(newer.error().str() == path + ":1:1: lab state version 99 is newer than this scsctl understands (1)");
    auto broken = state_from_json("{", path);
    REQUIRE_FALSE(broken);
    CHECK(broken.error().kind == scsctl::core::ErrorKind::config);
    auto missing = state_from_json(R"({"version": 1, "id": "x"})", path);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("malformed lab state") == 0);
}
