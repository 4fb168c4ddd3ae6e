// `scsctl health` end to end: the real binary, a real sshd, the sample plugin
// (examples/scsctl-layer-ntp) and the protocol test plugin (tests/layers/plugins/misbehave):
// the generic reachability check, plugin checks passing and failing, strict host keys,
// unreachable hosts, JSON and JUnit, and a broken plugin stopping everything before any
// host is touched; --output prometheus and --output-file, the clock skew check, and
// --watch (changes only, SIGINT ends it with 130) with a plugin check flipped between rounds.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "sshd_fixture.hpp"

using namespace scsctl::testing;

namespace {

const std::string k_root = SCSCTL_SOURCE_DIR;

/// baremetal (a layer with no built-in check of its own, so only reachable runs) and kvm
/// (the spy plugin's check targets it): h1, h2; ntp: h3 (fixture hosts); optionally one
/// more host line in baremetal.
std::string write_inventory(const SshdFixture& sshd, const std::string& known_hosts, const std::string& extra_kvm = "",
                            const std::string& extra_vars = "")
{
    const std::string path = (sshd.dir() / "inventory.yml").string();
    std::ofstream out(path);
    out << "all:\n  vars:\n" << extra_vars;
    out << "    ansible_port: " << sshd.port() << "\n";
    out << "    ansible_user: " << k_login_user << "\n";
    out << "    ansible_ssh_private_key_file: " << sshd.client_key_path().string() << "\n";
    out << "    scsctl_known_hosts: " << known_hosts << "\n";
    out << "  children:\n    baremetal:\n      hosts:\n";
    for (int i = 1; i <= 2; ++i) {
        out << "        h" << i << ":\n          ansible_host: " << SshdFixture::address(i) << "\n";
    }
    out << extra_kvm;
    out << "    kvm:\n      hosts:\n        h1:\n        h2:\n"; // where the spy plugin's checks run
    out << "    ntp:\n      hosts:\n        h3:\n          ansible_host: " << SshdFixture::address(3) << "\n";
    return path;
}

/// A plugin directory holding links named scsctl-layer-NAME to `target`.
std::string plugin_dir(const SshdFixture& sshd, const std::string& sub,
                       const std::vector<std::pair<std::string, std::string>>& links)
{
    const auto dir = sshd.dir() / sub;
    std::filesystem::create_directories(dir);
    // The spy plugin's check touches a marker here as the (unprivileged) login user.
    std::filesystem::permissions(dir, std::filesystem::perms::all);
    for (const auto& [name, target] : links) {
        std::filesystem::create_symlink(target, dir / ("scsctl-layer-" + name));
    }
    return dir.string();
}

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

CliResult run_health(const std::string& plugin_path, const std::vector<std::string>& args, const SshdFixture& sshd)
{
    const auto out_path = (sshd.dir() / "health.out").string();
    const auto err_path = (sshd.dir() / "health.err").string();
    std::string command = "SCSCTL_PLUGIN_PATH='" + plugin_path + "' PATH=/usr/sbin:/usr/bin:/sbin:/bin '" +
                          std::string(SCSCTL_BINARY) + "' health";
    for (const auto& arg : args) {
        command += " '" + arg + "'";
    }
    command += " >" + out_path + " 2>" + err_path + " </dev/null";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text_file(out_path), read_text_file(err_path)};
}

const nlohmann::json& layer_of(const nlohmann::json& document, const std::string& name)
{
    for (const auto& layer : document.at("layers")) {
        if (layer.at("name") == name) {
            return layer;
        }
    }
    FAIL("no layer " << name);
    throw std::logic_error("unreachable");
}

std::string status_of(const nlohmann::json& layer, const std::string& check, const std::string& host)
{
    for (const auto& result : layer.at("results")) {
        if (result.at("check") == check && result.at("host") == host) {
            return result.at("status").get<std::string>() + ": " + result.at("detail").get<std::string>();
        }
    }
    return "missing";
}

} // namespace

