// Each preflight check's pass/warn/fail edges, and how a host's transport outcome
// (unreachable, sudo refused, probe cut) turns into its rows.
#include <catch2/catch.hpp>
#include <tuple>

#include "preflight/evaluate.hpp"

using namespace scsctl;
using namespace scsctl::preflight;

namespace {

HostFacts debian_host()
{
    HostFacts facts;
    facts.uid = 0;
    facts.os_release = {{"ID", "debian"}, {"VERSION_ID", "12"}, {"PRETTY_NAME", "Debian GNU/Linux 12 (bookworm)"}};
    facts.mem_total_bytes = 8 * k_gib;
    facts.mem_available_bytes = 6 * k_gib;
    facts.disks = {{"/", "/", 50 * k_gib}, {"/var/lib", "/", 50 * k_gib}};
    facts.ntp_source = "timedatectl";
    facts.ntp_state = "yes";
    facts.ss_available = true;
    facts.remote_time = 1000.0;
    return facts;
}

const std::string k_probe_ok = "scsctl-preflight 1\nuid 0\nos ID=debian\nos VERSION_ID=\"12\"\n"
                               "mem MemTotal 8388608\nmem MemAvailable 6291456\n"
                               "df /\t53687091200\t/\ndf /var/lib\t53687091200\t/\n"
                               "ntp timedatectl yes\nss yes\ntime 1000.0\nend\n";

transport::CommandOutcome answered(std::string stdout_text, int status = 0, std::string stderr_text = "")
{
    transport::CommandResult result;
    result.exit_status = status;
    result.stdout_data = std::move(stdout_text);
    result.stderr_data = std::move(stderr_text);
    result.duration = std::chrono::milliseconds(20);
    return result;
}

transport::CommandOutcome failed(transport::FailureKind kind, std::string message)
{
    return std::unexpected(transport::Failure{kind, std::move(message)});
}

Status status_of(const HostReport& report, const std::string& check)
{
    for (const auto& result : report.checks) {
        if (result.check == check) {
            return result.status;
        }
    }
    FAIL("no check " << check);
    return Status::skip;
}

} // namespace

TEST_CASE("preflight os check: Debian 12 passes, anything else fails naming it", "[preflight]")
{
    CHECK(os_check(debian_host()).status == Status::pass);
    CHECK(os_check(debian_host()).detail == "Debian GNU/Linux 12 (bookworm)");
    auto ubuntu = debian_host();
    ubuntu.os_release = {{"ID", "ubuntu"}, {"VERSION_ID", "22.04"}, {"PRETTY_NAME", "Ubuntu 22.04.4 LTS"}};
    CHECK(os_check(ubuntu).status == Status::fail);
    CHECK(os_check(ubuntu).detail ==
          "found Ubuntu 22.04.4 LTS (ID=ubuntu, VERSION_ID=22.04); scsctl deploys Debian 12 (bookworm)");
    auto trixie = debian_host();
    trixie.os_release["VERSION_ID"] = "13";
    CHECK(os_check(trixie).status == Status::fail);
    trixie.os_release.clear();
    CHECK(os_check(trixie).status == Status::fail);
}

