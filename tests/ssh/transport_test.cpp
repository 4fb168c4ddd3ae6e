// The SSH transport against a real sshd: fan-out, host-key policy, failures of every
// kind, streaming, stdin, signals, become, bastions and a server dying mid-command.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "tcp_listener.hpp"
#include "transport/known_hosts.hpp"
#include "transport/worker.hpp"
#include "transport_support.hpp"

using namespace scsctl;
using namespace scsctl::testing;
using transport::FailureKind;

namespace {

std::string marker_path(const SshdFixture& sshd, const std::string& name)
{
    return (sshd.dir() / name).string();
}

} // namespace

TEST_CASE("one command on 100 hosts at once, one connection each", "[transport]")
{
    SshdFixture sshd(SshdOptions{.hosts = 100});
    transport::Pool pool;
    std::vector<transport::HostHandle> handles;
    for (int i = 1; i <= 100; ++i) {
        handles.push_back(pool.add(endpoint_for(sshd, i)));
    }
    std::mutex mutex;
    std::vector<std::string> outputs(100);
    std::atomic<int> pending{100};
    std::promise<void> all_done;
    for (int i = 0; i < 100; ++i) {
        transport::CommandRequest request;
        // The server address of the connection tells which "host" ran the command.
        request.command = "echo $SSH_CONNECTION | cut -d' ' -f3";
        pool.run(handles[static_cast<std::size_t>(i)], request, std::nullopt, [&, i](transport::CommandOutcome outcome) {
            {
                std::lock_guard lock(mutex);
                outputs[static_cast<std::size_t>(i)] = outcome ? outcome->stdout_data : "ERROR " + outcome.error().message;
            }
            if (--pending == 0) {
                all_done.set_value();
            }
        });
    }
    all_done.get_future().wait();
    for (int i = 1; i <= 100; ++i) {
        CHECK(outputs[static_cast<std::size_t>(i - 1)] == SshdFixture::address(i) + "\n");
    }
}

TEST_CASE("a connection is reused by every command of a host", "[transport]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    std::set<std::string> client_ports;
    for (int i = 0; i < 5; ++i) {
        auto outcome = run_sync(pool, host, "echo $SSH_CONNECTION | cut -d' ' -f2");
        REQUIRE(outcome);
        client_ports.insert(outcome->stdout_data);
    }
    CHECK(client_ports.size() == 1);
}

TEST_CASE("the event loop sleeps while a command is quiet", "[transport]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    REQUIRE(run_sync(pool, host, "true")); // connected before counting
    const std::uint64_t before = transport::event_loop_wakeups();
    auto outcome = run_sync(pool, host, "sleep 3; echo done");
    const std::uint64_t wakeups = transport::event_loop_wakeups() - before;
    REQUIRE(outcome);
    CHECK(outcome->stdout_data == "done\n");
    // The channel's own packets and the watchdog's once-a-second check: a few dozen at
    // most. A loop that spins while waiting (poll with a deadline in the past) wakes
    // thousands of times in three seconds.
    INFO("event loop wakeups during a 3 s quiet command: " << wakeups);
    CHECK(wakeups < 60);
}

TEST_CASE("an unknown host key is refused before anything runs", "[transport][hostkey]")
{
    SshdFixture sshd(SshdOptions{.hosts = 1});
    transport::Pool pool;
    auto endpoint = endpoint_for(sshd, 2); // host 2 is not in known_hosts
    const auto host = pool.add(endpoint);
    const std::string marker = marker_path(sshd, "ran-unknown");
    auto outcome = run_sync(pool, host, "touch " + marker);
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == FailureKind::host_key_unknown);
    CHECK(outcome.error().unreachable());
    CHECK(outcome.error().message.find("SHA256:") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(marker));
}

TEST_CASE("a mismatched host key is refused with both fingerprints", "[transport][hostkey]")
{
    SshdFixture sshd;
    SshdFixture other; // different host keys
    const std::string known = (sshd.dir() / "wrong_known_hosts").string();
    {
        std::ofstream out(known);
        for (const auto& key : other.host_public_keys()) {
            out << "[" << SshdFixture::address(1) << "]:" << sshd.port() << " " << key.type << " " << key.base64 << "\n";
        }
    }
    transport::Pool pool;
    auto endpoint = endpoint_for(sshd, 1);
    endpoint.known_hosts_files = {known};
    const auto host = pool.add(endpoint);
    const std::string marker = marker_path(sshd, "ran-mismatch");
    auto outcome = run_sync(pool, host, "touch " + marker);
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == FailureKind::host_key_mismatch);
    CHECK(outcome.error().message.find("expected") != std::string::npos);
    CHECK(outcome.error().message.find(known) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(marker));
}

