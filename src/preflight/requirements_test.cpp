// Host requirements: the role table merged over a host's roles, the inventory variables
// that override it, sizes as truncate reads them, and located refusals of bad values.
#include <catch2/catch.hpp>

#include "preflight/requirements.hpp"

using namespace scsctl;
using namespace scsctl::preflight;

namespace {

std::vector<int> ports_of(const HostRequirements& requirements)
{
    std::vector<int> out;
    for (const auto& port : requirements.ports) {
        out.push_back(port.port);
    }
    return out;
}

} // namespace

TEST_CASE("preflight requirements come from the role table", "[preflight]")
{
    const auto none = host_requirements("h", {}, core::Value::object());
    REQUIRE(none);
    CHECK(none->min_disk_bytes == 10 * k_gib);
    CHECK(none->min_memory_bytes == 1024 * k_mib);
    CHECK(none->ports.empty());
    CHECK(none->osd_files.empty());

    const auto mon_central =
        host_requirements("h", {{"ceph", "ceph_mon"}, {"ovn", "ovn_central"}}, core::Value::object());
    REQUIRE(mon_central);
    CHECK(ports_of(*mon_central) == std::vector<int>{3300, 6641, 6642, 6643, 6644, 6789});
    CHECK(mon_central->ports[0].owners == std::vector<std::string>{"ceph-mon"});
    CHECK(mon_central->ports[0].layer == "ceph");
    CHECK(mon_central->min_memory_bytes == 2048 * k_mib);

    // A group of an unselected layer's name does not count: roles are (layer, group).
    const auto wrong_layer = host_requirements("h", {{"ovn", "ceph_mon"}}, core::Value::object());
    REQUIRE(wrong_layer);
    CHECK(wrong_layer->ports.empty());
}

