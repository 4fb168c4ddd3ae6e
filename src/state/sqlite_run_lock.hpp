// The inventory lock in the journal's SQLite file (table `locks`, schema version 3):
// every change is one BEGIN IMMEDIATE transaction, so two processes (or threads, each
// with its own connection) that race for the lock see each other's writes, and one wins.
// Depends on state (sqlite, schema, run_lock, process_identity).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "state/run_lock.hpp"
#include "state/sqlite.hpp"

namespace scsctl::state {

class SqliteRunLock final : public RunLock {
public:
    using Clock = std::function<double()>;
    using Probe = std::function<bool(std::int64_t, std::uint64_t)>;

    /// Opens the lock in the journal file at `path` (created and upgraded as the journal
    /// is). `now`, `alive` and `this_host` are the real ones unless a test fakes them.
    static core::Result<std::unique_ptr<SqliteRunLock>> open(const std::string& path, Clock now = {},
                                                             Probe alive = {}, std::string this_host = {});

    core::Result<LockOutcome> acquire(const LockHolder& wanted) override;
    core::Result<bool> renew(const std::string& token, double expires_at) override;
    core::Result<bool> release(const std::string& token) override;
    core::Result<std::optional<LockHolder>> force_release() override;
    core::Result<std::optional<LockHolder>> holder() override;

    const std::string& path() const { return m_db.path(); }

private:
    SqliteRunLock(Database db, Clock now, Probe alive, std::string this_host);
    /// Runs `body` inside BEGIN IMMEDIATE … COMMIT (ROLLBACK when it fails).
    template <typename Body>
    auto in_transaction(Body&& body) -> decltype(body());
    core::Result<std::optional<LockHolder>> read_holder();

    Database m_db;
    Clock m_now;
    Probe m_alive;
    std::string m_this_host;
};

} // namespace scsctl::state
