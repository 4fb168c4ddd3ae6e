// Many short operations in flight on few connections: every one must complete. Guards
// against lost wakeups in the event loop (data that libssh2 already read from the socket
// for another channel, a connection that stopped at its step budget), which show as a run
// that never ends, or, since the connection watchdog steps operations at least every
// second, as a counted recovery. Each case waits under a time limit and checks that count.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>

#include "slow_recv.hpp"
#include "transport/ssh_connection.hpp"
#include "transport_support.hpp"

using namespace scsctl;
using namespace scsctl::testing;

namespace {

constexpr auto k_time_limit = std::chrono::seconds(240);

/// Counts outstanding operations and remembers the first wrong result. Shared with the
/// callbacks, which may outlive a failed case until the pool shuts down.
struct Ledger {
    std::mutex mutex;
    std::condition_variable changed;
    int pending = 0;
    int completed = 0;
    std::string first_error;

    void started()
    {
        std::lock_guard lock(mutex);
        ++pending;
    }
    void finished(const std::string& error)
    {
        std::lock_guard lock(mutex);
        --pending;
        ++completed;
        if (!error.empty() && first_error.empty()) {
            first_error = error;
        }
        changed.notify_all();
    }
    /// Waits until at most `in_flight` operations are pending; false on the time limit.
    bool wait_below(int in_flight, std::chrono::steady_clock::time_point limit)
    {
        std::unique_lock lock(mutex);
        return changed.wait_until(lock, limit, [&] { return pending <= in_flight; });
    }
};

/// Operation `n` for a host: commands with and without output and stdin, small uploads
/// (some unchanged, so only the digest probe runs) and downloads, in a fixed rotation.
void submit(transport::Pool& pool, transport::HostHandle host, const SshdFixture& sshd, int n,
            const std::shared_ptr<Ledger>& ledger)
{
    ledger->started();
    const std::string tag = "op" + std::to_string(n);
    const std::string file = (sshd.dir() / ("stress-" + std::to_string(host) + "-" + std::to_string(n % 7))).string();
    switch (n % 5) {
    case 0: {
        // Both streams, then exit: the packets of one channel arrive in a burst.
        auto request = request_of("echo " + tag + "; echo " + tag + " >&2");
        pool.run(host, request, std::nullopt, [ledger, tag](transport::CommandOutcome outcome) {
            ledger->finished(!outcome ? outcome.error().message
                             : outcome->stdout_data != tag + "\n" || outcome->stderr_data != tag + "\n"
                                 ? tag + ": wrong output"
                                 : "");
        });
        return;
    }
    case 1: {
        // Output sizes from nothing to a few packets.
        const int repeat = (n * 37) % 3000;
        auto request = request_of("head -c " + std::to_string(repeat) + " /dev/zero | tr '\\0' x; echo " + tag);
        pool.run(host, request, std::nullopt, [ledger, repeat, tag](transport::CommandOutcome outcome) {
            const std::string want = std::string(static_cast<std::size_t>(repeat), 'x') + tag + "\n";
            ledger->finished(!outcome ? outcome.error().message
                                      : outcome->stdout_data != want ? tag + ": wrong output" : "");
        });
        return;
    }
    case 2: {
        auto request = request_of("cat; exit " + std::to_string(n % 3), tag);
        pool.run(host, request, std::nullopt, [ledger, n, tag](transport::CommandOutcome outcome) {
            ledger->finished(!outcome ? outcome.error().message
                             : outcome->stdout_data != tag || outcome->exit_status != n % 3 ? tag + ": wrong result"
                                                                                             : "");
        });
        return;
    }
    case 3:
        pool.upload(host, content_upload(file, "content " + std::to_string(n % 2)), std::nullopt,
                    [ledger, tag](transport::TransferOutcome outcome) {
                        ledger->finished(outcome ? "" : tag + ": " + outcome.error().message);
                    });
        return;
    default: {
        transport::DownloadRequest request;
        request.remote_path = "/etc/hostname";
        request.local_path = (sshd.dir() / ("download-" + std::to_string(host) + "-" + tag)).string();
        pool.download(host, request, [ledger, tag](transport::TransferOutcome outcome) {
            ledger->finished(outcome ? "" : tag + ": " + outcome.error().message);
        });
        return;
    }
    }
}

/// Keeps `in_flight` operations per host outstanding until `per_host` ran on each host.
void hammer(transport::PoolOptions options, int hosts, int per_host, int in_flight)
{
    SshdFixture sshd(SshdOptions{.hosts = hosts});
    transport::Pool pool(options);
    std::vector<transport::HostHandle> handles;
    for (int i = 1; i <= hosts; ++i) {
        handles.push_back(pool.add(endpoint_for(sshd, i)));
    }
    auto ledger = std::make_shared<Ledger>();
    const std::uint64_t lost_before = transport::lost_wakeups_recovered();
    const auto limit = std::chrono::steady_clock::now() + k_time_limit;
    for (int n = 0; n < per_host; ++n) {
        for (auto host : handles) {
            submit(pool, host, sshd, n, ledger);
        }
        const bool in_time = ledger->wait_below(in_flight * hosts, limit);
        INFO("completed " << ledger->completed << " of " << per_host * hosts);
        REQUIRE(in_time);
    }
    const bool in_time = ledger->wait_below(0, limit);
    INFO("completed " << ledger->completed << " of " << per_host * hosts << ", pending " << ledger->pending);
    REQUIRE(in_time);
    std::lock_guard lock(ledger->mutex);
    CHECK(ledger->first_error.empty());
    CHECK(ledger->completed == per_host * hosts);
    // The watchdog would have hidden a lost wakeup as a one-second delay: none may occur.
    CHECK(transport::lost_wakeups_recovered() == lost_before);
}

} // namespace

