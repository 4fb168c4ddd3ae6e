// `scsctl health` end to end: the real binary, a real sshd, the sample plugin
// (examples/scsctl-layer-ntp) and the protocol test plugin (tests/layers/plugins/misbehave):
// the generic reachability check, plugin checks passing and failing, strict host keys,
// unreachable hosts, JSON and JUnit, and a broken plugin stopping everything before any
// host is touched.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "sshd_fixture.hpp"

using namespace scsctl::testing;

namespace {

const std::string k_root = SCSCTL_SOURCE_DIR;

/// keycloak (a layer with no built-in check of its own, so only reachable runs) and kvm
/// (the spy plugin's check targets it): h1, h2; ntp: h3 (fixture hosts); optionally one
/// more host line in keycloak.
std::string write_inventory(const SshdFixture& sshd, const std::string& known_hosts, const std::string& extra_kvm = "")
{
    const std::string path = (sshd.dir() / "inventory.yml").string();
    std::ofstream out(path);
    out << "all:\n  vars:\n";
    out << "    ansible_port: " << sshd.port() << "\n";
    out << "    ansible_user: " << k_login_user << "\n";
    out << "    ansible_ssh_private_key_file: " << sshd.client_key_path().string() << "\n";
    out << "    scsctl_known_hosts: " << known_hosts << "\n";
    out << "  children:\n    keycloak:\n      hosts:\n";
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
        auto result = run_health(plugins, {"-i", inventory, "--layers", "keycloak,spy", "--junit", junit}, sshd);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("keycloak  reachable  h1    pass    reachable, runs commands") != std::string::npos);
        CHECK(result.out.find("spy       spy_true   h2    pass    exit status 0, stdout matches '^spy-ok$'") !=
              std::string::npos);
        CHECK(result.err.find("scsctl: health: 6 passed, 0 failed, 0 errors") != std::string::npos);
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
        CHECK(document.at("passed") == 1);
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
        auto result = run_health("", {"-i", inventory, "--layers", "keycloak", "--output", "json"}, sshd);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        const auto document = nlohmann::json::parse(result.out);
        const auto verdict = status_of(layer_of(document, "keycloak"), "reachable", "h1");
        CHECK(verdict.starts_with("fail: unreachable: "));
        CHECK(verdict.find("host key") != std::string::npos);
    }
    SECTION("a closed port is unreachable; the other hosts still pass")
    {
        const auto inventory =
            write_inventory(sshd, sshd.known_hosts_path().string(),
                            "        h9:\n          ansible_host: 127.0.0.1\n          ansible_port: 1\n");
        auto result = run_health("", {"-i", inventory, "--layers", "keycloak", "--output", "json"}, sshd);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        const auto document = nlohmann::json::parse(result.out);
        const auto& kvm = layer_of(document, "keycloak");
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
    auto result = run_health("", {"-i", inventory, "--layers", "keycloak", "--output", "json"}, sshd);
    INFO(result.out << result.err);
    CHECK(result.exit_code == 1);
    const auto document = nlohmann::json::parse(result.out);
    const auto& kvm = layer_of(document, "keycloak");
    CHECK(status_of(kvm, "reachable", "h1") == "pass: reachable, runs commands");
    CHECK(status_of(kvm, "reachable", "nopw") == "pass: reachable, sudo works");
    CHECK(status_of(kvm, "reachable", "typed") == "pass: reachable, sudo works");
    CHECK(status_of(kvm, "reachable", "asks").starts_with("fail: "));
    CHECK(result.out.find(users.password) == std::string::npos);
    CHECK(result.err.find(users.password) == std::string::npos);
}