TEST_CASE("accept-new pins an unknown key and then trusts it", "[transport][hostkey]")
{
    SshdFixture sshd(SshdOptions{.hosts = 1, .write_known_hosts = false});
    const std::string known = (sshd.dir() / "pinned" / "known_hosts").string();
    auto endpoint = endpoint_for(sshd, 1);
    endpoint.known_hosts_files = {known};
    endpoint.host_key_policy = transport::HostKeyPolicy::accept_new;
    {
        transport::Pool pool;
        auto outcome = run_sync(pool, pool.add(endpoint), "echo first");
        REQUIRE(outcome);
        CHECK(outcome->stdout_data == "first\n");
    }
    const auto pinned = transport::KnownHosts::load({known});
    REQUIRE(pinned.entries().size() == 1);
    endpoint.host_key_policy = transport::HostKeyPolicy::strict;
    transport::Pool pool;
    auto outcome = run_sync(pool, pool.add(endpoint), "echo second");
    REQUIRE(outcome);
    CHECK(outcome->stdout_data == "second\n");
}

TEST_CASE("a key the server does not accept is an authentication failure", "[transport]")
{
    SshdFixture sshd;
    const std::string wrong_key = (sshd.dir() / "wrong_key").string();
    run_checked({"/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrong_key});
    auto endpoint = endpoint_for(sshd, 1);
    endpoint.target.identity_files = {wrong_key};
    transport::Pool pool;
    auto outcome = run_sync(pool, pool.add(endpoint), "true");
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == FailureKind::auth_failed);
    CHECK(outcome.error().message.find("wrong_key") != std::string::npos);
}

TEST_CASE("a closed port is connection refused", "[transport]")
{
    ClosedPort closed;
    transport::Endpoint endpoint;
    endpoint.name = "closed";
    endpoint.target = {ClosedPort::address(), closed.port(), "nobody", {}};
    transport::Pool pool;
    auto outcome = run_sync(pool, pool.add(endpoint), "true");
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == FailureKind::connection_refused);
    CHECK(outcome.error().unreachable());
}

TEST_CASE("a peer that accepts TCP but never speaks SSH times out as such", "[transport]")
{
    SilentTcpListener silent;
    transport::Endpoint endpoint;
    endpoint.name = "silent";
    endpoint.target = {SilentTcpListener::address(), silent.port(), "nobody", {}};
    endpoint.connect_timeout = std::chrono::milliseconds(700);
    transport::Pool pool;
    const auto started = std::chrono::steady_clock::now();
    auto outcome = run_sync(pool, pool.add(endpoint), "true");
    const auto elapsed = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == FailureKind::no_ssh_banner);
    CHECK(outcome.error().message.find("no SSH banner") != std::string::npos);
    CHECK(elapsed < std::chrono::seconds(10));
}

TEST_CASE("50 MB of output is streamed, binary output kept byte for byte", "[transport][stream]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    std::uint64_t streamed = 0;
    transport::CommandRequest big;
    big.command = "head -c 52428800 /dev/zero";
    big.capture_limit = 1024; // keep little: the rest is only counted and streamed
    big.on_stdout = [&streamed](std::string_view chunk) { streamed += chunk.size(); };
    auto outcome = run_sync(pool, host, big);
    REQUIRE(outcome);
    CHECK(outcome->stdout_bytes == 52428800u);
    CHECK(streamed == 52428800u);
    CHECK(outcome->stdout_data.size() == 1024);

    auto binary = run_sync(pool, host, "printf '\\000\\001\\377\\200abc'");
    REQUIRE(binary);
    CHECK(binary->stdout_data == std::string("\0\1\377\200abc", 7));
}

TEST_CASE("stdin data reaches the command and stderr is kept apart", "[transport]")
{
    SshdFixture sshd;
    transport::Pool pool;
    transport::CommandRequest request;
    request.command = "wc -c; echo oops >&2; exit 3";
    request.stdin_data = std::string(100000, 'x');
    auto outcome = run_sync(pool, pool.add(endpoint_for(sshd, 1)), request);
    REQUIRE(outcome);
    CHECK(outcome->stdout_data == "100000\n");
    CHECK(outcome->stderr_data == "oops\n");
    CHECK(outcome->exit_status == 3);
}

TEST_CASE("a command killed by a signal reports the signal", "[transport]")
{
    SshdFixture sshd;
    transport::Pool pool;
    // On a channel of its own, $$ is the command's shell (on a persistent shell it is the
    // shell that outlives the command: persistent_shell_test.cpp).
    auto endpoint = endpoint_for(sshd, 1);
    endpoint.persistent_shell = false;
    auto outcome = run_sync(pool, pool.add(endpoint), "echo before; kill -KILL $$; echo after");
    REQUIRE(outcome);
    CHECK(outcome->stdout_data == "before\n");
    CHECK(outcome->exit_signal == "KILL");
    CHECK_FALSE(outcome->succeeded());
}

TEST_CASE("a command timeout ends the command and says so", "[transport]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    transport::CommandRequest request;
    request.command = "sleep 30";
    request.timeout = std::chrono::milliseconds(500);
    auto outcome = run_sync(pool, host, request);
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == FailureKind::command_timeout);
    CHECK_FALSE(outcome.error().unreachable());
    auto after = run_sync(pool, host, "echo still usable");
    REQUIRE(after);
    CHECK(after->stdout_data == "still usable\n");
}

