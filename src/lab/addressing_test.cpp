// Lab addressing: CIDR parsing, overlap, /proc/net/route parsing, subnet derivation that
// skips routed networks, host addresses and interface name lengths.
#include <catch2/catch.hpp>

#include "lab/addressing.hpp"

using namespace scsctl::lab;

namespace {

Ipv4Net net(const char* text)
{
    auto parsed = parse_ipv4_net(text);
    REQUIRE(parsed);
    return *parsed;
}

} // namespace

TEST_CASE("IPv4 networks parse, print and refuse host bits", "[lab]")
{
    CHECK(net("10.213.7.0/24").str() == "10.213.7.0/24");
    CHECK(net("0.0.0.0/0").mask() == 0);
    CHECK_FALSE(parse_ipv4_net("10.213.7.0"));
    CHECK_FALSE(parse_ipv4_net("10.213.7/24"));
    CHECK_FALSE(parse_ipv4_net("10.213.7.0/33"));
    CHECK_FALSE(parse_ipv4_net("10.213.256.0/24"));
    const auto host_bits = parse_ipv4_net("10.213.7.5/24");
    REQUIRE_FALSE(host_bits);
    CHECK(host_bits.error().message.find("did you mean 10.213.7.0/24") != std::string::npos);
}

TEST_CASE("overlap is containment either way", "[lab]")
{
    CHECK(overlaps(net("10.0.0.0/8"), net("10.213.7.0/24")));
    CHECK(overlaps(net("10.213.7.0/24"), net("10.0.0.0/8")));
    CHECK_FALSE(overlaps(net("10.213.7.0/24"), net("10.213.8.0/24")));
    CHECK(overlaps(net("10.213.7.0/25"), net("10.213.7.0/24")));
}

TEST_CASE("routes are read from /proc/net/route without the default route", "[lab]")
{
    const char* text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                       "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
                       "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
                       "br0\t0007D50A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
    const auto routes = parse_proc_routes(text);
    REQUIRE(routes.size() == 2);
    CHECK(routes[0].str() == "192.0.2.0/24");
    CHECK(routes[1].str() == "10.213.7.0/24");
}

TEST_CASE("the derived subnet depends on the lab id and skips taken networks", "[lab]")
{
    const auto first = derive_subnet(lab_id("/tmp/lab-a"), {});
    REQUIRE(first);
    CHECK(first->prefix == 24);
    CHECK(overlaps(*first, net("10.192.0.0/10")));
    CHECK(*derive_subnet(lab_id("/tmp/lab-a"), {}) == *first); // stable
    const auto other = derive_subnet(lab_id("/tmp/lab-b"), {});
    REQUIRE(other);
    CHECK_FALSE(*other == *first);
    const auto skipped = derive_subnet(lab_id("/tmp/lab-a"), {*first});
    REQUIRE(skipped);
    CHECK_FALSE(overlaps(*skipped, *first));
    CHECK_FALSE(derive_subnet("x", {net("10.0.0.0/8")}));
}

TEST_CASE("a chosen subnet is refused when routed or of the wrong size", "[lab]")
{
    CHECK(subnet_conflict(net("10.213.7.0/24"), {net("192.0.2.0/24")}).empty());
    CHECK(subnet_conflict(net("10.213.7.0/24"), {net("10.0.0.0/8")}) == "overlaps 10.0.0.0/8, already routed on this machine");
    CHECK(subnet_conflict(net("10.0.0.0/8"), {}).find("/16 and /29") != std::string::npos);
    CHECK(subnet_conflict(net("10.213.7.0/30"), {}).find("/16 and /29") != std::string::npos);
}

TEST_CASE("host addresses start at .11 in a /24 and fit small subnets", "[lab]")
{
    const auto subnet = net("10.213.7.0/24");
    CHECK(format_ipv4(gateway_address(subnet)) == "10.213.7.1");
    CHECK(format_ipv4(host_address(subnet, 1)) == "10.213.7.11");
    CHECK(host_capacity(subnet) == 244); // .11 .. .254
    const auto small = net("10.213.7.0/29");
    CHECK(format_ipv4(host_address(small, 1)) == "10.213.7.2");
    CHECK(host_capacity(small) == 5); // .2 .. .6
}

TEST_CASE("interface names fit the kernel's 15 characters and carry the lab id", "[lab]")
{
    const auto id = lab_id("/var/tmp/some/very/long/lab/directory/name");
    CHECK(id.size() == 8);
    CHECK(bridge_name(id).size() <= 15);
    CHECK(veth_name(id, 200).size() <= 15);
    CHECK(veth_name(id, 1).rfind("slv" + id.substr(0, 6) + "-", 0) == 0);
    CHECK(netns_name(id, "lab1") == "scslab-" + id + "-lab1");
    CHECK(nat_comment(id) == "scsctl-lab-" + id);
}
