// Proves the SSH test fixtures with the real OpenSSH client: logins on several host addresses,
// the sudo accounts, killing sessions, stop/restart, cleanup, and the silent/closed TCP peers.
#include "sshd_fixture.hpp"
#include "tcp_listener.hpp"

#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <thread>

namespace {

using scsctl::testing::ProcessResult;
using scsctl::testing::SshdFixture;
using scsctl::testing::SshdOptions;
using scsctl::testing::SudoUsers;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

ProcessResult ssh(const SshdFixture& fixture, const std::string& user, int host, const std::string& command,
                  const std::string& input = {})
{
    return scsctl::testing::run_process(
        {"/usr/bin/ssh", "-F", "/dev/null", "-p", std::to_string(fixture.port()), "-i",
         fixture.client_key_path().string(), "-o", "IdentitiesOnly=yes", "-o",
         "UserKnownHostsFile=" + fixture.known_hosts_path().string(), "-o", "GlobalKnownHostsFile=/dev/null", "-o",
         "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "KexAlgorithms=curve25519-sha256", "-o",
         "ConnectTimeout=30", "-o", "LogLevel=ERROR", user + "@" + SshdFixture::address(host), command},
        input, 60s);
}

std::string process_name(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    std::getline(in, name);
    return name;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit = 20s)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

/// The pid of a `sleep` run by one of the fixture's sessions, or -1.
pid_t session_sleep(const SshdFixture& fixture)
{
    for (const pid_t pid : fixture.session_processes()) {
        if (process_name(pid) == "sleep") {
            return pid;
        }
    }
    return -1;
}

std::size_t line_count(const fs::path& path)
{
    std::ifstream in(path);
    std::size_t lines = 0;
    for (std::string line; std::getline(in, line);) {
        ++lines;
    }
    return lines;
}

} // namespace

TEST_CASE("the fixture answers the OpenSSH client on several host addresses", "[fixture]")
{
    SshdFixture fixture(SshdOptions{.hosts = 251});
    CHECK(SshdFixture::address(1) == "127.0.10.1");
    CHECK(SshdFixture::address(250) == "127.0.10.250");
    CHECK(SshdFixture::address(251) == "127.0.11.1");
    REQUIRE(fixture.host_public_keys().size() == 2);
    CHECK(fixture.host_public_keys()[0].type == "ssh-ed25519");
    CHECK(fixture.host_public_keys()[1].type == "ecdsa-sha2-nistp256");
    CHECK(line_count(fixture.known_hosts_path()) == 251 * 2);
    for (const int host : {1, 2, 251}) {
        INFO("host " << host << " = " << SshdFixture::address(host));
        const ProcessResult result = ssh(fixture, SshdFixture::login_user(), host, "echo ok; id -u");
        INFO(result.output << fixture.log_tail());
        CHECK(result.exit_code == 0);
        CHECK(result.output == "ok\n0\n");
    }
}

TEST_CASE("the sudo accounts need a password or none", "[fixture]")
{
    const SudoUsers users = SudoUsers::ensure();
    REQUIRE_FALSE(users.password.empty());
    SshdFixture fixture;

    const ProcessResult nopw = ssh(fixture, SudoUsers::k_nopasswd_user, 1, "id -u; sudo -n true && echo become-ok");
    INFO(nopw.output);
    CHECK(nopw.exit_code == 0);
    CHECK(nopw.output.find("become-ok") != std::string::npos);
    CHECK(nopw.output.substr(0, 2) != "0\n");  // a non-root user

    const ProcessResult asks = ssh(fixture, SudoUsers::k_password_user, 2, "sudo -n true");
    INFO(asks.output);
    CHECK(asks.exit_code != 0);
    CHECK(asks.output.find("a password is required") != std::string::npos);

    const ProcessResult typed = ssh(fixture, SudoUsers::k_password_user, 3, "sudo -S -p '' id -u", users.password + "\n");
    INFO(typed.output);
    CHECK(typed.exit_code == 0);
    CHECK(typed.output == "0\n");
}

