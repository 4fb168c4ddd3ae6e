// Tests of the inventory lock on real SQLite files in temp dirs: taking, refusing,
// releasing, renewing, takeover of expired and dead holders (faked, and a real SIGKILLed
// process), racing takers from threads and from forked processes.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include "state/lock_test_support.hpp"
#include "state/process_identity.hpp"
#include "state/run_lock.hpp"
#include "state/sqlite_run_lock.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using namespace scsctl::state;
using scsctl::state::lock_testing::holder_named;

namespace {

/// A lock on `path` with a fake clock (`*now`), host "here", and pids alive unless listed
/// in `*dead`.
std::unique_ptr<SqliteRunLock> fake_lock(const std::string& path, const double* now,
                                         const std::vector<std::int64_t>* dead)
{
    auto lock = SqliteRunLock::open(
        path, [now] { return *now; },
        [dead](std::int64_t pid, std::uint64_t) { return std::find(dead->begin(), dead->end(), pid) == dead->end(); },
        "here");
    REQUIRE(lock);
    return std::move(*lock);
}

/// This process as a lock holder (real pid and start time, real host name).
LockHolder this_process(const std::string& token)
{
    LockHolder holder = holder_named("me", ::getpid(), this_host_name());
    holder.token = token;
    holder.pid_start = process_start_ticks(::getpid());
    holder.started_at = 0;
    holder.expires_at.reset();
    return holder;
}

} // namespace

TEST_CASE("lock: the first taker gets it, a second is refused and told who holds it", "[lock]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / ".scsctl" / "state.db").string();
    double now = 1010;
    std::vector<std::int64_t> dead;
    auto lock = fake_lock(path, &now, &dead);

    auto first = lock->acquire(holder_named("alice", 11));
    REQUIRE(first);
    CHECK(first->acquired);
    CHECK_FALSE(first->other.has_value());

    auto second = lock->acquire(holder_named("bob", 22));
    REQUIRE(second);
    CHECK_FALSE(second->acquired);
    REQUIRE(second->other.has_value());
    CHECK(second->other->owner == "alice");
    CHECK(second->other->pid == 11);
    CHECK(second->other->host == "here");
    CHECK(second->other->reason == "testing");
    CHECK(second->other->command == "run");
    CHECK(second->other->started_at == 1000);
    CHECK(second->other->expires_at == std::optional<double>(1060));
    CHECK(second->other->pid_start == 77);

    // The same token again (the holder itself) is granted.
    auto again = lock->acquire(holder_named("alice", 11));
    REQUIRE(again);
    CHECK(again->acquired);
}

TEST_CASE("lock: release needs the holder's token; force_release takes anyone's", "[lock]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    double now = 1010;
    std::vector<std::int64_t> dead;
    auto lock = fake_lock(path, &now, &dead);
    REQUIRE(lock->acquire(holder_named("alice", 11))->acquired);

    CHECK_FALSE(*lock->release("bob-token"));
    REQUIRE(lock->holder()->has_value());
    CHECK(*lock->release("alice-token"));
    CHECK_FALSE(lock->holder()->has_value());
    CHECK_FALSE(*lock->release("alice-token"));

    REQUIRE(lock->acquire(holder_named("bob", 22))->acquired);
    auto forced = lock->force_release();
    REQUIRE(forced);
    REQUIRE(forced->has_value());
    CHECK((*forced)->owner == "bob");
    CHECK_FALSE(lock->holder()->has_value());
    auto nothing = lock->force_release();
    REQUIRE(nothing);
    CHECK_FALSE(nothing->has_value());
}

TEST_CASE("lock: an expired holder is taken over; renewing keeps it", "[lock]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    double now = 1010;
    std::vector<std::int64_t> dead;
    auto lock = fake_lock(path, &now, &dead);
    REQUIRE(lock->acquire(holder_named("alice", 11))->acquired);

    CHECK(*lock->renew("alice-token", 1100));
    CHECK_FALSE(*lock->renew("bob-token", 5000));
    now = 1080; // past the first expiry, before the renewed one
    CHECK_FALSE(lock->acquire(holder_named("bob", 22))->acquired);

    now = 1100; // the renewed expiry
    auto taken = lock->acquire(holder_named("bob", 22));
    REQUIRE(taken);
    CHECK(taken->acquired);
    REQUIRE(taken->other.has_value());
    CHECK(taken->other->owner == "alice");
    CHECK(taken->other_staleness == Staleness::expired);
    CHECK((*lock->holder())->owner == "bob");
    // The old holder lost it: its renewal and release say so and change nothing.
    CHECK_FALSE(*lock->renew("alice-token", 9999));
    CHECK_FALSE(*lock->release("alice-token"));
    CHECK((*lock->holder())->owner == "bob");
}

