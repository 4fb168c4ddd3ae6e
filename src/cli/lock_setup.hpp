// Wiring the inventory lock into commands: the lock record of this process, holding a
// run's lock for the life of a scope (renewed by a heartbeat, released on every way out),
// and the messages for a refusal (exit 4) and a takeover (a warning). Depends on cli and state.
#pragma once

#include <chrono>
#include <condition_variable>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "cli/global_options.hpp"
#include "state/run_lock.hpp"

namespace scsctl::cli {

/// A run's lock expires this long after its last renewal; the heartbeat renews it every
/// third of that. On the holder's own host a dead pid frees it at once.
inline constexpr std::chrono::seconds k_run_lock_ttl{60};

/// The lock record of this process for `command` ("run", "lock", ...).
state::LockHolder own_lock_request(const std::string& command, const std::string& reason, bool bound_to_process,
                                   std::optional<double> ttl_seconds);

/// Opens the lock at the state location `path`; exit 2 (with a message) when there is
/// no location or it cannot be opened.
std::expected<std::unique_ptr<state::RunLock>, int> open_lock(const std::optional<std::string>& path,
                                                              const Console& console);

/// Takes the lock for `wanted`: a takeover of a stale holder is a warning naming it; a
/// live holder is an error naming it (exit 4); a storage failure is exit 2.
std::expected<void, int> take_lock(state::RunLock& lock, const std::string& where, const state::LockHolder& wanted,
                                   const Console& console);

/// A run's lock, held from construction to destruction: renewed every third of its TTL
/// by a thread, released by the destructor (normal end, failure, exception, and the
/// clean end after SIGINT/SIGTERM). A SIGKILLed holder leaves a record whose process is
/// gone, which the next run takes over.
class HeldRunLock {
public:
    HeldRunLock(std::unique_ptr<state::RunLock> lock, state::LockHolder holder, std::string where,
                const Console& console);
    ~HeldRunLock();
    HeldRunLock(const HeldRunLock&) = delete;
    HeldRunLock& operator=(const HeldRunLock&) = delete;

private:
    void heartbeat();

    std::unique_ptr<state::RunLock> m_lock;
    state::LockHolder m_holder;
    std::string m_where;
    const Console& m_console;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

/// Holds the lock of `path` for `command` ("run", later "deploy", ...): nullptr when
/// there is no journal (nothing to lock), exit 4 when another run holds it, exit 2 when
/// the lock cannot be read or written.
std::expected<std::unique_ptr<HeldRunLock>, int> hold_run_lock(const std::optional<std::string>& path,
                                                               const std::string& command, const Console& console);

} // namespace scsctl::cli