TEST_CASE("health runs the generic and the plugins' checks over ssh", "[health_cli]")
{
    SshdFixture sshd(SshdOptions{.hosts = 3});
    const auto inventory = write_inventory(sshd, sshd.known_hosts_path().string());
    const auto plugins = plugin_dir(sshd, "plugins",
                                    {{"ntp", k_root + "/examples/scsctl-layer-ntp"},
                                     {"spy", k_root + "/tests/layers/plugins/misbehave"}});
    SECTION("all checks pass: exit 0, JUnit written")
    {
        const auto junit = (sshd.dir() / "health.xml").string();
        auto result = run_health(plugins, {"-i", inventory, "--layers", "baremetal,spy", "--junit", junit}, sshd);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("baremetal  reachable   h1    pass    reachable, runs commands") != std::string::npos);
        CHECK(result.out.find("spy        spy_true    h2    pass    exit status 0, stdout matches '^spy-ok$'") !=
              std::string::npos);
        // 6 results of the layers, 2 of the clock skew check (h1, h2).
        CHECK(result.err.find("scsctl: health: 8 passed, 0 failed, 0 errors") != std::string::npos);
        CHECK(result.out.find("clock      clock-skew  h1    pass    skew ") != std::string::npos);
        const auto xml = read_text_file(junit);
        CHECK(xml.find("<testcase classname=\"health.spy\" name=\"spy_true h1\"") != std::string::npos);
        CHECK(xml.find("<failure") == std::string::npos);
        // The spy's check really ran on the hosts (it touches a marker per run).
        CHECK(std::filesystem::exists(std::filesystem::path(plugins) / "spy.ran"));
    }
    SECTION("the ntp sample's checks fail where chrony is not installed: exit 1, JSON says why")
    {
        auto result = run_health(plugins, {"-i", inventory, "--layers", "ntp", "--output", "json"}, sshd);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        const auto document = nlohmann::json::parse(result.out);
        CHECK(document.at("ok") == false);
        const auto& ntp = layer_of(document, "ntp");
        CHECK(status_of(ntp, "reachable", "h3") == "pass: reachable, runs commands");
        CHECK(status_of(ntp, "chrony_config", "h3").starts_with("fail: exit status 2, expected 0: grep: "));
        CHECK(status_of(ntp, "chronyd_running", "h3") == "fail: exit status 1, expected 0");
        CHECK(document.at("passed") == 2); // reachable and the clock skew of h3
        CHECK(document.at("failed") == 2);
    }
}

TEST_CASE("health keeps strict host keys and reports unreachable hosts", "[health_cli]")
{
    SshdFixture sshd(SshdOptions{.hosts = 3});
    SECTION("an unknown host key fails the reachability check")
    {
        const auto empty = (sshd.dir() / "empty_known_hosts").string();
        std::ofstream(empty).close();
        const auto inventory = write_inventory(sshd, empty);
        auto result = run_health("", {"-i", inventory, "--layers", "baremetal", "--output", "json"}, sshd);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        const auto document = nlohmann::json::parse(result.out);
        const auto verdict = status_of(layer_of(document, "baremetal"), "reachable", "h1");
        CHECK(verdict.starts_with("fail: unreachable: "));
        CHECK(verdict.find("host key") != std::string::npos);
    }
    SECTION("a closed port is unreachable; the other hosts still pass")
    {
        const auto inventory =
            write_inventory(sshd, sshd.known_hosts_path().string(),
                            "        h9:\n          ansible_host: 127.0.0.1\n          ansible_port: 1\n");
        auto result = run_health("", {"-i", inventory, "--layers", "baremetal", "--output", "json"}, sshd);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        const auto document = nlohmann::json::parse(result.out);
        const auto& kvm = layer_of(document, "baremetal");
        CHECK(status_of(kvm, "reachable", "h1") == "pass: reachable, runs commands");
        CHECK(status_of(kvm, "reachable", "h9").starts_with("fail: unreachable: "));
    }
}

TEST_CASE("a plugin that fails its checks request stops health before any host is touched", "[health_cli]")
{
    SshdFixture sshd(SshdOptions{.hosts = 3});
    const auto inventory = write_inventory(sshd, sshd.known_hosts_path().string());
    const auto misbehave = k_root + "/tests/layers/plugins/misbehave";
    const auto plugins = plugin_dir(sshd, "plugins", {{"spy", misbehave}, {"crash-checks", misbehave}});
    auto result = run_health(plugins, {"-i", inventory}, sshd);
    CHECK(result.exit_code == 8);
    CHECK(result.out.empty());
    CHECK(result.err == "scsctl: error: layer plugin 'crash-checks' (" + plugins +
                            "/scsctl-layer-crash-checks): exited with status 1 before answering 'checks' "
                            "(stderr: Traceback: something broke in checks)\n");
    CHECK_FALSE(std::filesystem::exists(std::filesystem::path(plugins) / "spy.ran"));
}

