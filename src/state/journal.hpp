// The run journal: one SQLite file (WAL) holding runs, task×host results and host facts.
// Results are queued by the runner's thread and committed in groups by a writer thread,
// each within `commit_interval` (50 ms) of being queued, so a killed controller loses at
// most the tasks in flight while a fast run does not pay one fsync per result.
// The SQLite implementation of RunStore (run_store.hpp). Depends on state (sqlite,
// schema, rows, run_store).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "state/journal_rows.hpp"
#include "state/run_store.hpp"
#include "state/sqlite.hpp"

namespace scsctl::state {

class Journal final : public RunStore {
public:
    /// Opens or creates the journal at `path` (and its directory), upgrading an older schema.
    static core::Result<std::unique_ptr<Journal>> open(const std::string& path,
                                                       std::chrono::milliseconds commit_interval =
                                                           std::chrono::milliseconds(50));
    ~Journal() override; ///< commits what is queued, then stops the writer
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    /// Inserts the run (synchronously) and returns its id.
    core::Result<RunId> begin_run(const RunRow& run) override;
    /// Marks the run ended with `status` (k_run_finished, ...) after committing its results.
    core::Result<void> finish_run(RunId run, const std::string& status, int exit_code) override;

    /// Queues a result or facts; the writer commits them within the commit interval.
    void record(TaskRow row) override;
    void record(FactsRow row) override;
    /// Waits until everything queued so far is committed; the writer's first error, if any.
    core::Result<void> flush() override;

    /// Runs `query` on the journal's connection, not concurrently with the writer.
    template <typename Query>
    auto read(Query&& query)
    {
        std::lock_guard lock(m_db_mutex);
        return query(m_db);
    }

    /// Group commits done so far (for tests and -vvv).
    std::size_t commits() const;
    const std::string& path() const { return m_db.path(); }
    const std::string& location() const override { return m_db.path(); }

    /// RunStore's queries: journal_queries.hpp on the journal's connection.
    core::Result<std::vector<RunRow>> list_runs(int limit) override;
    core::Result<std::optional<RunRow>> find_run(RunId run) override;
    core::Result<std::vector<TaskRow>> task_rows(RunId run) override;
    core::Result<std::vector<FactsRow>> facts_rows(RunId run) override;
    core::Result<std::optional<RunId>> latest_unfinished_run(const std::string& playbook_paths,
                                                             const std::string& inventory_paths) override;
    core::Result<CompletedTasks> completed_tasks(RunId run) override;
    core::Result<std::set<std::string>> failed_hosts(RunId run) override;

private:
    using Pending = JournalEntry;
    Journal(Database db, std::chrono::milliseconds commit_interval);
    void enqueue(Pending entry); ///< queues a row and wakes the writer
    void writer_loop();
    core::Result<void> write_batch(const std::vector<Pending>& batch);

    Database m_db;
    std::mutex m_db_mutex;
    std::chrono::milliseconds m_interval;

    mutable std::mutex m_queue_mutex;
    std::condition_variable m_wake; ///< rows queued, flush or stop asked
    std::condition_variable m_done; ///< a batch committed
    std::vector<Pending> m_pending;
    std::chrono::steady_clock::time_point m_first_pending_at;
    std::size_t m_queued = 0;
    std::size_t m_written = 0;
    std::size_t m_commits = 0;
    bool m_flush_asked = false;
    bool m_stop = false;
    std::optional<core::Error> m_error;
    std::thread m_writer;
};

} // namespace scsctl::state
