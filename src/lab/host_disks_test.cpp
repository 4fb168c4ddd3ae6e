// Lab disks: the device names the hosts see, --disk-size, and reading losetup's list.
#include <catch2/catch.hpp>

#include "lab/host_disks.hpp"

using namespace scsctl::lab;

TEST_CASE("lab disks are named vdb, vdc … up to the limit", "[lab]")
{
    CHECK(disk_device_names(0).empty());
    CHECK(disk_device_names(2) == std::vector<std::string>{"/dev/vdb", "/dev/vdc"});
    CHECK(disk_device_names(k_max_disks).back() == "/dev/vdi");
    CHECK(disk_device_names(k_max_disks + 3).size() == static_cast<std::size_t>(k_max_disks));
}

TEST_CASE("--disk-size takes M, G, T of at least 1 GiB", "[lab]")
{
    CHECK(*parse_disk_size("8G") == 8ULL << 30);
    CHECK(*parse_disk_size("1024M") == 1ULL << 30);
    CHECK(*parse_disk_size("1T") == 1ULL << 40);
    for (const char* bad : {"", "G", "8", "8g", "8GB", "-1G", "512M", "0G", "1.5G", " 8G", "99999999G", "65T"}) {
        INFO(bad);
        const auto parsed = parse_disk_size(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == scsctl::core::ErrorKind::usage);
        CHECK(parsed.error().message.find("--disk-size '" + std::string(bad) + "'") == 0);
    }
}

TEST_CASE("losetup's raw list gives devices and their backing files", "[lab]")
{
    const auto loops = parse_losetup_list("/dev/loop1 /srv/lab/hosts/lab2/disks/vdb.img\n"
                                          "/dev/loop0 /srv/my\\x20lab/vdb.img (deleted)\n"
                                          "/dev/loop7 \n"
                                          "garbage\n");
    REQUIRE(loops.size() == 3);
    CHECK(loops[0] == std::pair<std::string, std::string>{"/dev/loop1", "/srv/lab/hosts/lab2/disks/vdb.img"});
    CHECK(loops[1].second == "/srv/my lab/vdb.img");
    CHECK(loops[2] == std::pair<std::string, std::string>{"/dev/loop7", ""});
    CHECK(parse_losetup_list("").empty());
}
