// The journal's connection setup (WAL, synchronous=FULL so a commit survives a crash of
// the machine too, not only of scsctl) and the group-commit writer thread.
#include "state/journal.hpp"

#include <filesystem>

#include "state/journal_write.hpp"
#include "state/schema.hpp"

namespace scsctl::state {

core::Result<std::unique_ptr<Journal>> Journal::open(const std::string& path, std::chrono::milliseconds commit_interval)
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
    {
        auto mode = SCSCTL_TRY(db.prepare("PRAGMA journal_mode=WAL"));
        if (!SCSCTL_TRY(mode.step()) || mode.text(0) != "wal") {
            return core::fail(db.error("cannot switch the journal to WAL mode"));
        }
    }
    SCSCTL_TRY(db.exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON"));
    SCSCTL_TRY(migrate(db));
    return std::unique_ptr<Journal>(new Journal(std::move(db), commit_interval));
}

Journal::Journal(Database db, std::chrono::milliseconds commit_interval)
    : m_db(std::move(db)), m_interval(commit_interval), m_writer([this] { writer_loop(); })
{
}

Journal::~Journal()
{
    {
        std::lock_guard lock(m_queue_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_writer.join();
}

core::Result<RunId> Journal::begin_run(const RunRow& run)
{
    std::lock_guard lock(m_db_mutex);
    return insert_run(m_db, run);
}

core::Result<void> Journal::finish_run(RunId run, const std::string& status, int exit_code)
{
    auto flushed = flush();
    std::lock_guard lock(m_db_mutex);
    SCSCTL_TRY(update_run_end(m_db, run, status, exit_code));
    return flushed;
}

void Journal::record(TaskRow row)
{
    enqueue(Pending(std::move(row)));
}

void Journal::record(FactsRow row)
{
    enqueue(Pending(std::move(row)));
}

void Journal::enqueue(Pending entry)
{
    std::lock_guard lock(m_queue_mutex);
    if (m_pending.empty()) {
        m_first_pending_at = std::chrono::steady_clock::now();
    }
    m_pending.push_back(std::move(entry));
    ++m_queued;
    m_wake.notify_all();
}

core::Result<void> Journal::flush()
{
    std::unique_lock lock(m_queue_mutex);
    const std::size_t target = m_queued;
    m_flush_asked = true;
    m_wake.notify_all();
    m_done.wait(lock, [&] { return m_written >= target; });
    m_flush_asked = false;
    if (m_error) {
        return core::fail(*m_error);
    }
    return {};
}

std::size_t Journal::commits() const
{
    std::lock_guard lock(m_queue_mutex);
    return m_commits;
}

void Journal::writer_loop()
{
    std::unique_lock lock(m_queue_mutex);
    while (true) {
        m_wake.wait(lock, [&] { return m_stop || !m_pending.empty(); });
        if (m_pending.empty()) {
            return; // stopping with nothing left
        }
        // Group: rows that arrive within the interval of the first one share its commit.
        m_wake.wait_until(lock, m_first_pending_at + m_interval, [&] { return m_stop || m_flush_asked; });
        std::vector<Pending> batch = std::move(m_pending);
        m_pending.clear();
        lock.unlock();
        auto written = write_batch(batch);
        lock.lock();
        if (!written && !m_error) {
            m_error = written.error();
        }
        m_written += batch.size();
        ++m_commits;
        m_done.notify_all();
    }
}

core::Result<void> Journal::write_batch(const std::vector<Pending>& batch)
{
    std::lock_guard lock(m_db_mutex);
    SCSCTL_TRY(m_db.exec("BEGIN IMMEDIATE"));
    auto written = insert_rows(m_db, batch);
    if (!written) {
        (void)m_db.exec("ROLLBACK");
        return written;
    }
    return m_db.exec("COMMIT");
}

} // namespace scsctl::state
