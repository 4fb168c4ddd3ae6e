// Tests of the etcd lock against a real etcd: taking, refusing with the holder, releasing,
// renewing, takeover of expired and dead holders, a run's lease kept alive while its
// process lives and gone after SIGKILL, operator locks with and without a TTL, racing
// takers, a malformed record, and a server that is down.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "etcd_fixture.hpp"
#include "state/etcd_run_lock.hpp"
#include "state/journal_rows.hpp"
#include "state/lock_backend.hpp"
#include "state/lock_test_support.hpp"

using namespace scsctl;
using namespace scsctl::state;
using scsctl::state::lock_testing::holder_named;

namespace {

/// A lock with a fake clock (`*now`), host "here", pids alive unless in `*dead`, and a
/// run lease of `ttl`.
std::unique_ptr<EtcdRunLock> fake_lock(const std::string& url, const double* now, const std::vector<std::int64_t>* dead,
                                       std::chrono::seconds ttl = std::chrono::seconds(15))
{
    EtcdRunLock::Options options;
    options.now = [now] { return *now; };
    options.alive = [dead](std::int64_t pid, std::uint64_t) {
        return std::find(dead->begin(), dead->end(), pid) == dead->end();
    };
    options.this_host = "here";
    options.run_lease_ttl = ttl;
    auto lock = EtcdRunLock::open(url, options);
    REQUIRE(lock);
    return std::move(*lock);
}

/// Polls `condition` every 100 ms for up to `limit`.
template <typename Condition> bool eventually(Condition condition, std::chrono::milliseconds limit)
{
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return condition();
}

} // namespace

TEST_CASE("etcd lock: the first taker gets it, a second is refused and told who holds it", "[etcd][lock]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    double now = 1010;
    std::vector<std::int64_t> dead;
    auto lock = fake_lock(server.url("ci/prod"), &now, &dead);
    CHECK(lock->key() == "/ci/prod/lock");

    auto first = lock->acquire(holder_named("alice", 11));
    REQUIRE(first);
    CHECK(first->acquired);
    CHECK_FALSE(first->other);
    auto second = lock->acquire(holder_named("bob", 22));
    REQUIRE(second);
    CHECK_FALSE(second->acquired);
    REQUIRE(second->other);
    CHECK(second->other->owner == "alice");
    CHECK(second->other->pid == 11);
    CHECK(second->other->reason == "testing");
    CHECK(second->other_staleness == Staleness::live);
    auto again = lock->acquire(holder_named("alice", 11)); // the same token takes it again
    REQUIRE(again);
    CHECK(again->acquired);

    auto held = lock->holder();
    REQUIRE(held);
    REQUIRE(*held);
    CHECK((*held)->owner == "alice");
    CHECK((*held)->expires_at == std::optional<double>(1060));

    CHECK_FALSE(*lock->release("bob-token"));
    CHECK(*lock->release("alice-token"));
    CHECK_FALSE(*lock->release("alice-token"));
    CHECK_FALSE(lock->holder()->has_value());

    REQUIRE(lock->acquire(holder_named("carol", 33))->acquired);
    auto forced = lock->force_release();
    REQUIRE(forced);
    REQUIRE(*forced);
    CHECK((*forced)->owner == "carol");
    CHECK_FALSE(lock->holder()->has_value());
    CHECK_FALSE(lock->force_release()->has_value());
}

TEST_CASE("etcd lock: expired and dead holders are taken over; renewing keeps the lock", "[etcd][lock]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    double now = 1010;
    std::vector<std::int64_t> dead;
    auto lock = fake_lock(server.url("scs"), &now, &dead);
    REQUIRE(lock->acquire(holder_named("alice", 11, "elsewhere"))->acquired);
    REQUIRE(*lock->renew("alice-token", 1100));
    CHECK_FALSE(*lock->renew("bob-token", 1100));
    now = 1080; // past the first expiry, before the renewed one
    CHECK_FALSE(lock->acquire(holder_named("bob", 22))->acquired);
    now = 1101;
    LockHolder bob = holder_named("bob", 22);
    bob.expires_at = 2000;
    auto taken = lock->acquire(bob);
    REQUIRE(taken);
    CHECK(taken->acquired);
    REQUIRE(taken->other);
    CHECK(taken->other->owner == "alice");
    CHECK(taken->other_staleness == Staleness::expired);

    SECTION("a dead pid on this host: taken over at once")
    {
        now = 1102;
        dead.push_back(22);
        auto carol = lock->acquire(holder_named("carol", 33));
        REQUIRE(carol);
        CHECK(carol->acquired);
        CHECK(carol->other_staleness == Staleness::process_gone);
    }
    SECTION("an operator lock outlives the process that took it")
    {
        now = 1102;
        REQUIRE(lock->release("bob-token"));
        LockHolder op = holder_named("dave", 44);
        op.bound_to_process = false;
        op.expires_at.reset();
        REQUIRE(lock->acquire(op)->acquired);
        dead.push_back(44);
        auto refused = lock->acquire(holder_named("erin", 55));
        REQUIRE(refused);
        CHECK_FALSE(refused->acquired);
        CHECK(refused->other->owner == "dave");
    }
}