TEST_CASE("preflight disk check: both paths and the OSD files' growth against free space", "[preflight]")
{
    HostRequirements requirements;
    requirements.min_disk_bytes = 10 * k_gib;
    auto facts = debian_host();
    facts.disks = {{"/", "/", 10 * k_gib}, {"/var/lib", "/", 10 * k_gib}};
    const auto exact = disk_check(facts, requirements);
    CHECK(exact.status == Status::pass);
    CHECK(exact.detail == "/ (/var/lib): 10.0 GiB free, needs 10.0 GiB");

    facts.disks = {{"/", "/", 50 * k_gib}, {"/var/lib", "/var/lib", 10 * k_gib - 1}};
    const auto short_var = disk_check(facts, requirements);
    CHECK(short_var.status == Status::fail);
    CHECK(short_var.detail == "/var/lib: 10.0 GiB free, needs 10.0 GiB");

    // Two 4 GiB OSD files on /var/lib, one of them already 3 GiB full: 10 + 4 + 1 GiB.
    requirements.osd_files = {{"/var/lib/ceph/a.img", 4 * k_gib}, {"/var/lib/ceph/b.img", 4 * k_gib}};
    facts.disks = {{"/", "/", 50 * k_gib},
                   {"/var/lib", "/var/lib", 15 * k_gib},
                   {"/var/lib/ceph/a.img", "/var/lib", 15 * k_gib},
                   {"/var/lib/ceph/b.img", "/var/lib", 15 * k_gib}};
    facts.osd_files = {{"/var/lib/ceph/a.img", std::nullopt}, {"/var/lib/ceph/b.img", 3 * k_gib}};
    const auto with_osd = disk_check(facts, requirements);
    CHECK(with_osd.status == Status::pass);
    CHECK(with_osd.detail.find("/var/lib: 15.0 GiB free, needs 15.0 GiB "
                               "(10.0 GiB + 2 OSD files 5.0 GiB)") != std::string::npos);
    facts.osd_files[1].allocated_bytes = 0;
    CHECK(disk_check(facts, requirements).status == Status::fail);

    facts.disks.pop_back();
    const auto unknown = disk_check(facts, requirements);
    CHECK(unknown.status == Status::fail);
    CHECK(unknown.detail.find("/var/lib/ceph/b.img: df reported nothing") != std::string::npos);
}

TEST_CASE("preflight disk check: raw OSD disks must be there, unused and empty (or an OSD's)", "[preflight]")
{
    auto facts = debian_host();
    HostRequirements requirements;
    requirements.osd_devices = {"/dev/vdb", "/dev/vdc"};
    facts.osd_devices = {{"/dev/vdb", "empty", 8 * k_gib, ""}, {"/dev/vdc", "osd", 8 * k_gib, "ceph_bluestore"}};
    auto result = disk_check(facts, requirements);
    CHECK(result.status == Status::pass);
    CHECK(result.detail == "/ (/var/lib): 50.0 GiB free, needs 10.0 GiB; /dev/vdb (8.0 GiB): empty; "
                           "/dev/vdc (8.0 GiB): holds a BlueStore OSD");

    facts.osd_devices[0] = {"/dev/vdb", "used", 8 * k_gib, "ext4"};
    result = disk_check(facts, requirements);
    CHECK(result.status == Status::fail);
    CHECK(result.detail.find("/dev/vdb (8.0 GiB): holds ext4; wipe it or set ceph_osd_wipe_devices: true to let the "
                             "deploy erase it") != std::string::npos);
    requirements.osd_wipe_devices = true;
    result = disk_check(facts, requirements);
    CHECK(result.status == Status::warn);
    CHECK(result.detail.find("/dev/vdb (8.0 GiB): holds ext4, the deploy erases it (ceph_osd_wipe_devices)") !=
          std::string::npos);

    // In use, missing, no block device, too small and unknown fail even when wiping is allowed.
    for (const auto& [state, size, content, says] :
         std::vector<std::tuple<std::string, std::uint64_t, std::string, std::string>>{
             {"busy", 8 * k_gib, "vdb1 is mounted", "/dev/vdb (8.0 GiB): in use (vdb1 is mounted)"},
             {"missing", 0, "", "/dev/vdb: no such device"},
             {"notblock", 0, "", "/dev/vdb: not a block device"},
             {"empty", k_gib / 2, "", "/dev/vdb (0.5 GiB): too small for a BlueStore OSD (at least 1.0 GiB)"},
             {"unknown", 8 * k_gib, "blkid -p exit 4", "/dev/vdb (8.0 GiB): cannot tell what it holds (blkid -p exit 4)"}}) {
        facts.osd_devices[0] = {"/dev/vdb", state, size, content};
        result = disk_check(facts, requirements);
        INFO(state);
        CHECK(result.status == Status::fail);
        CHECK(result.detail.find(says) != std::string::npos);
    }

    facts.osd_devices.pop_back(); // the probe said nothing of /dev/vdc
    facts.osd_devices[0] = {"/dev/vdb", "empty", 8 * k_gib, ""};
    result = disk_check(facts, requirements);
    CHECK(result.status == Status::fail);
    CHECK(result.detail.find("/dev/vdc: the probe reported nothing") != std::string::npos);
}

