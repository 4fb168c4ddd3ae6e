// The persistent shell (transport/ssh_shell_exec.hpp) against a real sshd: byte-exact
// output of every shape, exit codes 0..255, isolation of one command from the next,
// stdin at EOF, a command that kills its shell, timeouts and cancel that leave no process
// behind, and the fallbacks to a channel per command (stdin data, a server that cannot
// start the shell, the setting turned off).
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "transport/shell_frames.hpp"
#include "transport_support.hpp"

using namespace scsctl;
using namespace scsctl::testing;
using transport::FailureKind;

namespace {

std::string slurp(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// True once process `pid` is gone (or a zombie about to be reaped), within `limit`.
bool process_gone(long pid, std::chrono::milliseconds limit = std::chrono::milliseconds(3000))
{
    const auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
        const std::string stat = slurp("/proc/" + std::to_string(pid) + "/stat");
        const auto paren = stat.rfind(')');
        if (stat.empty() || (paren != std::string::npos && stat.compare(paren + 1, 3, " Z ") == 0)) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= until) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

long read_pid(const std::filesystem::path& path)
{
    for (int i = 0; i < 100; ++i) {
        const std::string text = slurp(path);
        if (!text.empty() && text.back() == '\n') {
            return std::stol(text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return 0;
}

std::string shell_pid(transport::Pool& pool, transport::HostHandle host)
{
    auto outcome = run_sync(pool, host, "echo $$");
    REQUIRE(outcome);
    return outcome->stdout_data;
}

} // namespace

TEST_CASE("a persistent shell gives output byte for byte", "[transport][persistent-shell]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    const std::string first = shell_pid(pool, host);

    auto no_newline = run_sync(pool, host, "printf 'no newline'; printf 'err' >&2");
    REQUIRE(no_newline);
    CHECK(no_newline->stdout_data == "no newline");
    CHECK(no_newline->stderr_data == "err");

    auto newlines = run_sync(pool, host, "printf 'a\\n\\n'; printf '\\n' >&2");
    REQUIRE(newlines);
    CHECK(newlines->stdout_data == "a\n\n");
    CHECK(newlines->stderr_data == "\n");

    auto empty = run_sync(pool, host, "true");
    REQUIRE(empty);
    CHECK(empty->stdout_data.empty());
    CHECK(empty->stderr_data.empty());

    // Every byte value on both streams.
    auto binary = run_sync(pool, host,
                           "all() { i=0; while [ $i -lt 256 ]; do printf \"\\\\$(printf %o $i)\"; i=$((i+1)); done; }; "
                           "all; all >&2");
    REQUIRE(binary);
    std::string all;
    for (int i = 0; i < 256; ++i) {
        all += static_cast<char>(i);
    }
    CHECK(binary->stdout_data == all);
    CHECK(binary->stderr_data == all);

    // Output that looks like markers: other nonces, a marker prefix at the very end.
    const std::string other = transport::shell_nonce();
    auto lookalike = run_sync(pool, host, "printf '%s0\\n%s' " + other + " " + other.substr(0, 20) +
                                              "; printf '%s' " + other + " >&2; exit 3");
    REQUIRE(lookalike);
    CHECK(lookalike->stdout_data == other + "0\n" + other.substr(0, 20));
    CHECK(lookalike->stderr_data == other);
    CHECK(lookalike->exit_status == 3);

    // Megabytes on both streams at once, interleaved.
    auto big = run_sync(pool, host,
                        "head -c 3000000 /dev/urandom > big.bin; i=0; while [ $i -lt 3 ]; do "
                        "head -c 1000000 /dev/zero | tr '\\0' o; head -c 1000000 /dev/zero | tr '\\0' e >&2; "
                        "i=$((i+1)); done; cat big.bin; sha256sum big.bin >&2; rm -f big.bin");
    REQUIRE(big);
    CHECK(big->stdout_bytes == 6000000u);
    CHECK(big->stdout_data.substr(0, 3000000) == std::string(3000000, 'o'));
    CHECK(big->stderr_data.substr(0, 3000000) == std::string(3000000, 'e'));
    CHECK(big->stderr_data.size() == 3000000 + 64 + 2 + 7 + 1);

    CHECK(shell_pid(pool, host) == first); // all of it on one shell
}

TEST_CASE("a persistent shell reports exit codes 0 to 255", "[transport][persistent-shell]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    const std::string first = shell_pid(pool, host);
    for (int code = 0; code < 256; ++code) {
        auto outcome = run_sync(pool, host, "echo " + std::to_string(code) + "; exit " + std::to_string(code));
        REQUIRE(outcome);
        CHECK(outcome->stdout_data == std::to_string(code) + "\n");
        CHECK(outcome->exit_status == code);
        CHECK(outcome->exit_signal.empty());
    }
    CHECK(shell_pid(pool, host) == first);
}

TEST_CASE("one command on a persistent shell cannot affect the next", "[transport][persistent-shell]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    auto home = run_sync(pool, host, "pwd; umask");
    REQUIRE(home);
    const std::string first = shell_pid(pool, host);

    auto changes = run_sync(pool, host, "cd /; SCSCTL_T=leaked; export SCSCTL_E=leaked; umask 077; "
                                        "trap 'echo trapped' EXIT; set -e; alias ls=false; exit 4");
    REQUIRE(changes);
    CHECK(changes->exit_status == 4);
    CHECK(changes->stdout_data == "trapped\n");
    auto after = run_sync(pool, host, "pwd; umask; echo \"${SCSCTL_T:-unset} ${SCSCTL_E:-unset}\"; false; echo went-on");
    REQUIRE(after);
    CHECK(after->stdout_data == home->stdout_data + "unset unset\nwent-on\n");

    auto syntax = run_sync(pool, host, "echo 'unclosed");
    REQUIRE(syntax);
    CHECK(syntax->exit_status == 2);
    CHECK_FALSE(syntax->stderr_data.empty());
    auto paren = run_sync(pool, host, "echo ) ; echo (");
    REQUIRE(paren);
    CHECK(paren->exit_status == 2);

    auto stdin_eof = run_sync(pool, host, "cat; read line; echo \"read=$? [$line]\"");
    REQUIRE(stdin_eof);
    CHECK(stdin_eof->stdout_data == "read=1 []\n");

    auto exec = run_sync(pool, host, "exec echo replaced");
    REQUIRE(exec);
    CHECK(exec->stdout_data == "replaced\n");

    CHECK(shell_pid(pool, host) == first); // none of it ended the shell
}

TEST_CASE("a command that kills its persistent shell fails as on its own channel; the next reopens",
          "[transport][persistent-shell]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    const std::string first = shell_pid(pool, host);

    auto killed = run_sync(pool, host, "echo before; kill -KILL $$; sleep 1");
    REQUIRE(killed);
    CHECK(killed->stdout_data == "before\n");
    CHECK(killed->exit_signal == "KILL");
    CHECK_FALSE(killed->succeeded());

    const std::string second = shell_pid(pool, host);
    CHECK(second != first);

    CHECK(shell_pid(pool, host) == second);

    // $PPID is sshd's process for the whole connection: killing it drops the connection,
    // on a persistent shell as on a channel per command.
    auto plain_endpoint = endpoint_for(sshd, 2);
    plain_endpoint.persistent_shell = false;
    const auto plain = pool.add(plain_endpoint);
    for (const auto target : {host, plain}) {
        auto parent = run_sync(pool, target, "echo before; kill $PPID; sleep 1");
        REQUIRE_FALSE(parent);
        CHECK(parent.error().kind == FailureKind::connection_lost);
        CHECK(parent.error().unreachable());
    }
}

TEST_CASE("a timed-out command on a persistent shell leaves no process behind", "[transport][persistent-shell]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    const std::string first = shell_pid(pool, host);
    const auto pid_file = sshd.dir() / "sleeper.pid";

    transport::CommandRequest request;
    request.command = "sleep 300 & echo $! > " + pid_file.string() + "; sleep 301";
    request.timeout = std::chrono::milliseconds(700);
    auto outcome = run_sync(pool, host, request);
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind == FailureKind::command_timeout);
    CHECK_FALSE(outcome.error().unreachable());
    const long sleeper = read_pid(pid_file);
    REQUIRE(sleeper > 1);
    CHECK(process_gone(sleeper, std::chrono::milliseconds(100)));
    CHECK(process_gone(std::stol(first)));

    auto after = run_sync(pool, host, "echo still usable");
    REQUIRE(after);
    CHECK(after->stdout_data == "still usable\n");
    CHECK(shell_pid(pool, host) != first);
}

TEST_CASE("cancel on a persistent shell leaves no process behind", "[transport][persistent-shell]")
{
    SshdFixture sshd;
    const auto pid_file = sshd.dir() / "cancel.pid";
    long sleeper = 0;
    {
        transport::Pool pool;
        const auto host = pool.add(endpoint_for(sshd, 1));
        std::promise<transport::CommandOutcome> promise;
        pool.run(host, request_of("echo $$ > " + pid_file.string() + "; sleep 302"), std::nullopt,
                 [&promise](transport::CommandOutcome outcome) { promise.set_value(std::move(outcome)); });
        sleeper = read_pid(pid_file);
        pool.cancel();
        auto future = promise.get_future();
        REQUIRE(future.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
        auto outcome = future.get();
        REQUIRE_FALSE(outcome);
        CHECK(outcome.error().kind == FailureKind::interrupted);
    }
    REQUIRE(sleeper > 1);
    CHECK(process_gone(sleeper));
}

TEST_CASE("commands a persistent shell cannot run as on their own channel fall back", "[transport][persistent-shell]")
{
    SshdFixture sshd;
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    const std::string persistent = shell_pid(pool, host);

    SECTION("stdin data gets a channel of its own")
    {
        auto outcome = run_sync(pool, host, request_of("echo $$; cat", "payload"));
        REQUIRE(outcome);
        CHECK(outcome->stdout_data != persistent + "payload");
        CHECK(outcome->stdout_data.ends_with("\npayload"));
        CHECK(shell_pid(pool, host) == persistent);
    }
    SECTION("the setting turned off: a channel per command")
    {
        auto endpoint = endpoint_for(sshd, 2);
        endpoint.persistent_shell = false;
        const auto plain = pool.add(endpoint);
        CHECK(shell_pid(pool, plain) != shell_pid(pool, plain));
        auto killed = run_sync(pool, plain, "echo before; kill -KILL $$; echo after");
        REQUIRE(killed);
        CHECK(killed->stdout_data == "before\n");
        CHECK(killed->exit_signal == "KILL");
    }
}

TEST_CASE("a server that cannot start the persistent shell gets a channel per command", "[transport][persistent-shell]")
{
    // Every exec request runs this instead: the persistent shell's own command prints
    // something else than its READY line, every other command runs as asked.
    SshdFixture sshd(SshdOptions{.extra_config = {
        "ForceCommand if [ \"$SSH_ORIGINAL_COMMAND\" = \"exec /bin/sh\" ]; then echo no shell for you; "
        "else eval \"$SSH_ORIGINAL_COMMAND\"; fi"}});
    transport::Pool pool;
    const auto host = pool.add(endpoint_for(sshd, 1));
    for (int i = 0; i < 3; ++i) {
        auto outcome = run_sync(pool, host, "printf 'run %s' " + std::to_string(i) + "; exit 5");
        REQUIRE(outcome);
        CHECK(outcome->stdout_data == "run " + std::to_string(i));
        CHECK(outcome->exit_status == 5);
    }
    CHECK(shell_pid(pool, host) != shell_pid(pool, host)); // a new shell each time
}
