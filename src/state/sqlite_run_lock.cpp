// The SQLite lock. One row (name 'inventory') is the holder; taking the lock reads it and
// replaces it inside the same write transaction, so the check and the write are atomic
// across processes. SQLite's busy timeout (5 s) makes racing takers queue, not fail.
#include "state/sqlite_run_lock.hpp"

#include <filesystem>

#include "state/journal_rows.hpp"
#include "state/process_identity.hpp"
#include "state/schema.hpp"

namespace scsctl::state {

namespace {

constexpr const char* k_lock_name = "inventory";

constexpr const char* k_select = R"sql(
SELECT token, owner, pid, pid_start, host, reason, command, bound_to_process, started_at, expires_at
FROM locks WHERE name = ?1)sql";

constexpr const char* k_replace = R"sql(
INSERT OR REPLACE INTO locks (name, token, owner, pid, pid_start, host, reason, command, bound_to_process,
    started_at, expires_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql";

LockHolder holder_of(const Statement& row)
{
    LockHolder out;
    out.token = row.text(0);
    out.owner = row.text(1);
    out.pid = row.integer(2);
    out.pid_start = static_cast<std::uint64_t>(row.integer(3));
    out.host = row.text(4);
    out.reason = row.text(5);
    out.command = row.text(6);
    out.bound_to_process = row.integer(7) != 0;
    out.started_at = row.real(8);
    if (!row.is_null(9)) {
        out.expires_at = row.real(9);
    }
    return out;
}

core::Result<void> prepare_file(Database& db)
{
    {
        // Finalized before migrate(): a stepped statement would keep COMMIT from ending.
        auto mode = SCSCTL_TRY(db.prepare("PRAGMA journal_mode=WAL"));
        if (!SCSCTL_TRY(mode.step()) || mode.text(0) != "wal") {
            return core::fail(db.error("cannot switch the journal to WAL mode"));
        }
    }
    SCSCTL_TRY(db.exec("PRAGMA synchronous=FULL"));
    return migrate(db);
}

} // namespace

core::Result<std::unique_ptr<SqliteRunLock>> SqliteRunLock::open(const std::string& path, Clock now, Probe alive,
                                                                 std::string this_host)
{
    std::error_code error;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::filesystem::create_directories(parent, error);
        if (error) {
            return core::fail(core::Error{core::ErrorKind::io,
                                          parent.string() + ": cannot create the journal directory (" + error.message() + ")",
                                          {}});
        }
    }
    auto db = SCSCTL_TRY(Database::open(path));
    SCSCTL_TRY(prepare_file(db));
    if (!now) {
        now = now_seconds;
    }
    if (!alive) {
        alive = process_alive;
    }
    if (this_host.empty()) {
        this_host = this_host_name();
    }
    return std::unique_ptr<SqliteRunLock>(
        new SqliteRunLock(std::move(db), std::move(now), std::move(alive), std::move(this_host)));
}

SqliteRunLock::SqliteRunLock(Database db, Clock now, Probe alive, std::string this_host)
    : m_db(std::move(db)), m_now(std::move(now)), m_alive(std::move(alive)), m_this_host(std::move(this_host))
{
}

template <typename Body>
auto SqliteRunLock::in_transaction(Body&& body) -> decltype(body())
{
    SCSCTL_TRY(m_db.exec("BEGIN IMMEDIATE"));
    auto result = body();
    if (!result) {
        (void)m_db.exec("ROLLBACK");
        return result;
    }
    if (auto committed = m_db.exec("COMMIT"); !committed) {
        (void)m_db.exec("ROLLBACK");
        return core::fail(committed.error());
    }
    return result;
}

core::Result<std::optional<LockHolder>> SqliteRunLock::read_holder()
{
    auto select = SCSCTL_TRY(m_db.prepare(k_select));
    select.bind(1, std::string_view(k_lock_name));
    if (!SCSCTL_TRY(select.step())) {
        return std::optional<LockHolder>();
    }
    return std::optional<LockHolder>(holder_of(select));
}

core::Result<LockOutcome> SqliteRunLock::acquire(const LockHolder& wanted)
{
    return in_transaction([&]() -> core::Result<LockOutcome> {
        LockOutcome outcome;
        if (auto current = SCSCTL_TRY(read_holder()); current && current->token != wanted.token) {
            outcome.other_staleness = staleness(*current, m_now(), m_this_host, m_alive);
            outcome.other = std::move(current);
            if (outcome.other_staleness == Staleness::live) {
                return outcome; // refused
            }
        }
        auto replace = SCSCTL_TRY(m_db.prepare(k_replace));
        replace.bind(1, std::string_view(k_lock_name))
            .bind(2, wanted.token)
            .bind(3, wanted.owner)
            .bind(4, wanted.pid)
            .bind(5, static_cast<std::int64_t>(wanted.pid_start))
            .bind(6, wanted.host)
            .bind(7, wanted.reason)
            .bind(8, wanted.command)
            .bind(9, std::int64_t{wanted.bound_to_process ? 1 : 0})
            .bind(10, wanted.started_at);
        if (wanted.expires_at) {
            replace.bind(11, *wanted.expires_at);
        } else {
            replace.bind_null(11);
        }
        SCSCTL_TRY(replace.run());
        outcome.acquired = true;
        return outcome;
    });
}

core::Result<bool> SqliteRunLock::renew(const std::string& token, double expires_at)
{
    return in_transaction([&]() -> core::Result<bool> {
        auto update =
            SCSCTL_TRY(m_db.prepare("UPDATE locks SET expires_at = ?1 WHERE name = ?2 AND token = ?3 RETURNING token"));
        update.bind(1, expires_at).bind(2, std::string_view(k_lock_name)).bind(3, token);
        const bool held = SCSCTL_TRY(update.step());
        update.reset();
        return held;
    });
}

core::Result<bool> SqliteRunLock::release(const std::string& token)
{
    return in_transaction([&]() -> core::Result<bool> {
        auto remove = SCSCTL_TRY(m_db.prepare("DELETE FROM locks WHERE name = ?1 AND token = ?2 RETURNING token"));
        remove.bind(1, std::string_view(k_lock_name)).bind(2, token);
        const bool held = SCSCTL_TRY(remove.step());
        remove.reset();
        return held;
    });
}

core::Result<std::optional<LockHolder>> SqliteRunLock::force_release()
{
    return in_transaction([&]() -> core::Result<std::optional<LockHolder>> {
        auto current = SCSCTL_TRY(read_holder());
        auto remove = SCSCTL_TRY(m_db.prepare("DELETE FROM locks WHERE name = ?1"));
        remove.bind(1, std::string_view(k_lock_name));
        SCSCTL_TRY(remove.run());
        return current;
    });
}

core::Result<std::optional<LockHolder>> SqliteRunLock::holder()
{
    return read_holder();
}

} // namespace scsctl::state
