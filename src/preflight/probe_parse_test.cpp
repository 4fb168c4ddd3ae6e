// The probe's parser on real-shaped output: os-release quoting, meminfo, df lines with
// spaces in mount points, ss lines (IPv4, IPv6, interface-scoped, several processes), the
// frame (header, end line) and malformed lines.
#include <catch2/catch.hpp>

#include "preflight/probe.hpp"

using namespace scsctl::preflight;

namespace {

const std::string k_output =
    "motd noise before the header\n"
    "scsctl-preflight 1\n"
    "uid 0\n"
    "os PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
    "os ID=debian\n"
    "os VERSION_ID=\"12\"\n"
    "mem MemTotal 16318904\n"
    "mem MemAvailable 12000000\n"
    "df /\t53687091200\t/\n"
    "df /var/lib\t1073741824\t/var/lib\n"
    "df /srv/osd files/a.img\t2147483648\t/srv/osd files\n"
    "osdfile 4096\t/srv/osd files/a.img\n"
    "osdfile -\t/var/lib/ceph/osd-files/osd1.img\n"
    "ntp timedatectl yes\n"
    "ss yes\n"
    "listen LISTEN 0      128          0.0.0.0:22        0.0.0.0:*    users:((\"sshd\",pid=812,fd=3))\n"
    "listen LISTEN 0      4096            [::]:6641          [::]:*    "
    "users:((\"ovsdb-server\",pid=77,fd=9),(\"ovsdb-server\",pid=78,fd=9))\n"
    "listen LISTEN 0      4096   127.0.0.53%lo:53        0.0.0.0:*\n"
    "time 1700000000.250000000\n"
    "end\n";

} // namespace

TEST_CASE("preflight probe output parses into facts", "[preflight]")
{
    const auto facts = parse_probe_output(k_output);
    REQUIRE(facts);
    CHECK(facts->uid == 0);
    CHECK(facts->os_release.at("ID") == "debian");
    CHECK(facts->os_release.at("VERSION_ID") == "12");
    CHECK(facts->os_release.at("PRETTY_NAME") == "Debian GNU/Linux 12 (bookworm)");
    CHECK(facts->mem_total_bytes == 16318904ULL * 1024);
    CHECK(facts->mem_available_bytes == 12000000ULL * 1024);
    REQUIRE(facts->disks.size() == 3);
    CHECK(facts->disks[1].path == "/var/lib");
    CHECK(facts->disks[1].available_bytes == 1073741824ULL);
    CHECK(facts->disks[2].mount == "/srv/osd files");
    REQUIRE(facts->osd_files.size() == 2);
    CHECK(facts->osd_files[0].allocated_bytes == 4096U);
    CHECK_FALSE(facts->osd_files[1].allocated_bytes.has_value());
    CHECK(facts->ntp_source == "timedatectl");
    CHECK(facts->ntp_state == "yes");
    CHECK(facts->ss_available);
    REQUIRE(facts->listeners.size() == 3);
    CHECK(facts->listeners[0].port == 22);
    CHECK(facts->listeners[0].processes.at(0).name == "sshd");
    CHECK(facts->listeners[0].processes.at(0).pid == 812);
    CHECK(facts->listeners[1].port == 6641);
    CHECK(facts->listeners[1].address == "[::]:6641");
    CHECK(facts->listeners[1].processes.size() == 2);
    CHECK(facts->listeners[2].port == 53);
    CHECK(facts->listeners[2].processes.empty());
    REQUIRE(facts->remote_time);
    CHECK(*facts->remote_time == Approx(1700000000.25));
}

TEST_CASE("preflight probe output: raw disks with their state, size and content", "[preflight]")
{
    const auto facts = parse_probe_output("scsctl-preflight 1\n"
                                          "osddev empty\t6442450944\t\t/dev/vdb\n"
                                          "osddev busy\t1024\tsdc1 is mounted\t/dev/sdc\n"
                                          "osddev missing\t0\t\t/dev/disk/by-id/gone\n"
                                          "end\n");
    REQUIRE(facts);
    REQUIRE(facts->osd_devices.size() == 3);
    CHECK(facts->osd_devices[0].path == "/dev/vdb");
    CHECK(facts->osd_devices[0].state == "empty");
    CHECK(facts->osd_devices[0].size_bytes == 6442450944ULL);
    CHECK(facts->osd_devices[0].content.empty());
    CHECK(facts->osd_devices[1].content == "sdc1 is mounted");
    CHECK(facts->osd_devices[2].state == "missing");
    CHECK_FALSE(parse_probe_output("scsctl-preflight 1\nosddev empty\tlots\t\t/dev/vdb\nend\n"));
    CHECK_FALSE(parse_probe_output("scsctl-preflight 1\nosddev empty\t1\t/dev/vdb\nend\n"));
}

TEST_CASE("preflight probe output without its frame or with a broken line is refused", "[preflight]")
{
    CHECK_FALSE(parse_probe_output("sudo: a password is required\n"));
    const auto cut = k_output.substr(0, k_output.find("time "));
    const auto cut_result = parse_probe_output(cut);
    REQUIRE_FALSE(cut_result);
    CHECK(cut_result.error().message.find("ends early") != std::string::npos);
    const auto broken = parse_probe_output("scsctl-preflight 1\ndf /\tlots\t/\nend\n");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().message.find("malformed line: 'df /") != std::string::npos);
    CHECK_FALSE(parse_probe_output("scsctl-preflight 1\ntime soon\nend\n"));
}

TEST_CASE("preflight chrony and missing time sources", "[preflight]")
{
    auto chrony = parse_probe_output("scsctl-preflight 1\nntp chrony Not synchronised\nss no\nend\n");
    REQUIRE(chrony);
    CHECK(chrony->ntp_source == "chrony");
    CHECK(chrony->ntp_state == "Not synchronised");
    CHECK_FALSE(chrony->ss_available);
    auto none = parse_probe_output("scsctl-preflight 1\nntp none\nend\n");
    REQUIRE(none);
    CHECK(none->ntp_source.empty());
    CHECK_FALSE(none->remote_time.has_value());
}

TEST_CASE("preflight ss lines", "[preflight]")
{
    CHECK_FALSE(parse_ss_line("ESTAB 0 0 10.0.0.1:22 10.0.0.2:5555"));
    CHECK_FALSE(parse_ss_line("LISTEN 0 128 nonsense *:*"));
    const auto star = parse_ss_line("LISTEN 0 128 *:6789 *:* users:((\"ceph-mon\",pid=9,fd=20))");
    REQUIRE(star);
    CHECK(star->port == 6789);
    CHECK(star->processes.at(0).name == "ceph-mon");
}

TEST_CASE("preflight os-release values lose their quotes and escapes", "[preflight]")
{
    CHECK(unquote_os_release("debian") == "debian");
    CHECK(unquote_os_release("\"12\"") == "12");
    CHECK(unquote_os_release("'single \\ kept'") == "single \\ kept");
    CHECK(unquote_os_release("\"say \\\"hi\\\"\"") == "say \"hi\"");
}

TEST_CASE("preflight probe script quotes every inventory path", "[preflight]")
{
    const auto script = probe_script({"/", "/var/lib"}, {"/srv/it's here.img"});
    CHECK(script.find("for p in / /var/lib '/srv/it'\\''s here.img'; do") != std::string::npos);
    CHECK(script.find("for f in '/srv/it'\\''s here.img'; do") != std::string::npos);
    CHECK(script.rfind("echo \"time $(date +%s.%N)\"\necho end\n") == script.size() - 36);
}
