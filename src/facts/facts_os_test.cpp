// The facts parser on constructed probe output: other distributions, the text fallback
// when ip has no -j, systemd detection and the package manager choice.
#include <catch2/catch.hpp>

#include <string>

#include "facts/facts_parse.hpp"
#include "facts/facts_probe.hpp"

namespace {

using scsctl::core::Value;
using scsctl::facts::section_marker;

std::string probe_output(const std::vector<std::pair<std::string, std::string>>& sections)
{
    std::string out;
    for (const auto& [name, text] : sections) {
        out += "\n" + section_marker(name) + "\n" + text;
    }
    return out;
}

} // namespace

TEST_CASE("facts for Ubuntu, Rocky and Alpine", "[facts]")
{
    const Value ubuntu = scsctl::facts::parse_facts(probe_output({
        {"os_release", "NAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\nVERSION_CODENAME=jammy\n"},
        {"debian_version", "bookworm/sid\n"},
        {"pkg_mgrs", "apt-get\n"},
    }));
    CHECK(ubuntu["distribution"] == "Ubuntu");
    CHECK(ubuntu["os_family"] == "Debian");
    CHECK(ubuntu["distribution_version"] == "22.04");
    CHECK(ubuntu["distribution_major_version"] == "22");
    CHECK(ubuntu["distribution_release"] == "jammy");
    CHECK(ubuntu["pkg_mgr"] == "apt");

    const Value rocky = scsctl::facts::parse_facts(probe_output({
        {"os_release", "NAME=\"Rocky Linux\"\nVERSION_ID=\"9.3\"\nID=\"rocky\"\n"},
        {"pkg_mgrs", "dnf\nyum\n"},
    }));
    CHECK(rocky["distribution"] == "Rocky");
    CHECK(rocky["os_family"] == "RedHat");
    CHECK(rocky["distribution_major_version"] == "9");
    CHECK(rocky["distribution_release"] == "NA");
    CHECK(rocky["pkg_mgr"] == "dnf");

    const Value alpine = scsctl::facts::parse_facts(probe_output({
        {"os_release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n"},
        {"alpine_release", "3.19.1\n"},
        {"pkg_mgrs", "apk\n"},
    }));
    CHECK(alpine["os_family"] == "Alpine");
    CHECK(alpine["distribution_version"] == "3.19.1");
    CHECK(alpine["pkg_mgr"] == "apk");
}

TEST_CASE("facts from ip's text output and systemd hosts", "[facts]")
{
    const Value facts = scsctl::facts::parse_facts(probe_output({
        {"hostname", "web1.example.org\n"},
        {"fqdn", "10.0.0.5 web1.example.org web1\n"},
        {"ip_addr_text", "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever\n"
                         "2: ens3    inet 10.0.0.5/24 brd 10.0.0.255 scope global ens3\\       valid_lft forever\n"},
        {"ip_route_text", "default via 10.0.0.1 dev ens3 proto static\n"},
        {"links", "ens3 1500 52:54:00:aa:bb:cc 1 up\nlo 65536 00:00:00:00:00:00 772 unknown\n"},
        {"proc1_comm", "systemd\n"},
        {"mounts", "/dev/sda1 /srv\\040data ext4 rw 0 0\ntmpfs /run tmpfs rw 0 0\n"},
    }));
    CHECK(facts["hostname"] == "web1");
    CHECK(facts["fqdn"] == "web1.example.org");
    CHECK(facts["domain"] == "example.org");
    CHECK(facts["default_ipv4"]["address"] == "10.0.0.5");
    CHECK(facts["default_ipv4"]["gateway"] == "10.0.0.1");
    CHECK(facts["default_ipv4"]["network"] == "10.0.0.0");
    CHECK(facts["default_ipv4"]["netmask"] == "255.255.255.0");
    CHECK(facts["default_ipv4"]["macaddress"] == "52:54:00:aa:bb:cc");
    CHECK(facts["default_ipv4"]["mtu"] == 1500);
    CHECK(facts["all_ipv4_addresses"] == Value::array({"10.0.0.5"}));
    CHECK(facts["lo"]["type"] == "loopback");
    CHECK(facts["service_mgr"] == "systemd");
    REQUIRE(facts["mounts"].size() == 1);
    CHECK(facts["mounts"][0]["mount"] == "/srv data");
}

TEST_CASE("service_mgr falls back on markers when PID 1 is a generic init", "[facts]")
{
    const Value systemd = scsctl::facts::parse_facts(probe_output({
        {"proc1_comm", "init\n"},
        {"service_hints", "/run/systemd/system\n/etc/init.d\nsystemctl\n"},
    }));
    CHECK(systemd["service_mgr"] == "systemd");
    const Value sysv = scsctl::facts::parse_facts(probe_output({
        {"proc1_comm", "sh\n"},
        {"service_hints", "/etc/init.d\n"},
    }));
    CHECK(sysv["service_mgr"] == "sysvinit");
}
