// Clock skew judged from readings: the offset from the round trip's midpoint, the median
// of the hosts as reference, the threshold both ways, and the parsing of `date` output
// and of the inventory variable.
#include <catch2/catch.hpp>

#include "health/clock_skew.hpp"

using namespace scsctl::health;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;

TEST_CASE("clock offset is the host's time minus the middle of the round trip", "[clock_skew]")
{
    // Sent at 1000 s, answered at 1000.2 s; the host read 1000.1 s: no offset.
    const nanoseconds base = std::chrono::seconds(1000);
    CHECK(clock_offset(base + milliseconds(100), base, base + milliseconds(200)) == nanoseconds(0));
    CHECK(clock_offset(base + milliseconds(850), base, base + milliseconds(200)) == milliseconds(750));
    CHECK(clock_offset(base - milliseconds(400), base, base + milliseconds(200)) == milliseconds(-500));
}

TEST_CASE("skew is measured from the median of the hosts' offsets", "[clock_skew]")
{
    // The controller is 10 s off from all hosts: it cancels out. h3 is 0.7 s ahead.
    const std::vector<ClockSample> samples{{"h1", milliseconds(10000), microseconds(800)},
                                           {"h2", milliseconds(10010), microseconds(900)},
                                           {"h3", milliseconds(10700), microseconds(1200)}};
    const auto verdicts = evaluate_clock_skew(samples, milliseconds(500));
    REQUIRE(verdicts.size() == 3);
    CHECK(verdicts[0].skew == milliseconds(-10));
    CHECK(verdicts[0].ok);
    CHECK(verdicts[1].skew == nanoseconds(0));
    CHECK(verdicts[1].ok);
    CHECK(verdicts[2].skew == milliseconds(690));
    CHECK_FALSE(verdicts[2].ok);
    CHECK(verdicts[2].detail == "skew +0.690000 s exceeds 0.500000 s from the hosts' median (offset to the "
                                "controller +10.700000 s, round trip 0.001200 s)");
    CHECK(verdicts[0].detail == "skew -0.010000 s within 0.500000 s from the hosts' median (offset to the "
                                "controller +10.000000 s, round trip 0.000800 s)");
}

TEST_CASE("an even number of hosts takes the midpoint of the two middle offsets", "[clock_skew]")
{
    const auto verdicts = evaluate_clock_skew({{"a", milliseconds(0), {}}, {"b", milliseconds(300), {}}},
                                              milliseconds(100));
    REQUIRE(verdicts.size() == 2);
    CHECK(verdicts[0].skew == milliseconds(-150));
    CHECK(verdicts[1].skew == milliseconds(150));
    CHECK_FALSE(verdicts[0].ok);
    CHECK_FALSE(verdicts[1].ok);
    // Exactly at the threshold passes.
    CHECK(evaluate_clock_skew({{"a", milliseconds(0), {}}, {"b", milliseconds(200), {}}}, milliseconds(100))[1].ok);
}

TEST_CASE("one host is its own reference; no hosts give no verdicts", "[clock_skew]")
{
    const auto verdicts = evaluate_clock_skew({{"solo", std::chrono::seconds(-30), {}}}, microseconds(1));
    REQUIRE(verdicts.size() == 1);
    CHECK(verdicts[0].ok);
    CHECK(verdicts[0].skew == nanoseconds(0));
    CHECK(evaluate_clock_skew({}, microseconds(1)).empty());
}

TEST_CASE("date +%s.%N output and the allowed skew variable are parsed strictly", "[clock_skew]")
{
    CHECK(parse_epoch_nanoseconds("1764000000.123456789\n") == nanoseconds(1764000000123456789LL));
    CHECK(parse_epoch_nanoseconds("5.000000001") == nanoseconds(5000000001LL));
    CHECK_FALSE(parse_epoch_nanoseconds("1764000000.N").has_value());
    CHECK_FALSE(parse_epoch_nanoseconds("1764000000").has_value());
    CHECK_FALSE(parse_epoch_nanoseconds("1764000000.12345").has_value());
    CHECK_FALSE(parse_epoch_nanoseconds("-1.000000000").has_value());
    CHECK_FALSE(parse_epoch_nanoseconds("").has_value());
    CHECK(parse_max_skew("v", "0.5").value() == milliseconds(500));
    CHECK(parse_max_skew("v", "1e-6").value() == microseconds(1));
    CHECK(parse_max_skew("v", "60").value() == std::chrono::seconds(60));
    CHECK(parse_max_skew("scsctl_clock_skew_max", "fast").error().message ==
          "scsctl_clock_skew_max: 'fast' is not a positive number of seconds (at most 86400)");
    CHECK_FALSE(parse_max_skew("v", "0").has_value());
    CHECK_FALSE(parse_max_skew("v", "-1").has_value());
    CHECK_FALSE(parse_max_skew("v", "").has_value());
    CHECK(signed_seconds(nanoseconds(-1500)) == "-0.000001 s");
}