TEST_CASE("preflight memory check: total below the need fails, available below it warns", "[preflight]")
{
    HostRequirements requirements;
    requirements.min_memory_bytes = 4 * k_gib;
    auto facts = debian_host();
    CHECK(memory_check(facts, requirements).status == Status::pass);
    CHECK(memory_check(facts, requirements).detail == "6.0 GiB available of 8.0 GiB, needs 4.0 GiB");
    facts.mem_available_bytes = 4 * k_gib - 1;
    CHECK(memory_check(facts, requirements).status == Status::warn);
    facts.mem_total_bytes = 4 * k_gib - 1;
    CHECK(memory_check(facts, requirements).status == Status::fail);
    facts.mem_total_bytes.reset();
    CHECK(memory_check(facts, requirements).status == Status::fail);
}

TEST_CASE("preflight time check: offset bounds by the round trip, NTP state warns", "[preflight]")
{
    HostRequirements requirements;
    requirements.max_clock_offset_s = 0.5;
    auto facts = debian_host();
    // Printed at 1000.0 by the host; the controller sent at 999.9 and received at 1000.1.
    CHECK(time_check(facts, requirements, {999.9, 1000.1}).status == Status::pass);
    CHECK(time_check(facts, requirements, {999.9, 1000.1}).detail ==
          "NTP-synchronised (timedatectl); offset from the controller's clock between -0.100 and +0.100 s");
    // 0.5 s ahead at best (the answer arrived at 999.5): at the limit, still passes.
    CHECK(time_check(facts, requirements, {999.4, 999.5}).status == Status::pass);
    const auto ahead = time_check(facts, requirements, {999.3, 999.4});
    CHECK(ahead.status == Status::fail);
    CHECK(ahead.detail == "clock is 0.600 s ahead of the controller's (limit 0.500 s)");
    const auto behind = time_check(facts, requirements, {1002.0, 1002.1});
    CHECK(behind.status == Status::fail);
    CHECK(behind.detail.find("clock is 2.000 s behind") == 0);
    // A slow round trip hides the offset rather than inventing one.
    CHECK(time_check(facts, requirements, {990.0, 1010.0}).status == Status::pass);

    facts.ntp_state = "no";
    CHECK(time_check(facts, requirements, {999.9, 1000.1}).status == Status::warn);
    facts.ntp_source = "chrony";
    facts.ntp_state = "Normal";
    CHECK(time_check(facts, requirements, {999.9, 1000.1}).status == Status::pass);
    facts.ntp_source.clear();
    CHECK(time_check(facts, requirements, {999.9, 1000.1}).status == Status::warn);
    facts.remote_time.reset();
    CHECK(time_check(facts, requirements, {999.9, 1000.1}).status == Status::warn);
}

TEST_CASE("preflight ports check: free or own service passes, a foreign holder fails by name", "[preflight]")
{
    HostRequirements requirements;
    requirements.ports = {{6641, "OVN northbound database", "ovn", {"ovsdb-server"}},
                          {6642, "OVN southbound database", "ovn", {"ovsdb-server"}}};
    auto facts = debian_host();
    facts.listeners = {{"0.0.0.0:22", 22, {{"sshd", 1}}}};
    CHECK(ports_check(facts, requirements).status == Status::pass);
    CHECK(ports_check(facts, requirements).detail == "free: 6641, 6642");

    facts.listeners.push_back({"[::]:6641", 6641, {{"ovsdb-server", 70}}});
    CHECK(ports_check(facts, requirements).status == Status::pass);
    CHECK(ports_check(facts, requirements).detail == "free: 6642; held by their own service: 6641 ovsdb-server");

    facts.listeners.push_back({"0.0.0.0:6642", 6642, {{"python3", 4242}}});
    const auto foreign = ports_check(facts, requirements);
    CHECK(foreign.status == Status::fail);
    CHECK(foreign.detail == "6642 (OVN southbound database) is held by python3 (pid 4242)");

    facts.listeners.back().processes.clear();
    facts.uid = 1000;
    CHECK(ports_check(facts, requirements).detail ==
          "6642 (OVN southbound database) is held by a process ss cannot name without sudo");

    facts.ss_available = false;
    CHECK(ports_check(facts, requirements).status == Status::warn);
    CHECK(ports_check(facts, HostRequirements{}).status == Status::pass);
}

