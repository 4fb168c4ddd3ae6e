// Tests of expand_host_entry and parse_address's split, with the results that
// ansible-inventory 2.14 gives for the same INI host patterns.
#include "inventory/host_range.hpp"

#include <catch2/catch.hpp>

#include "inventory/host_address.hpp"

using scsctl::inventory::expand_host_entry;
using scsctl::inventory::HostEntry;
using Names = std::vector<std::string>;

namespace {

HostEntry entry(const std::string& text)
{
    auto result = expand_host_entry(text);
    INFO(text << ": " << (result ? std::string() : result.error().message));
    REQUIRE(result.has_value());
    return *result;
}

std::string failure(const std::string& text)
{
    auto result = expand_host_entry(text);
    INFO(text);
    REQUIRE_FALSE(result.has_value());
    return result.error().message;
}

} // namespace

TEST_CASE("numeric ranges keep their width and step", "[host_range]")
{
    CHECK(entry("web[01:03]").names == Names{"web01", "web02", "web03"});
    CHECK(entry("web[1:3]").names == Names{"web1", "web2", "web3"});
    CHECK(entry("b[09:10]").names == Names{"b09", "b10"});
    CHECK(entry("a[1:10:3]").names == Names{"a1", "a4", "a7", "a10"});
    CHECK(entry("b[:3]").names == Names{"b0", "b1", "b2", "b3"});
    CHECK(entry("b[-1:1]").names == Names{"b-1", "b0", "b1"});
    CHECK(entry("b[1_0:12]").names == Names{"b10", "b11", "b12"});
    CHECK(entry("10.0.0.[1:3]").names == Names{"10.0.0.1", "10.0.0.2", "10.0.0.3"});
    CHECK(entry("[1:3].example").names == Names{"1.example", "2.example", "3.example"});
    CHECK(entry("b[5:1:-1]").names == Names{"b5", "b4", "b3"}); // range(5, 2, -1)
}

TEST_CASE("letter ranges and several ranges in one name", "[host_range]")
{
    CHECK(entry("db-[a:c].example.com").names == Names{"db-a.example.com", "db-b.example.com", "db-c.example.com"});
    CHECK(entry("b[a:c:2]").names == Names{"ba", "bc"});
    CHECK(entry("b[z:B]").names == Names{"bz", "bA", "bB"}); // ascii_letters order
    CHECK(entry("x[1:2]y[a:b]").names == Names{"x1ya", "x1yb", "x2ya", "x2yb"});
    // Ansible splits at the first '[' and the first ']', wherever they are.
    CHECK(entry("b]1:3[").names == Names{"b1", "b2", "b3"});
    CHECK(entry("b[1:3]]").names == Names{"b1]", "b2]", "b3]"});
}

TEST_CASE("ports are split off as parse_address does", "[host_range]")
{
    CHECK(entry("h:22").names == Names{"h"});
    CHECK(entry("h:22").port == 22);
    CHECK(entry("[::1]:22").names == Names{"::1"});
    CHECK(entry("[::1]:22").port == 22);
    CHECK(entry("::1").names == Names{"::1"});
    CHECK_FALSE(entry("::1").port);
    CHECK(entry("fe80::1").names == Names{"fe80::1"});
    CHECK(entry("[web1]:22").names == Names{"web1"});
    CHECK(entry("b[1:3]:22").names == Names{"b1", "b2", "b3"});
    CHECK(entry("b[1:3]:22").port == 22);
    CHECK(entry("[b[1:2]]:22").names == Names{"b1", "b2"});
    CHECK(entry("db-[a:b].example.com:2222").port == 2222);
    // Not a host name once split: the whole text is the host, without a port.
    CHECK(entry("host:abc").names == Names{"host:abc"});
    CHECK(entry("a:b:22").names == Names{"a:b:22"});
    CHECK_FALSE(entry("a:b:22").port);
    CHECK(entry("foo_:22").names == Names{"foo_:22"});
    CHECK_FALSE(entry("foo_:22").port);
    // Port 0 is falsy for Ansible's Host(): no ansible_port.
    CHECK(entry("h:0").names == Names{"h"});
    CHECK_FALSE(entry("h:0").port);
    // A trailing ':' is no port (the INI loader rejects it).
    CHECK(entry("h:").names == Names{"h:"});
    CHECK_FALSE(entry("h:").port);
}

TEST_CASE("bad ranges fail with the range and its column", "[host_range]")
{
    CHECK_THAT(failure("b[5:1]"), Catch::Contains("'[5:1]'") && Catch::Contains("empty"));
    CHECK(expand_host_entry("web-b[5:1]").error().where.column == 6);
    CHECK_THAT(failure("b[a:9]"), Catch::Contains("'a'"));
    CHECK_THAT(failure("b[1:"), Catch::Contains("no closing ']'"));
    CHECK_THAT(failure("b[]"), Catch::Contains("begin:end"));
    CHECK_THAT(failure("b[1:2:3:4]"), Catch::Contains("begin:end"));
    CHECK_THAT(failure("b[x]"), Catch::Contains("begin:end"));
    CHECK_THAT(failure("b[1:3:0]"), Catch::Contains("step of zero"));
    CHECK_THAT(failure("b[001:10]"), Catch::Contains("equal length"));
    CHECK_THAT(failure("b[01:1]"), Catch::Contains("equal length"));
    CHECK_THAT(failure("b[A:c]"), Catch::Contains("begin <= end"));
    CHECK_THAT(failure("b[1:3:x]"), Catch::Contains("'x'"));
    CHECK_THAT(failure("b[[1:2]]"), Catch::Contains("'[1'"));
    CHECK_THAT(failure("b[1:]"), Catch::Contains("end value"));
    CHECK_THAT(failure("h:99999999999"), Catch::Contains("out of range"));
}

TEST_CASE("expansion is capped", "[host_range]")
{
    CHECK_THAT(failure("h[0:99999999999]"), Catch::Contains("more than 1000000"));
    CHECK_THAT(failure("h[0:999]x[0:999]y[0:9]"), Catch::Contains("more than 1000000"));
    CHECK(entry("h[0:999]x[0:99]").names.size() == 100000);
}

TEST_CASE("host names and IPv6 patterns follow addresses.py", "[host_range]")
{
    using scsctl::inventory::is_host_name;
    using scsctl::inventory::is_ipv6_pattern;
    CHECK(is_host_name("web01.example.com"));
    CHECK(is_host_name("_x"));
    CHECK(is_host_name("db[a:c]"));
    CHECK_FALSE(is_host_name("x_"));
    CHECK_FALSE(is_host_name("-x"));
    CHECK_FALSE(is_host_name("a..b"));
    CHECK_FALSE(is_host_name("a:b"));
    CHECK_FALSE(is_host_name(""));
    CHECK(is_ipv6_pattern("::1"));
    CHECK(is_ipv6_pattern("fe80::1"));
    CHECK(is_ipv6_pattern("1:2:3:4:5:6:7:8"));
    CHECK(is_ipv6_pattern("0:0:0:0:0:ffff:1.2.3.4"));
    CHECK(is_ipv6_pattern("[0:f]::1"));
    CHECK_FALSE(is_ipv6_pattern("12345::1"));
    CHECK_FALSE(is_ipv6_pattern("1:2:3"));
    CHECK_FALSE(is_ipv6_pattern("web"));
}
