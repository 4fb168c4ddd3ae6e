// The inventory lock in etcd v3: key PREFIX/lock holds the holder as JSON. A run's lock
// is put with a lease (TTL 15 s) that a thread of this object keeps alive while the run
// lives, so the lock of a SIGKILLed controller vanishes when its lease expires; an
// operator lock with --ttl has a lease of that TTL, one without has none. Every change is
// a txn comparing the key's revision, so racing takers on any machine see one winner.
// Takeover and refusal follow run_lock.hpp's rules, as the SQLite backend does.
// Depends on state (etcd_client, etcd_url, run_lock, process_identity).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "state/etcd_client.hpp"
#include "state/run_lock.hpp"

namespace scsctl::state {

/// A run's lease: how long a run's lock outlives a controller that stopped renewing it.
inline constexpr std::chrono::seconds k_etcd_run_lease_ttl{15};

class EtcdRunLock final : public RunLock {
  public:
    using Clock = std::function<double()>;
    using Probe = std::function<bool(std::int64_t, std::uint64_t)>;

    struct Options {
        Clock now;             ///< real clock when empty
        Probe alive;           ///< real process probe when empty
        std::string this_host; ///< this machine's name when empty
        std::chrono::seconds run_lease_ttl = k_etcd_run_lease_ttl;
        EtcdClientOptions client;
    };

    /// The lock at `url` (etcd://HOST:PORT/PREFIX); does not contact the server yet.
    static core::Result<std::unique_ptr<EtcdRunLock>> open(const std::string& url, Options options);
    static core::Result<std::unique_ptr<EtcdRunLock>> open(const std::string& url) { return open(url, Options{}); }
    /// Stops the keepalive; does not release (a run's lease then expires on its own).
    ~EtcdRunLock() override;

    core::Result<LockOutcome> acquire(const LockHolder& wanted) override;
    core::Result<bool> renew(const std::string& token, double expires_at) override;
    core::Result<bool> release(const std::string& token) override;
    core::Result<std::optional<LockHolder>> force_release() override;
    core::Result<std::optional<LockHolder>> holder() override;

    const std::string& key() const { return m_key; }

  private:
    EtcdRunLock(std::unique_ptr<EtcdClient> client, std::string key, Options options);
    /// The lock key's record and its holder; nullopt when unlocked.
    core::Result<std::optional<std::pair<EtcdKeyValue, LockHolder>>> read();
    /// The lease `wanted` needs (0: none).
    core::Result<std::int64_t> lease_for(const LockHolder& wanted);
    void start_keepalive(std::int64_t lease, const std::string& token);
    void stop_keepalive();
    void keepalive_loop(std::int64_t lease, std::chrono::seconds ttl);

    std::unique_ptr<EtcdClient> m_client;
    std::string m_key;
    Options m_options;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::int64_t m_lease = 0; ///< the lease this object keeps alive (0: none)
    std::string m_token;      ///< the token it was taken with
    std::thread m_keepalive;
};

} // namespace scsctl::state
