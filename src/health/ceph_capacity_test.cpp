// ceph_capacity: real `ceph df` and `ceph osd dump` documents of a Ceph 16.2 cluster
// (tests/health/README.md) filled to below, near and past its full ratio.
#include "health/ceph_capacity.hpp"

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

using namespace scsctl::health;

TEST_CASE("ceph df and osd dump of Ceph 16 are read", "[health][ceph]")
{
    const auto capacity = parse_ceph_df(fixture("ceph-df-nearfull.json"));
    CHECK(capacity.total_bytes == 268435456);
    CHECK(capacity.used_raw_bytes == 232026096);
    CHECK(capacity.raw_ratio == Approx(0.8643645644187927));
    REQUIRE(capacity.pools.size() == 2);
    CHECK(capacity.pools[0].name == "scs");
    CHECK(capacity.pools[0].used_ratio == Approx(0.9098482728004456));
    CHECK(capacity.pools[0].stored == 232000000);
    CHECK(capacity.pools[0].max_avail == 22987568);
    const auto ratios = parse_osd_ratios(fixture("ceph-osd-dump.json"));
    CHECK(ratios.nearfull == Approx(0.85));
    CHECK(ratios.full == Approx(0.95));
}

TEST_CASE("an empty cluster is ok", "[health][ceph]")
{
    const auto verdict = judge_ceph_capacity(parse_ceph_df(fixture("ceph-df-ok.json")),
                                             parse_osd_ratios(fixture("ceph-osd-dump.json")));
    CHECK(verdict.level == CapacityLevel::ok);
    CHECK(verdict.detail == "raw 0.0% used (25.5 KiB of 256.0 MiB), 2 pools, fullest scs 0.0%; nearfull at 85.0%, "
                            "full at 95.0%");
}

TEST_CASE("raw usage past the nearfull ratio warns, a pool past it too", "[health][ceph]")
{
    const auto ratios = parse_osd_ratios(fixture("ceph-osd-dump.json"));
    const auto raw = judge_ceph_capacity(parse_ceph_df(fixture("ceph-df-nearfull.json")), ratios);
    CHECK(raw.level == CapacityLevel::nearfull);
    CHECK(raw.detail == "nearfull: raw 86.4% used (221.3 MiB of 256.0 MiB), 2 pools, fullest scs 91.0%; nearfull at "
                        "85.0%, full at 95.0%; pool scs 91.0% nearfull");
    // Raw 83.5%, below the ratio; the pool (its share of what the OSDs can still take) is past it.
    const auto pool = judge_ceph_capacity(parse_ceph_df(fixture("ceph-df-pool-nearfull.json")), ratios);
    CHECK(pool.level == CapacityLevel::nearfull);
    CHECK(pool.detail.find("; pool scs 87.8% nearfull") != std::string::npos);
    CHECK(pool.detail.starts_with("nearfull: raw 83.5% used"));
}

TEST_CASE("raw usage past the full ratio is full; empty pools with nothing left are not named", "[health][ceph]")
{
    const auto verdict = judge_ceph_capacity(parse_ceph_df(fixture("ceph-df-full.json")),
                                             parse_osd_ratios(fixture("ceph-osd-dump.json")));
    CHECK(verdict.level == CapacityLevel::full);
    CHECK(verdict.detail.starts_with("full: raw 95.6% used"));
    CHECK(verdict.detail.ends_with("; pool scs 100.0% full"));
    CHECK(verdict.detail.find("device_health_metrics 0.0%") == std::string::npos);
}

TEST_CASE("the cluster's own ratios decide, defaults apply without an osd dump", "[health][ceph]")
{
    const auto capacity = parse_ceph_df(fixture("ceph-df-pool-nearfull.json")); // raw 83.5%, pool 87.8%
    CHECK(judge_ceph_capacity(capacity, CephRatios{0.80, 0.83}).level == CapacityLevel::full);
    CHECK(judge_ceph_capacity(capacity, CephRatios{0.90, 0.97}).level == CapacityLevel::ok);
    const auto defaults = parse_osd_ratios(nlohmann::json::object());
    CHECK(defaults.nearfull == 0.85);
    CHECK(defaults.full == 0.95);
    CHECK(parse_osd_ratios(nlohmann::json{{"nearfull_ratio", 7}, {"full_ratio", 0.9}}).nearfull == 0.85);
    CHECK(parse_osd_ratios(nlohmann::json{{"nearfull_ratio", 7}, {"full_ratio", 0.9}}).full == 0.9);
    // A cluster reporting no capacity (no OSD in) cannot take writes.
    const auto none = judge_ceph_capacity(parse_ceph_df(nlohmann::json::parse(R"({"stats":{"total_bytes":0},"pools":[]})")),
                                          CephRatios{});
    CHECK(none.level == CapacityLevel::full);
    CHECK(none.detail == "full: the cluster reports no capacity (no OSD up and in)");
}
