// The inventory lock: one holder at a time (a run, or an operator's `scsctl lock`), with
// owner, pid, host, reason, command, start and expiry, behind an interface so that the
// SQLite backend (sqlite_run_lock.hpp) can be joined by an etcd one (a lease).
// Depends on core.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace scsctl::state {

/// Who holds (or wants) the lock.
struct LockHolder {
    std::string token;     ///< unique per acquisition: releasing and renewing need it
    std::string owner;     ///< the user
    std::int64_t pid = 0;
    std::uint64_t pid_start = 0; ///< the process's start time (process_identity.hpp); 0: unknown
    std::string host;      ///< the host name the process runs on
    std::string reason;    ///< free text ("" when none was given)
    std::string command;   ///< "run", "lock" (an operator lock), ...
    bool bound_to_process = true; ///< a run's lock: it dies with its process
    double started_at = 0;        ///< seconds since the epoch
    std::optional<double> expires_at; ///< none: held until released
};

/// Why a holder no longer holds the lock, though its record is still there.
enum class Staleness { live, expired, process_gone };

/// A holder is stale when its expiry passed, or when it is bound to a process on this
/// host (`this_host`) and `alive(pid, pid_start)` says that process is gone. On another
/// host the pid cannot be checked, so only the expiry counts there.
Staleness staleness(const LockHolder& holder, double now, const std::string& this_host,
                    const std::function<bool(std::int64_t, std::uint64_t)>& alive);

/// What acquire found.
struct LockOutcome {
    bool acquired = false;
    /// When refused: the live holder. When acquired over a stale holder: that holder.
    std::optional<LockHolder> other;
    Staleness other_staleness = Staleness::live;
};

class RunLock {
public:
    virtual ~RunLock() = default;

    /// Takes the lock for `wanted` atomically: granted when nobody holds it, when the
    /// holder is stale (taken over: `other` says who) or holds it with `wanted.token`;
    /// refused (not an error) when someone else holds it. Errors are storage failures.
    virtual core::Result<LockOutcome> acquire(const LockHolder& wanted) = 0;
    /// Moves the expiry of the lock held with `token`; false when it is no longer held so.
    virtual core::Result<bool> renew(const std::string& token, double expires_at) = 0;
    /// Releases the lock held with `token`; false when it was not held so.
    virtual core::Result<bool> release(const std::string& token) = 0;
    /// Releases the lock whoever holds it; the holder it had, if any.
    virtual core::Result<std::optional<LockHolder>> force_release() = 0;
    /// The current holder's record, stale or not; nullopt when unlocked.
    virtual core::Result<std::optional<LockHolder>> holder() = 0;
};

/// A fresh token: host, pid and random bits.
std::string new_lock_token(const std::string& host, std::int64_t pid);

/// "alice (pid 1234 on host build-7, scsctl run, since 2024-05-01 12:00:03, reason: x)":
/// who holds it, in the words of messages.
std::string describe_holder(const LockHolder& holder);

/// "its process is gone" / "it expired at 2024-05-01 12:01:03".
std::string describe_staleness(const LockHolder& holder, Staleness staleness);

/// Local time "YYYY-MM-DD HH:MM:SS".
std::string lock_time_text(double seconds);

} // namespace scsctl::state
