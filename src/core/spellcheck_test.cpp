// Tests for spelling hints.
#include <catch2/catch.hpp>

#include "core/spellcheck.hpp"

using namespace scsctl::core;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps")
{
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("web", "web") == 0);
    CHECK(edit_distance("web", "webs") == 1);
    CHECK(edit_distance("ceph_mon", "ceph-mon") == 1);
    CHECK(edit_distance("ab", "ba") == 1);
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("closest match suggests only plausible typos")
{
    const std::vector<std::string> names{"ceph_mon", "ceph_osd", "ovn_central", "all"};
    CHECK(closest_match("ceph-mon", names) == "ceph_mon");
    CHECK(closest_match("ovn_centrl", names) == "ovn_central");
    CHECK_FALSE(closest_match("kubernetes", names).has_value());
    CHECK(did_you_mean("ceph_osds", names) == " (did you mean 'ceph_osd'?)");
    CHECK(did_you_mean("zzz", names).empty());
}