TEST_CASE("lock: a dead pid frees the lock only on its own host, and never an operator lock", "[lock]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    double now = 1010;
    std::vector<std::int64_t> dead{11};
    auto lock = fake_lock(path, &now, &dead);

    SECTION("same host: taken over")
    {
        REQUIRE(lock->acquire(holder_named("alice", 11))->acquired);
        auto taken = lock->acquire(holder_named("bob", 22));
        REQUIRE(taken->acquired);
        CHECK(taken->other_staleness == Staleness::process_gone);
        CHECK(taken->other->owner == "alice");
    }
    SECTION("another host: its pid means nothing here, so it waits for the expiry")
    {
        REQUIRE(lock->acquire(holder_named("alice", 11, "elsewhere"))->acquired);
        CHECK_FALSE(lock->acquire(holder_named("bob", 22))->acquired);
        now = 1061;
        CHECK(lock->acquire(holder_named("bob", 22))->acquired);
    }
    SECTION("an operator lock outlives the process that took it")
    {
        LockHolder operator_lock = holder_named("alice", 11);
        operator_lock.bound_to_process = false;
        operator_lock.command = "lock";
        operator_lock.expires_at.reset();
        REQUIRE(lock->acquire(operator_lock)->acquired);
        now = 1e9;
        auto refused = lock->acquire(holder_named("bob", 22));
        CHECK_FALSE(refused->acquired);
        CHECK_FALSE(refused->other->bound_to_process);
        CHECK_FALSE(refused->other->expires_at.has_value());
    }
}

TEST_CASE("lock: staleness is decided by expiry, then by the process on this host", "[lock]")
{
    const auto alive = [](std::int64_t, std::uint64_t) { return true; };
    const auto gone = [](std::int64_t, std::uint64_t) { return false; };
    LockHolder holder = holder_named("alice", 11);
    CHECK(staleness(holder, 1059, "here", alive) == Staleness::live);
    CHECK(staleness(holder, 1060, "here", alive) == Staleness::expired);
    CHECK(staleness(holder, 1059, "here", gone) == Staleness::process_gone);
    CHECK(staleness(holder, 1059, "there", gone) == Staleness::live);
    holder.expires_at.reset();
    CHECK(staleness(holder, 1e12, "there", gone) == Staleness::live);
}

TEST_CASE("lock: the real process probe tells live, dead and recycled pids apart", "[lock]")
{
    const std::uint64_t start = process_start_ticks(::getpid());
    REQUIRE(start != 0);
    CHECK(process_alive(::getpid(), start));
    CHECK(process_alive(::getpid(), 0));
    CHECK_FALSE(process_alive(::getpid(), start + 1)); // same pid, another process
    CHECK_FALSE(process_alive(0, 0));

    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::_exit(0);
    }
    const std::uint64_t child_start = process_start_ticks(child);
    // Exited but not reaped yet (a zombie): already gone.
    for (int i = 0; i < 200 && process_alive(child, child_start); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK_FALSE(process_alive(child, child_start));
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK_FALSE(process_alive(child, child_start));
}

TEST_CASE("lock: describe_holder names user, pid, host, command, since and reason", "[lock]")
{
    LockHolder holder = holder_named("alice", 1234, "build-7");
    const std::string text = describe_holder(holder);
    CHECK(text.starts_with("alice (pid 1234 on host build-7, scsctl run, since " + lock_time_text(1000)));
    CHECK(text.ends_with(", reason: testing)"));
    CHECK(describe_staleness(holder, Staleness::process_gone) == "its process 1234 is gone");
    CHECK(describe_staleness(holder, Staleness::expired) == "it expired at " + lock_time_text(1060));
}