TEST_CASE("preflight OSD hosts need room for their OSD files", "[preflight]")
{
    const auto defaults = host_requirements("h", {{"ceph", "ceph_osd"}}, core::Value::object());
    REQUIRE(defaults);
    REQUIRE(defaults->osd_files.size() == 1);
    CHECK(defaults->osd_files[0].path == "/var/lib/ceph/osd-files/osd0.img");
    CHECK(defaults->osd_files[0].size_bytes == 4 * k_gib);
    CHECK(defaults->min_memory_bytes == 4096 * k_mib);

    const auto vars =
        core::Value::parse(R"({"ceph_osd_devices": ["/srv/a.img", "/srv/b.img"], "ceph_osd_file_size": "500M"})");
    const auto custom = host_requirements("h", {{"ceph", "ceph_osd"}}, vars);
    REQUIRE(custom);
    REQUIRE(custom->osd_files.size() == 2);
    CHECK(custom->osd_files[1].path == "/srv/b.img");
    CHECK(custom->osd_files[1].size_bytes == 500 * k_mib);

    const auto bad =
        host_requirements("h", {{"ceph", "ceph_osd"}}, core::Value::parse(R"({"ceph_osd_file_size": "4 gigs"})"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "host 'h': variable 'ceph_osd_file_size' '4 gigs' is not a size (like 4G or 500M)");
}

TEST_CASE("preflight OSD hosts: entries under /dev are raw disks, not files", "[preflight]")
{
    const auto vars = core::Value::parse(
        R"({"ceph_osd_devices": ["/dev/vdb", "/srv/a.img", "/dev/disk/by-id/wwn-1"], "ceph_osd_wipe_devices": "yes"})");
    const auto mixed = host_requirements("h", {{"ceph", "ceph_osd"}}, vars);
    REQUIRE(mixed);
    CHECK(mixed->osd_devices == std::vector<std::string>{"/dev/vdb", "/dev/disk/by-id/wwn-1"});
    REQUIRE(mixed->osd_files.size() == 1);
    CHECK(mixed->osd_files[0].path == "/srv/a.img");
    CHECK(mixed->osd_wipe_devices);

    const auto keep = host_requirements("h", {{"ceph", "ceph_osd"}}, core::Value::parse(R"({"ceph_osd_devices": ["/dev/vdb"]})"));
    REQUIRE(keep);
    CHECK_FALSE(keep->osd_wipe_devices);
    CHECK(keep->osd_files.empty());

    const auto bad = host_requirements("h", {{"ceph", "ceph_osd"}}, core::Value::parse(R"({"ceph_osd_wipe_devices": "maybe"})"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "host 'h': variable 'ceph_osd_wipe_devices' must be true or false, got \"maybe\"");
}

TEST_CASE("preflight variables override the defaults", "[preflight]")
{
    const auto vars = core::Value::parse(R"({"preflight_min_disk_gb": "25", "preflight_min_memory_mb": 512.5,
        "preflight_max_clock_offset": 0.1, "preflight_extra_ports": [8080, {"port": "6641", "owner": "my-ovsdb"},
        {"port": 9000, "service": "my api"}]})");
    const auto requirements = host_requirements("h", {{"ovn", "ovn_central"}}, vars);
    REQUIRE(requirements);
    CHECK(requirements->min_disk_bytes == 25 * k_gib);
    CHECK(requirements->min_memory_bytes == static_cast<std::uint64_t>(512.5 * static_cast<double>(k_mib)));
    CHECK(requirements->max_clock_offset_s == Approx(0.1));
    CHECK(ports_of(*requirements) == std::vector<int>{6641, 6642, 6643, 6644, 8080, 9000});
    CHECK(requirements->ports[0].owners == std::vector<std::string>{"ovsdb-server", "my-ovsdb"});
    CHECK(requirements->ports[4].layer == "inventory");
    CHECK(requirements->ports[5].service == "my api");
}

TEST_CASE("preflight variables of the wrong type are refused, naming host and variable", "[preflight]")
{
    const auto message = [](const char* json) {
        const auto result = host_requirements("node1", {}, core::Value::parse(json));
        return result ? std::string("accepted") : result.error().message;
    };
    CHECK(message(R"({"preflight_min_disk_gb": "lots"})") ==
          "host 'node1': variable 'preflight_min_disk_gb' must be a non-negative number, got \"lots\"");
    CHECK(message(R"({"preflight_min_memory_mb": -1})") ==
          "host 'node1': variable 'preflight_min_memory_mb' must be a non-negative number, got -1");
    CHECK(message(R"({"preflight_extra_ports": 8080})") ==
          "host 'node1': variable 'preflight_extra_ports' must be a list, got 8080");
    CHECK(message(R"({"preflight_extra_ports": [70000]})") ==
          "host 'node1': variable 'preflight_extra_ports' items must be ports (1-65535) or {port, owner, service}, got "
          "70000");
    CHECK(message(R"({"preflight_min_disk_gb": 1e30})") ==
          "host 'node1': variable 'preflight_min_disk_gb' must be at most 1000000000, got 1e+30");
    CHECK(message(R"({"preflight_max_clock_offset": true})") ==
          "host 'node1': variable 'preflight_max_clock_offset' must be a non-negative number, got true");
    CHECK(message(R"({"preflight_min_disk_gb": 1000000000})") == "accepted");
    CHECK(message(R"({"preflight_min_disk_gb": null})") == "accepted");
}

TEST_CASE("preflight sizes are read as truncate -s reads them", "[preflight]")
{
    CHECK(parse_size("4G") == 4 * k_gib);
    CHECK(parse_size("4GiB") == 4 * k_gib);
    CHECK(parse_size("4GB") == 4000000000ULL);
    CHECK(parse_size("512") == 512U);
    CHECK(parse_size("1T") == 1024 * k_gib);
    CHECK_FALSE(parse_size("G"));
    CHECK_FALSE(parse_size("4X"));
    CHECK_FALSE(parse_size("4Gb"));
    CHECK_FALSE(parse_size("99999999999P"));
}