TEST_CASE("a host whose sshd dies mid-command is unreachable, not failed", "[transport]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    std::promise<transport::CommandOutcome> promise;
    pool.run(host, request_of("echo started; sleep 30"), std::nullopt,
             [&promise](transport::CommandOutcome outcome) { promise.set_value(std::move(outcome)); });
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    CHECK(sshd.kill_sessions() > 0);
    auto outcome = promise.get_future().get();
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == FailureKind::connection_lost);
    CHECK(outcome.error().unreachable());
}

TEST_CASE("become runs as root through sudo, with and without a password", "[transport][become]")
{
    const SudoUsers users = SudoUsers::ensure();
    SshdFixture sshd;
    transport::Pool pool;
    SECTION("NOPASSWD sudo")
    {
        const auto host = pool.add(endpoint_for(sshd, 1, SudoUsers::k_nopasswd_user));
        transport::CommandRequest request = request_of("id -un");
        auto outcome = run_sync(pool, host, request, transport::Become{"root", ""});
        REQUIRE(outcome);
        CHECK(outcome->stdout_data == "root\n");
    }
    SECTION("sudo with a password sent on stdin, never in argv")
    {
        const auto host = pool.add(endpoint_for(sshd, 1, SudoUsers::k_password_user));
        transport::CommandRequest request = request_of("id -un; cat", "payload");
        auto outcome = run_sync(pool, host, request, transport::Become{"root", users.password});
        REQUIRE(outcome);
        CHECK(outcome->stdout_data == "root\npayload");
        CHECK(outcome->stderr_data.find(users.password) == std::string::npos);
    }
    SECTION("sudo without the password it needs is named as such")
    {
        const auto host = pool.add(endpoint_for(sshd, 1, SudoUsers::k_password_user));
        auto outcome = run_sync(pool, host, request_of("id -un"), transport::Become{"root", ""});
        REQUIRE_FALSE(outcome);
        CHECK(outcome.error().kind == FailureKind::sudo_password);
    }
    SECTION("a wrong password is named as such")
    {
        const auto host = pool.add(endpoint_for(sshd, 1, SudoUsers::k_password_user));
        auto outcome = run_sync(pool, host, request_of("id -un"),
                                transport::Become{"root", "not-the-password"});
        REQUIRE_FALSE(outcome);
        CHECK(outcome.error().kind == FailureKind::sudo_password);
    }
}

TEST_CASE("a bastion chain of two jumps reaches the target through one shared connection", "[transport][bastion]")
{
    SshdFixture sshd(SshdOptions{.hosts = 5});
    transport::Pool pool;
    std::vector<transport::HostHandle> handles;
    for (int i = 3; i <= 5; ++i) {
        auto endpoint = endpoint_for(sshd, i);
        auto jump1 = endpoint_for(sshd, 1).target;
        auto jump2 = endpoint_for(sshd, 2).target;
        endpoint.jumps = {jump1, jump2};
        handles.push_back(pool.add(endpoint));
    }
    for (std::size_t k = 0; k < handles.size(); ++k) {
        // The target sees the connection coming from the second jump host's sshd.
        auto outcome = run_sync(pool, handles[k], "echo $SSH_CONNECTION | cut -d' ' -f3");
        REQUIRE(outcome);
        CHECK(outcome->stdout_data == SshdFixture::address(static_cast<int>(k) + 3) + "\n");
    }
    // One authenticated connection per hop: 2 bastions shared by all + 3 targets = 5.
    // (A bastion per target would authenticate 9 times.)
    std::ifstream log(sshd.log_path());
    int accepted = 0;
    for (std::string line; std::getline(log, line);) {
        accepted += line.find("Accepted publickey") != std::string::npos ? 1 : 0;
    }
    CHECK(accepted == 5);
}

TEST_CASE("cancel interrupts running commands cleanly", "[transport]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    std::promise<transport::CommandOutcome> promise;
    pool.run(host, request_of("sleep 30"), std::nullopt,
             [&promise](transport::CommandOutcome outcome) { promise.set_value(std::move(outcome)); });
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    pool.cancel();
    auto future = promise.get_future();
    REQUIRE(future.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
    auto outcome = future.get();
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == FailureKind::interrupted);
}

TEST_CASE("a local host runs commands without SSH: output, stdin, exit code, signal, timeout", "[transport][local]")
{
    transport::Pool pool;
    const auto host = pool.add(local_endpoint());
    auto echoed = run_sync(pool, host, request_of("cat; echo err >&2; exit 5", "from stdin"));
    REQUIRE(echoed);
    CHECK(echoed->stdout_data == "from stdin");
    CHECK(echoed->stderr_data == "err\n");
    CHECK(echoed->exit_status == 5);

    auto killed = run_sync(pool, host, "kill -TERM $$");
    REQUIRE(killed);
    CHECK(killed->exit_signal == "TERM");

    transport::CommandRequest slow = request_of("sleep 30");
    slow.timeout = std::chrono::milliseconds(300);
    auto timed_out = run_sync(pool, host, slow);
    REQUIRE_FALSE(timed_out);
    CHECK(timed_out.error().kind == FailureKind::command_timeout);
}