TEST_CASE("lock: threads racing with their own connections: exactly one wins", "[lock]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    REQUIRE(SqliteRunLock::open(path)); // create the file once, as a journal would
    constexpr int k_takers = 8;
    std::atomic<int> ready{0};
    std::atomic<int> won{0};
    std::atomic<int> refused{0};
    std::atomic<int> errors{0};
    std::vector<std::thread> takers;
    for (int i = 0; i < k_takers; ++i) {
        takers.emplace_back([&, i] {
            auto lock = SqliteRunLock::open(path);
            if (!lock) {
                ++errors;
                return;
            }
            ++ready;
            while (ready.load() < k_takers) {
                std::this_thread::yield();
            }
            auto outcome = (*lock)->acquire(this_process("thread-" + std::to_string(i)));
            if (!outcome) {
                ++errors;
            } else if (outcome->acquired) {
                ++won;
            } else if (outcome->other && outcome->other->token.starts_with("thread-")) {
                ++refused;
            }
        });
    }
    for (auto& taker : takers) {
        taker.join();
    }
    CHECK(errors.load() == 0);
    CHECK(won.load() == 1);
    CHECK(refused.load() == k_takers - 1);
}

TEST_CASE("lock: forked processes racing: exactly one wins, the others name it", "[lock]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    REQUIRE(SqliteRunLock::open(path));
    constexpr int k_takers = 6;
    int go[2];
    int results[2];
    int done[2];
    REQUIRE(::pipe(go) == 0);
    REQUIRE(::pipe(results) == 0);
    REQUIRE(::pipe(done) == 0);
    std::vector<pid_t> children;
    for (int i = 0; i < k_takers; ++i) {
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            ::close(go[1]);
            ::close(results[0]);
            ::close(done[1]);
            char byte = 0;
            auto lock = SqliteRunLock::open(path); // a connection of its own, after fork
            (void)::read(go[0], &byte, 1);         // returns when the parent closes its end
            char verdict = 'e';
            if (lock) {
                auto outcome = (*lock)->acquire(this_process("child-" + std::to_string(::getpid())));
                if (outcome && outcome->acquired) {
                    verdict = 'w';
                } else if (outcome && outcome->other && outcome->other->token.starts_with("child-")) {
                    verdict = 'r';
                }
            }
            (void)::write(results[1], &verdict, 1);
            (void)::read(done[0], &byte, 1); // stay alive (holding) until every child answered
            ::_exit(0);
        }
        children.push_back(child);
    }
    ::close(go[0]);
    ::close(results[1]);
    ::close(done[0]);
    ::close(go[1]); // start them all at once
    std::string verdicts;
    char byte = 0;
    while (verdicts.size() < k_takers && ::read(results[0], &byte, 1) == 1) {
        verdicts += byte;
    }
    ::close(done[1]);
    ::close(results[0]);
    for (pid_t child : children) {
        int status = 0;
        ::waitpid(child, &status, 0);
    }
    CHECK(std::count(verdicts.begin(), verdicts.end(), 'w') == 1);
    CHECK(std::count(verdicts.begin(), verdicts.end(), 'r') == k_takers - 1);
}

TEST_CASE("lock: a SIGKILLed holder's lock is taken over, naming it", "[lock]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    REQUIRE(SqliteRunLock::open(path));
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(ready[0]);
        auto lock = SqliteRunLock::open(path);
        char verdict = lock && (*lock)->acquire(this_process("victim"))->acquired ? 'w' : 'e';
        (void)::write(ready[1], &verdict, 1);
        while (true) {
            ::pause(); // holds the lock until killed
        }
    }
    ::close(ready[1]);
    char verdict = 0;
    REQUIRE(::read(ready[0], &verdict, 1) == 1);
    ::close(ready[0]);
    REQUIRE(verdict == 'w');

    auto lock = SqliteRunLock::open(path);
    REQUIRE(lock);
    auto refused = (*lock)->acquire(this_process("survivor"));
    REQUIRE(refused);
    CHECK_FALSE(refused->acquired); // alive: refused
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    auto taken = (*lock)->acquire(this_process("survivor"));
    REQUIRE(taken);
    CHECK(taken->acquired);
    REQUIRE(taken->other.has_value());
    CHECK(taken->other->token == "victim");
    CHECK(taken->other->pid == child);
    CHECK(taken->other_staleness == Staleness::process_gone);
}
