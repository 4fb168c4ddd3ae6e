// The journal's connection setup (WAL, synchronous=FULL so a commit survives a crash of
// the machine too, not only of scsctl) and the group-commit writes (group_commit.hpp).
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
    : m_db(std::move(db)), m_queue(commit_interval, [this](const std::vector<JournalEntry>& batch) {
          return write_batch(batch);
      })
{
}

Journal::~Journal() = default;

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
    m_queue.push([&] { return JournalEntry(std::move(row)); });
}

void Journal::record(FactsRow row)
{
    m_queue.push([&] { return JournalEntry(std::move(row)); });
}

core::Result<void> Journal::flush()
{
    return m_queue.flush();
}

std::size_t Journal::commits() const
{
    return m_queue.commits();
}

core::Result<void> Journal::write_batch(const std::vector<JournalEntry>& batch)
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
