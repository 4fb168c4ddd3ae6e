// CIDR parsing (IPv4, IPv6, prefixes, host bits), overlap, and address syntax of hosts
// and BMCs (names, IPs, schemes, ports).
#include <catch2/catch.hpp>

#include "layers/net_address.hpp"

using namespace scsctl::layers;

TEST_CASE("CIDRs parse for IPv4 and IPv6", "[layers]")
{
    auto v4 = parse_cidr("192.0.2.0/24");
    REQUIRE(v4);
    CHECK_FALSE(v4->ipv6);
    CHECK(v4->prefix == 24);
    CHECK(cidr_text(*v4) == "192.0.2.0/24");
    auto v6 = parse_cidr("2001:db8::/32");
    REQUIRE(v6);
    CHECK(v6->ipv6);
    CHECK(cidr_text(*v6) == "2001:db8::/32");
    CHECK(parse_cidr("0.0.0.0/0"));
}

TEST_CASE("invalid CIDRs are refused with the reason", "[layers]")
{
    CHECK(parse_cidr("192.0.2.0").error().message == "'192.0.2.0' is not a CIDR (ADDRESS/PREFIX)");
    CHECK(parse_cidr("192.0.2.0/33").error().message == "'192.0.2.0/33' is not a CIDR: the prefix must be 0 to 32");
    CHECK(parse_cidr("2001:db8::/129").error().message ==
          "'2001:db8::/129' is not a CIDR: the prefix must be 0 to 128");
    CHECK(parse_cidr("192.0.2.1/24").error().message ==
          "'192.0.2.1/24' has host bits set (did you mean '192.0.2.0/24'?)");
    CHECK(parse_cidr("300.0.0.0/8").error().message ==
          "'300.0.0.0/8' is not a CIDR: '300.0.0.0' is not an IPv4 address");
    CHECK_FALSE(parse_cidr("10.0.0.0/"));
    CHECK_FALSE(parse_cidr("10.0.0.0/x"));
    CHECK_FALSE(parse_cidr("/8"));
    CHECK_FALSE(parse_cidr(""));
}

TEST_CASE("overlap is agreement on the shorter prefix", "[layers]")
{
    const auto a = *parse_cidr("10.0.0.0/8");
    const auto b = *parse_cidr("10.244.0.0/16");
    const auto c = *parse_cidr("192.168.0.0/16");
    const auto d = *parse_cidr("10.245.0.0/16");
    const auto v6 = *parse_cidr("::/0");
    CHECK(overlaps(a, b));
    CHECK(overlaps(b, a));
    CHECK_FALSE(overlaps(a, c));
    CHECK_FALSE(overlaps(b, d));
    CHECK_FALSE(overlaps(a, v6));
    CHECK(overlaps(*parse_cidr("2001:db8::/32"), *parse_cidr("2001:db8:1::/48")));
    CHECK_FALSE(overlaps(*parse_cidr("2001:db8::/48"), *parse_cidr("2001:db8:1::/48")));
}

TEST_CASE("addresses: names and IPs; BMCs also scheme and port", "[layers]")
{
    for (const char* ok : {"bmc1.example", "192.0.2.1", "2001:db8::1", "node-1"}) {
        CHECK(check_address(ok, false));
        CHECK(check_address(ok, true));
    }
    for (const char* ok : {"https://198.51.100.1", "ipmi://bmc1:623", "https://[2001:db8::1]:8443", "10.0.0.1:443"}) {
        CHECK(check_address(ok, true));
        CHECK_FALSE(check_address(ok, false));
    }
    for (const char* bad : {"", "bad name", "300.1.1.1", "-x", "ftp://host", "https://", "host:0", "host:99999",
                            "https://[2001:db8::1]", "https://10.0.0.300:443", "a..b"}) {
        CHECK_FALSE(check_address(bad, true));
    }
    CHECK(check_address("ftp://h", true).error().message ==
          "'ftp://h' is not an address: unsupported scheme 'ftp://' (use https:// or ipmi://)");
    CHECK(check_address("h:x", true).error().message == "'h:x' is not an address: invalid port 'x'");
}