TEST_CASE("preflight host: an unreachable host fails reachable and skips the rest", "[preflight]")
{
    ProbeRun run;
    run.with_become = failed(transport::FailureKind::connection_refused, "h1: connection refused (127.0.0.1:1)");
    const auto report = evaluate_host("h1", run, HostRequirements{});
    REQUIRE(report.checks.size() == std::size(k_check_names));
    CHECK(report.unreachable());
    CHECK(report.checks[0].detail.find("h1: connection refused (127.0.0.1:1)") == 0);
    for (std::size_t i = 1; i < report.checks.size(); ++i) {
        CHECK(report.checks[i].check == k_check_names[i]);
        CHECK(report.checks[i].status == Status::skip);
    }
}

TEST_CASE("preflight host: sudo refused fails sudo, facts come from the run without sudo", "[preflight]")
{
    ProbeRun run;
    run.with_become = failed(transport::FailureKind::sudo_password, "h1: sudo needs a password");
    run.without_become = answered(k_probe_ok);
    run.window = {999.9, 1000.1};
    const auto report = evaluate_host("h1", run, HostRequirements{});
    CHECK_FALSE(report.unreachable());
    CHECK(status_of(report, "reachable") == Status::pass);
    CHECK(status_of(report, "sudo") == Status::fail);
    CHECK(report.checks[1].detail == "sudo needs a password: set ansible_become_password (or allow NOPASSWD)");
    CHECK(status_of(report, "os") == Status::pass);
    CHECK(status_of(report, "disk") == Status::pass);
    CHECK(report.worst() == Status::fail);

    run.become_password = true;
    CHECK(evaluate_host("h1", run, HostRequirements{}).checks[1].detail == "sudo rejected the become password");

    // sudo itself refuses (not in sudoers): exit status 1, no header.
    run.with_become = answered("", 1, "[scsctl-sudo-password]\nbob is not in the sudoers file.\n");
    const auto refused = evaluate_host("h1", run, HostRequirements{});
    CHECK(refused.checks[1].detail == "sudo failed (exit status 1): bob is not in the sudoers file.");
}

TEST_CASE("preflight host: all checks from one answer, or failures when the answer is cut", "[preflight]")
{
    ProbeRun run;
    run.with_become = answered(k_probe_ok);
    run.window = {999.9, 1000.1};
    const auto report = evaluate_host("h1", run, HostRequirements{});
    REQUIRE(report.checks.size() == std::size(k_check_names));
    for (std::size_t i = 0; i < report.checks.size(); ++i) {
        CHECK(report.checks[i].check == k_check_names[i]);
        CHECK(report.checks[i].status == Status::pass);
    }
    CHECK(report.checks[1].detail == "sudo works without a password");
    CHECK(report.worst() == Status::pass);

    run.with_become = answered(k_probe_ok.substr(0, 40));
    const auto cut = evaluate_host("h1", run, HostRequirements{});
    CHECK(status_of(cut, "sudo") == Status::pass);
    CHECK(status_of(cut, "disk") == Status::fail);
    CHECK(cut.checks[3].detail.find("probe: the probe's output ends early") == 0);

    run.with_become = failed(transport::FailureKind::command_timeout, "h1: command timed out after 60 s");
    const auto slow = evaluate_host("h1", run, HostRequirements{});
    CHECK(status_of(slow, "reachable") == Status::pass);
    CHECK(status_of(slow, "sudo") == Status::fail);
    CHECK(status_of(slow, "ports") == Status::fail);
}