TEST_CASE("etcd lock: a SIGKILLed holder's lease expires and its lock vanishes", "[etcd][lock]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    const std::string url = server.url("fleet");
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // Another CI runner: its pid means nothing to the parent (another host name).
        ::close(ready[0]);
        EtcdRunLock::Options options;
        options.this_host = "runner-b";
        options.run_lease_ttl = std::chrono::seconds(2);
        auto lock = EtcdRunLock::open(url, options);
        LockHolder holder = holder_named("ci", ::getpid(), "runner-b");
        holder.started_at = now_seconds();
        holder.expires_at = holder.started_at + 3600;
        const bool taken = lock && (*lock)->acquire(holder) && (*lock)->holder() && *(*lock)->holder();
        const char byte = taken ? 'y' : 'n';
        (void)::write(ready[1], &byte, 1);
        ::pause(); // until SIGKILL; the keepalive thread renews the lease meanwhile
        ::_exit(0);
    }
    ::close(ready[1]);
    char byte = 0;
    REQUIRE(::read(ready[0], &byte, 1) == 1);
    ::close(ready[0]);
    EtcdRunLock::Options options;
    options.this_host = "runner-a";
    auto lock = EtcdRunLock::open(url, options);
    REQUIRE(lock);
    const bool child_took_it = byte == 'y';
    // Longer than the lease's TTL: kept alive while the holder lives.
    std::this_thread::sleep_for(std::chrono::milliseconds(3500));
    auto refused = (*lock)->acquire(holder_named("me", ::getpid(), "runner-a"));
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    REQUIRE(child_took_it);
    REQUIRE(refused);
    CHECK_FALSE(refused->acquired);
    REQUIRE(refused->other);
    CHECK(refused->other->host == "runner-b");
    CHECK(refused->other->pid == child);

    const auto killed_at = std::chrono::steady_clock::now();
    CHECK(eventually([&] { return !(*lock)->holder()->has_value(); }, std::chrono::seconds(10)));
    CHECK(std::chrono::steady_clock::now() - killed_at < std::chrono::seconds(6));
    LockHolder mine = holder_named("me", ::getpid(), "runner-a");
    mine.expires_at = now_seconds() + 60;
    auto taken = (*lock)->acquire(mine);
    REQUIRE(taken);
    CHECK(taken->acquired);
    CHECK_FALSE(taken->other); // nothing left to take over: the key had gone
    CHECK(*(*lock)->release(mine.token));
}

TEST_CASE("etcd lock: operator locks: with a TTL they expire, without one they stay", "[etcd][lock]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    const std::string url = server.url("ops");
    auto client = EtcdClient::create(server.endpoint());
    REQUIRE(client);
    {
        auto lock = open_run_lock(url); // through the backend factory, as the CLI does
        REQUIRE(lock);
        LockHolder op = holder_named("oscar", ::getpid());
        op.bound_to_process = false;
        op.command = "lock";
        op.started_at = now_seconds();
        op.expires_at.reset();
        REQUIRE((*lock)->acquire(op)->acquired);
    }
    // The process that took it is done (its lock object gone): the lock stays, no lease.
    auto record = (*client)->get("/ops/lock");
    REQUIRE(record);
    REQUIRE(record->has_value());
    CHECK((*record)->lease == 0);
    auto lock = open_run_lock(url);
    REQUIRE(lock);
    auto held = (*lock)->holder();
    REQUIRE(held);
    REQUIRE(held->has_value());
    CHECK((*held)->owner == "oscar");
    REQUIRE((*lock)->force_release()->has_value());

    LockHolder timed = holder_named("tess", ::getpid());
    timed.bound_to_process = false;
    timed.command = "lock";
    timed.started_at = now_seconds();
    timed.expires_at = timed.started_at + 2;
    REQUIRE((*lock)->acquire(timed)->acquired);
    record = (*client)->get("/ops/lock");
    REQUIRE(record->has_value());
    CHECK((*record)->lease != 0);
    CHECK(eventually([&] { return !(*lock)->holder()->has_value(); }, std::chrono::seconds(8)));
}

TEST_CASE("etcd lock: racing takers with their own clients: exactly one wins", "[etcd][lock]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    const std::string url = server.url("race");
    std::atomic<int> winners{0};
    std::atomic<int> refused{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> takers;
    for (int i = 0; i < 6; ++i) {
        takers.emplace_back([&, i] {
            auto lock = EtcdRunLock::open(url);
            while (!go) {
                std::this_thread::yield();
            }
            LockHolder holder = holder_named("t" + std::to_string(i), 100 + i, "elsewhere");
            holder.bound_to_process = false;
            holder.expires_at.reset();
            auto outcome = lock ? (*lock)->acquire(holder) : core::fail(lock.error());
            if (outcome && outcome->acquired) {
                ++winners;
            } else if (outcome && outcome->other) {
                ++refused;
            }
        });
    }
    go = true;
    for (auto& taker : takers) {
        taker.join();
    }
    CHECK(winners == 1);
    CHECK(refused == 5);
}

TEST_CASE("etcd lock: a record that is not a holder, and a server that is down", "[etcd][lock]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    auto client = EtcdClient::create(server.endpoint());
    REQUIRE(client);
    REQUIRE((*client)->put(EtcdPut{"/bad/lock", "{not json", 0}));
    auto lock = EtcdRunLock::open(server.url("bad"));
    REQUIRE(lock);
    auto taken = (*lock)->acquire(holder_named("alice", 11));
    REQUIRE_FALSE(taken);
    CHECK(taken.error().message ==
          "etcd at " + server.endpoint() +
              ": /bad/lock does not hold a lock record; remove it with 'scsctl unlock --force'");
    auto forced = (*lock)->force_release();
    REQUIRE(forced);
    CHECK_FALSE(forced->has_value());
    CHECK((*lock)->acquire(holder_named("alice", 11))->acquired);

    server.stop();
    auto down = (*lock)->holder();
    REQUIRE_FALSE(down);
    CHECK(down.error().message == "etcd at " + server.endpoint() + ": connection refused");
    auto malformed = open_run_lock("etcd://127.0.0.1:2379");
    REQUIRE_FALSE(malformed);
    CHECK(malformed.error().kind == core::ErrorKind::config);
}