TEST_CASE("reachable runs through sudo where the inventory turns become on", "[health_cli]")
{
    const SudoUsers users = SudoUsers::ensure();
    SshdFixture sshd(SshdOptions{.hosts = 3});
    const std::string become_hosts = std::string("        nopw:\n          ansible_host: ") + SshdFixture::address(1) +
                                     "\n          ansible_user: " + SudoUsers::k_nopasswd_user +
                                     "\n          ansible_become: true\n        asks:\n          ansible_host: " +
                                     SshdFixture::address(2) + "\n          ansible_user: " + SudoUsers::k_password_user +
                                     "\n          ansible_become: true\n        typed:\n          ansible_host: " +
                                     SshdFixture::address(3) + "\n          ansible_user: " + SudoUsers::k_password_user +
                                     "\n          ansible_become: true\n          ansible_become_password: '" +
                                     users.password + "'\n";
    const auto inventory = write_inventory(sshd, sshd.known_hosts_path().string(), become_hosts);
    auto result = run_health("", {"-i", inventory, "--layers", "baremetal", "--output", "json"}, sshd);
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    const auto document = nlohmann::json::parse(result.out);
    const auto& kvm = layer_of(document, "baremetal");
    CHECK(status_of(kvm, "reachable", "h1") == "pass: reachable, runs commands");
    CHECK(status_of(kvm, "reachable", "nopw") == "pass: reachable, sudo works");
    CHECK(status_of(kvm, "reachable", "typed") == "pass: reachable, sudo works");
    CHECK(status_of(kvm, "reachable", "asks").starts_with("fail: "));
    CHECK(result.out.find(users.password) == std::string::npos);
    CHECK(result.err.find(users.password) == std::string::npos);
}

TEST_CASE("health prints the Prometheus exposition and writes --output-file atomically", "[health_cli][prometheus]")
{
    SshdFixture sshd(SshdOptions{.hosts = 3});
    const auto inventory = write_inventory(sshd, sshd.known_hosts_path().string());
    SECTION("on stdout")
    {
        auto result = run_health("", {"-i", inventory, "--layers", "baremetal", "--output", "prometheus"}, sshd);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.out.starts_with("# HELP scsctl_health_check_status "));
        CHECK(result.out.find("# TYPE scsctl_health_check_status gauge\n"
                              "scsctl_health_check_status{layer=\"baremetal\",check=\"reachable\",host=\"h1\"} 1\n"
                              "scsctl_health_check_status{layer=\"baremetal\",check=\"reachable\",host=\"h2\"} 1\n"
                              "scsctl_health_check_status{layer=\"clock\",check=\"clock-skew\",host=\"h1\"} 1\n"
                              "scsctl_health_check_status{layer=\"clock\",check=\"clock-skew\",host=\"h2\"} 1\n") !=
              std::string::npos);
        CHECK(result.out.find("scsctl_health_results{status=\"pass\"} 4\n") != std::string::npos);
        CHECK(result.out.find("\nscsctl_health_ok 1\n") != std::string::npos);
        CHECK(result.out.find("\nscsctl_health_last_run_timestamp_seconds 1") != std::string::npos);
        CHECK(result.err.find("scsctl: health: 4 passed, 0 failed, 0 errors") != std::string::npos);
    }
    SECTION("into a file: nothing on stdout, no temporary file left, a failing host is 0")
    {
        const auto with_h9 = write_inventory(sshd, sshd.known_hosts_path().string(),
                                             "        h9:\n          ansible_host: 127.0.0.1\n          ansible_port: 1\n");
        const auto dir = sshd.dir() / "textfile";
        std::filesystem::create_directories(dir);
        const auto prom = (dir / "scsctl.prom").string();
        auto result = run_health(
            "", {"-i", with_h9, "--layers", "baremetal", "--output", "prometheus", "--output-file", prom}, sshd);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        CHECK(result.out.empty());
        const auto text = read_text_file(prom);
        CHECK(text.find("scsctl_health_check_status{layer=\"baremetal\",check=\"reachable\",host=\"h9\"} 0\n") !=
              std::string::npos);
        CHECK(text.find("scsctl_health_check_status{layer=\"baremetal\",check=\"reachable\",host=\"h1\"} 1\n") !=
              std::string::npos);
        CHECK(text.find("\nscsctl_health_ok 0\n") != std::string::npos);
        CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator{}) == 1);
    }
    SECTION("usage errors: another command, a missing directory, --watch without a file")
    {
        auto other = run_process({SCSCTL_BINARY, "validate", "-i", inventory, "--output", "prometheus"});
        CHECK(other.exit_code == 2);
        CHECK(other.output == "scsctl: error: --output prometheus is only supported by 'scsctl health' (use text or "
                              "json)\n");
        const auto missing = (sshd.dir() / "nodir" / "x.prom").string();
        auto no_dir = run_health("", {"-i", inventory, "--output", "prometheus", "--output-file", missing}, sshd);
        CHECK(no_dir.exit_code == 2);
        CHECK(no_dir.err.find(missing) != std::string::npos);
        auto watch = run_health("", {"-i", inventory, "--output", "prometheus", "--watch", "5"}, sshd);
        CHECK(watch.exit_code == 2);
        CHECK(watch.err == "scsctl: error: --watch with --output prometheus needs --output-file PATH (the exposition "
                           "is rewritten each round; stdout shows the changes)\n");
    }
}