TEST_CASE("kill_sessions ends a running command, the listener stays", "[fixture]")
{
    SshdFixture fixture;
    const auto started = std::chrono::steady_clock::now();
    auto session = std::async(std::launch::async,
                              [&fixture] { return ssh(fixture, SshdFixture::login_user(), 1, "sleep 30"); });
    REQUIRE(eventually([&fixture] { return session_sleep(fixture) > 0; }));
    const pid_t sleeper = session_sleep(fixture);

    CHECK(fixture.kill_sessions() >= 2);  // at least the session's sshd and the sleep
    REQUIRE(session.wait_for(15s) == std::future_status::ready);
    const ProcessResult result = session.get();
    CHECK(result.exit_code == 255);
    CHECK(std::chrono::steady_clock::now() - started < 25s);
    CHECK(eventually([sleeper] { return process_name(sleeper) != "sleep"; }, 5s));
    CHECK(fixture.session_processes().empty());
    CHECK(ssh(fixture, SshdFixture::login_user(), 2, "echo ok").output == "ok\n");
}

TEST_CASE("destruction stops sshd and its sessions and removes the directory", "[fixture]")
{
    pid_t listener = -1;
    pid_t sleeper = -1;
    fs::path dir;
    std::future<ProcessResult> session;
    {
        SshdFixture fixture;
        listener = fixture.sshd_pid();
        dir = fixture.dir();
        CHECK(process_name(listener) == "sshd");
        CHECK(fs::exists(fixture.log_path()));
        session = std::async(std::launch::async,
                             [&fixture] { return ssh(fixture, SshdFixture::login_user(), 1, "sleep 30"); });
        REQUIRE(eventually([&fixture] { return session_sleep(fixture) > 0; }));
        sleeper = session_sleep(fixture);
    }
    CHECK_FALSE(fs::exists(dir));
    CHECK_FALSE(fs::exists("/proc/" + std::to_string(listener)));
    CHECK(eventually([sleeper] { return process_name(sleeper) != "sleep"; }, 5s));
    REQUIRE(session.wait_for(15s) == std::future_status::ready);
    CHECK(session.get().exit_code == 255);
}

TEST_CASE("two fixtures at once get their own ports and directories", "[fixture]")
{
    SshdFixture first;
    SshdFixture second(SshdOptions{.hosts = 1, .rsa_host_key = true});
    CHECK(first.port() != second.port());
    CHECK(first.dir() != second.dir());
    CHECK(first.sshd_pid() != second.sshd_pid());
    CHECK(second.host_public_keys().size() == 3);
    CHECK(line_count(second.known_hosts_path()) == 3);
    CHECK(ssh(first, SshdFixture::login_user(), 3, "echo one").output == "one\n");
    CHECK(ssh(second, SshdFixture::login_user(), 1, "echo two").output == "two\n");
    // second's known_hosts lists host 1 only: StrictHostKeyChecking refuses host 2.
    CHECK(ssh(second, SshdFixture::login_user(), 2, "true").exit_code == 255);
}

TEST_CASE("stop and restart keep the port, keys and known_hosts", "[fixture]")
{
    SshdFixture fixture;
    const int port = fixture.port();
    const pid_t before = fixture.sshd_pid();
    fixture.stop();
    CHECK(fixture.sshd_pid() == -1);
    CHECK(scsctl::testing::read_banner("127.0.0.1", port, 1s).empty());
    fixture.restart();
    CHECK(fixture.port() == port);
    CHECK(fixture.sshd_pid() != before);
    CHECK(ssh(fixture, SshdFixture::login_user(), 2, "echo back").output == "back\n");
}

TEST_CASE("extra sshd_config lines, including a Match block", "[fixture]")
{
    SshdFixture fixture(SshdOptions{.extra_config = {"MaxSessions 3", "Match Address 127.0.10.2", "  PermitTTY no"}});
    std::ifstream in(fixture.config_path());
    const std::string config((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(config.find("MaxSessions 3") < config.find("MaxSessions 1000"));
    CHECK(config.find("Match Address") > config.find("AllowUsers"));
    CHECK(ssh(fixture, SshdFixture::login_user(), 2, "echo ok").output == "ok\n");
}

TEST_CASE("a silent TCP peer and a closed port", "[fixture]")
{
    scsctl::testing::SilentTcpListener silent;
    const auto started = std::chrono::steady_clock::now();
    CHECK(scsctl::testing::read_banner(silent.address(), silent.port(), 500ms).empty());
    CHECK(std::chrono::steady_clock::now() - started >= 450ms);  // connected, then nothing came
    CHECK(eventually([&silent] { return silent.accepted() == 1; }, 5s));

    scsctl::testing::ClosedPort closed;
    const auto refused = std::chrono::steady_clock::now();
    CHECK(scsctl::testing::read_banner(closed.address(), closed.port(), 5s).empty());
    CHECK(std::chrono::steady_clock::now() - refused < 1s);  // refused at once
    CHECK(closed.port() != silent.port());
}