TEST_CASE("hundreds of mixed operations, four channels per connection, all complete", "[transport][stress]")
{
    hammer(transport::PoolOptions{.threads = 2, .channels_per_host = 4}, 3, 400, 6);
}

TEST_CASE("hundreds of operations one at a time per host, as a playbook runs them, all complete",
          "[transport][stress]")
{
    hammer(transport::PoolOptions{.threads = 2, .channels_per_host = 4}, 3, 400, 1);
}

TEST_CASE("operations complete when socket reads are slow and packets arrive in bursts", "[transport][stress]")
{
    // Each recv() sleeps first, so the server's next packets are usually there by the time
    // libssh2 reads for another stream or channel.
    SlowRecv slow(300);
    hammer(transport::PoolOptions{.threads = 2, .channels_per_host = 4}, 3, 300, 1);
}

TEST_CASE("many hosts in parallel, many commands each, on persistent shells: exact results, few shells",
          "[transport][stress][persistent-shell]")
{
    // 20 hosts x 60 commands, 4 in flight per host: every result exact (exit codes, output
    // with look-alike markers, no trailing newline), and each host ran them on at most 4
    // persistent shells ($$ is the shell's pid).
    constexpr int k_hosts = 20;
    constexpr int k_per_host = 60;
    SshdFixture sshd(SshdOptions{.hosts = k_hosts});
    transport::Pool pool(transport::PoolOptions{.threads = 2, .channels_per_host = 4});
    std::vector<transport::HostHandle> handles;
    for (int i = 1; i <= k_hosts; ++i) {
        handles.push_back(pool.add(endpoint_for(sshd, i)));
    }
    auto ledger = std::make_shared<Ledger>();
    auto shells = std::make_shared<std::vector<std::set<std::string>>>(k_hosts);
    const auto limit = std::chrono::steady_clock::now() + k_time_limit;
    for (int n = 0; n < k_per_host; ++n) {
        for (int h = 0; h < k_hosts; ++h) {
            ledger->started();
            const std::string tag = "scsctl" + std::string(32, 'a') + std::to_string(n);
            auto request = request_of("printf '%s|' $$; printf %s " + tag + "; printf %s " + tag + " >&2; exit " +
                                      std::to_string((n * 7 + h) % 256));
            const int code = (n * 7 + h) % 256;
            pool.run(handles[static_cast<std::size_t>(h)], request, std::nullopt,
                     [ledger, shells, h, tag, code](transport::CommandOutcome outcome) {
                         std::string error;
                         if (!outcome) {
                             error = outcome.error().message;
                         } else {
                             const auto bar = outcome->stdout_data.find('|');
                             if (bar == std::string::npos || outcome->stdout_data.substr(bar + 1) != tag ||
                                 outcome->stderr_data != tag || outcome->exit_status != code) {
                                 error = tag + ": wrong result '" + outcome->stdout_data + "' " +
                                         std::to_string(outcome->exit_status);
                             } else {
                                 std::lock_guard lock(ledger->mutex);
                                 (*shells)[static_cast<std::size_t>(h)].insert(outcome->stdout_data.substr(0, bar));
                             }
                         }
                         ledger->finished(error);
                     });
        }
        REQUIRE(ledger->wait_below(4 * k_hosts, limit));
    }
    REQUIRE(ledger->wait_below(0, limit));
    std::lock_guard lock(ledger->mutex);
    CHECK(ledger->first_error.empty());
    CHECK(ledger->completed == k_hosts * k_per_host);
    for (const auto& pids : *shells) {
        CHECK(!pids.empty());
        CHECK(pids.size() <= 4);
    }
}
