// Mounts below a path, deepest first, with /proc/mounts' octal escapes decoded; a path
// that merely shares a prefix is not below.
#include <catch2/catch.hpp>

#include "lab/fs_util.hpp"

using namespace scsctl::lab;

TEST_CASE("mounts below a lab directory are found deepest first", "[lab]")
{
    const std::string mounts = "/dev/vda / ext4 rw 0 0\n"
                               "overlay /tmp/lab/hosts/lab1/root overlay rw 0 0\n"
                               "proc /tmp/lab/hosts/lab1/root/proc proc rw 0 0\n"
                               "overlay /tmp/lab2/hosts/lab1/root overlay rw 0 0\n"
                               "overlay /tmp/my\\040lab/root overlay rw 0 0\n";
    const auto below = mounts_below(mounts, "/tmp/lab");
    REQUIRE(below.size() == 2);
    CHECK(below[0] == "/tmp/lab/hosts/lab1/root/proc");
    CHECK(below[1] == "/tmp/lab/hosts/lab1/root");
    const auto spaced = mounts_below(mounts, "/tmp/my lab");
    REQUIRE(spaced.size() == 1);
    CHECK(spaced[0] == "/tmp/my lab/root");
}