TEST_CASE("the clock skew check names each host's measured skew against the allowed skew", "[health_cli][clock_skew]")
{
    SshdFixture sshd(SshdOptions{.hosts = 3});
    // The hosts share this machine's clock: their skews are the measurement's own noise,
    // far above 1 µs (it fails) and far below 60 s (it passes).
    SECTION("1 µs fails and names both hosts' skews")
    {
        const auto inventory =
            write_inventory(sshd, sshd.known_hosts_path().string(), "", "    scsctl_clock_skew_max: 0.000001\n");
        auto result = run_health("", {"-i", inventory, "--layers", "baremetal", "--output", "json"}, sshd);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        const auto clock = layer_of(nlohmann::json::parse(result.out), "clock");
        CHECK(clock.at("ok") == false);
        for (const std::string host : {"h1", "h2"}) {
            const auto verdict = status_of(clock, "clock-skew", host);
            // Two hosts: the reference is their midpoint, so each is half their difference away.
            CHECK(verdict.starts_with("fail: skew "));
            CHECK(verdict.find(" exceeds 0.000001 s from the hosts' median (offset to the controller ") !=
                  std::string::npos);
            CHECK(verdict.find(", round trip 0.") != std::string::npos);
        }
    }
    SECTION("60 s passes")
    {
        const auto inventory =
            write_inventory(sshd, sshd.known_hosts_path().string(), "", "    scsctl_clock_skew_max: 60\n");
        const auto plugins = plugin_dir(sshd, "plugins", {{"ntp", k_root + "/examples/scsctl-layer-ntp"}});
        auto result = run_health(plugins, {"-i", inventory, "--layers", "baremetal,ntp", "--output", "json"}, sshd);
        INFO(result.out << result.err);
        const auto clock = layer_of(nlohmann::json::parse(result.out), "clock");
        CHECK(clock.at("ok") == true);
        for (const std::string host : {"h1", "h2", "h3"}) {
            CHECK(status_of(clock, "clock-skew", host).find(" within 60.000000 s from the hosts' median") !=
                  std::string::npos);
        }
    }
    SECTION("a value that is not seconds is a located usage error before any host is touched")
    {
        const auto inventory =
            write_inventory(sshd, sshd.known_hosts_path().string(), "", "    scsctl_clock_skew_max: soon\n");
        auto result = run_health("", {"-i", inventory, "--layers", "baremetal"}, sshd);
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(result.err == "scsctl: error: " + inventory +
                                ":3:5: scsctl_clock_skew_max: 'soon' is not a positive number of seconds (at most "
                                "86400)\n");
    }
}

namespace {

/// Waits until `path` holds at least `lines` lines (or 30 s pass); returns its content.
std::string wait_for_lines(const std::filesystem::path& path, std::size_t lines)
{
    std::string text;
    for (int i = 0; i < 300; ++i) {
        text = read_text_file(path);
        if (static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) >= lines) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return text;
}

/// The JSON lines of `text` (stdout and stderr share the file: other lines are skipped).
std::vector<nlohmann::json> json_lines(const std::string& text)
{
    std::vector<nlohmann::json> lines;
    std::size_t start = 0;
    for (auto end = text.find('\n'); end != std::string::npos; start = end + 1, end = text.find('\n', start)) {
        if (text[start] == '{') {
            lines.push_back(nlohmann::json::parse(text.substr(start, end - start)));
        }
    }
    return lines;
}

} // namespace

