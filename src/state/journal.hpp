// The run journal: one SQLite file (WAL) holding runs, task×host results and host facts.
// Results are queued by the runner's thread and committed in groups by a writer thread,
// each within `commit_interval` (50 ms) of being queued, so a killed controller loses at
// most the tasks in flight while a fast run does not pay one fsync per result.
// The SQLite implementation of RunStore (run_store.hpp). Depends on state (sqlite,
// schema, rows, run_store).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "state/group_commit.hpp"
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
                                                             const std::string& inventory_paths,
                                                             const std::string& kind = "run") override;
    core::Result<CompletedTasks> completed_tasks(RunId run) override;
    core::Result<std::set<std::string>> failed_hosts(RunId run) override;
    core::Result<void> record_layers(const std::vector<LayerRow>& rows) override;
    core::Result<std::vector<LayerRow>> layer_rows() override;

private:
    Journal(Database db, std::chrono::milliseconds commit_interval);
    core::Result<void> write_batch(const std::vector<JournalEntry>& batch);

    Database m_db;
    std::mutex m_db_mutex;
    GroupCommitQueue<JournalEntry> m_queue; ///< last: its writer uses the members above
};

} // namespace scsctl::state