TEST_CASE("health --watch prints the first round, then only changes, and ends with 130 on SIGINT",
          "[health_cli][health_watch]")
{
    SshdFixture sshd(SshdOptions{.hosts = 3});
    const auto inventory = write_inventory(sshd, sshd.known_hosts_path().string());
    const auto plugins = plugin_dir(sshd, "plugins", {{"flip", k_root + "/tests/layers/plugins/misbehave"}});
    const auto flag = std::filesystem::path(plugins) / "flip.flag";
    const auto out_path = sshd.dir() / "watch.out";
    const auto junit = (sshd.dir() / "watch.xml").string();
    const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    const pid_t pid = spawn_process({"/usr/bin/env", "SCSCTL_PLUGIN_PATH=" + plugins, SCSCTL_BINARY, "health", "-i",
                                     inventory, "--layers", "flip", "--watch", "0.2", "--output", "json", "--junit",
                                     junit},
                                    null_fd, out_fd, true);
    ::close(out_fd);
    ::close(null_fd);
    struct Reaper {
        pid_t pid;
        ~Reaper()
        {
            if (::kill(pid, 0) == 0) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, nullptr, 0);
            }
        }
    } reaper{pid};
    // Round 1: the flag is missing, the plugin's check fails on h1 and h2.
    auto lines = json_lines(wait_for_lines(out_path, 1));
    REQUIRE(lines.size() >= 1);
    CHECK(lines[0].at("type") == "round");
    CHECK(lines[0].at("round") == 1);
    CHECK(status_of(layer_of(lines[0], "flip"), "flag", "h1").starts_with("fail: "));
    CHECK(read_text_file(junit).find("name=\"flag h1\"") != std::string::npos);
    // Later rounds print nothing until the flag appears; then both hosts recover.
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    CHECK(json_lines(read_text_file(out_path)).size() == 1);
    std::ofstream(flag).close();
    lines = json_lines(wait_for_lines(out_path, 3));
    REQUIRE(lines.size() == 3);
    for (std::size_t i = 1; i < 3; ++i) {
        CHECK(lines[i].at("type") == "change");
        CHECK(lines[i].at("change") == "changed");
        CHECK(lines[i].at("check") == "flag");
        CHECK(lines[i].at("before") == "fail");
        CHECK(lines[i].at("after") == "pass");
        CHECK(lines[i].at("round").get<int>() > 1);
    }
    CHECK(lines[1].at("host") == "h1");
    CHECK(lines[2].at("host") == "h2");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    ::kill(pid, SIGINT);
    int status = 0;
    const auto started = std::chrono::steady_clock::now();
    ::waitpid(pid, &status, 0);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    const auto text = read_text_file(out_path);
    CHECK(json_lines(text).size() == 3); // nothing changed after the flag
    // The summary of the last complete round: reachable, flag and clock-skew on h1 and h2.
    CHECK(text.find("scsctl: health: 6 passed, 0 failed, 0 errors") != std::string::npos);
    CHECK(read_text_file(junit).find("<failure") == std::string::npos);
}

TEST_CASE("health --watch in text: the table first, then timestamped changes; SIGTERM ends it with 143",
          "[health_cli][health_watch]")
{
    SshdFixture sshd(SshdOptions{.hosts = 3});
    const auto inventory = write_inventory(sshd, sshd.known_hosts_path().string());
    const auto plugins = plugin_dir(sshd, "plugins", {{"flip", k_root + "/tests/layers/plugins/misbehave"}});
    const auto out_path = sshd.dir() / "watch.out";
    const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    std::ofstream(std::filesystem::path(plugins) / "flip.flag").close(); // passing at first
    const pid_t pid = spawn_process({"/usr/bin/env", "SCSCTL_PLUGIN_PATH=" + plugins, SCSCTL_BINARY, "health", "-i",
                                     inventory, "--layers", "flip", "--watch", "0.2"},
                                    null_fd, out_fd, true);
    ::close(out_fd);
    ::close(null_fd);
    struct Reaper {
        pid_t pid;
        ~Reaper()
        {
            if (::kill(pid, 0) == 0) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, nullptr, 0);
            }
        }
    } reaper{pid};
    // "TIME  round 1", the header and 6 rows.
    auto text = wait_for_lines(out_path, 8);
    CHECK(text.find("Z  round 1\nLAYER  CHECK       HOST  RESULT  DETAIL\n") != std::string::npos);
    CHECK(text.find("\nflip   flag        h2    pass    exit status 0\n") != std::string::npos);
    std::filesystem::remove(std::filesystem::path(plugins) / "flip.flag");
    text = wait_for_lines(out_path, 10);
    const auto change = text.find("Z  flip flag h1: pass -> fail: exit status 1, expected 0\n");
    CHECK(change != std::string::npos);
    CHECK(text.find("Z  flip flag h2: pass -> fail: exit status 1, expected 0\n") != std::string::npos);
    // The timestamp in front: 2026-11-24T15:40:00Z.
    REQUIRE(change != std::string::npos);
    const auto line_start = text.rfind('\n', change) + 1;
    CHECK(change - line_start == 19);
    CHECK(text[line_start + 10] == 'T');
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 143);
    CHECK(read_text_file(out_path).find("scsctl: health: 4 passed, 2 failed, 0 errors") != std::string::npos);
}
