// The runs in etcd (RunStore, run_store.hpp), so that CI runners sharing one inventory
// share its history and --resume: run rows, task results and facts under PREFIX/runs/
// (etcd_rows.hpp). Run ids come from a counter key taken in a txn. Results are queued by
// the runner's thread and written by a writer thread in one txn per batch, each within
// `commit_interval` (50 ms) of being queued, as the SQLite journal does.
// Depends on state (etcd_client, etcd_url, etcd_rows, run_store).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "state/etcd_client.hpp"
#include "state/etcd_rows.hpp"
#include "state/group_commit.hpp"
#include "state/run_store.hpp"

namespace scsctl::state {

class EtcdRunStore final : public RunStore {
  public:
    /// The store at `url` (etcd://HOST:PORT/PREFIX); fails, naming the endpoint, when the
    /// server does not answer.
    static core::Result<std::unique_ptr<EtcdRunStore>>
    open(const std::string& url, std::chrono::milliseconds commit_interval = std::chrono::milliseconds(50),
         EtcdClientOptions client = {});
    ~EtcdRunStore() override; ///< writes what is queued, then stops the writer
    EtcdRunStore(const EtcdRunStore&) = delete;
    EtcdRunStore& operator=(const EtcdRunStore&) = delete;

    const std::string& location() const override { return m_url; }
    core::Result<RunId> begin_run(const RunRow& run) override;
    core::Result<void> finish_run(RunId run, const std::string& status, int exit_code) override;
    void record(TaskRow row) override;
    void record(FactsRow row) override;
    core::Result<void> flush() override;

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

    /// Txns the writer made so far (for tests).
    std::size_t commits() const;

  private:
    struct Pending {
        JournalEntry entry;
        std::int64_t seq = 0; ///< a task result's place in its run
    };
    EtcdRunStore(std::unique_ptr<EtcdClient> client, std::string url, const std::string& prefix,
                 std::chrono::milliseconds commit_interval);
    void enqueue(JournalEntry entry); ///< numbers a task result and queues it
    core::Result<void> write_batch(const std::vector<Pending>& batch);
    /// Visits the keys of [first, end) page by page until `visit` returns false.
    template <typename Visit>
    core::Result<void> scan(const std::string& first, const std::string& end, bool descending, Visit&& visit);
    core::Error malformed(const std::string& key) const;

    std::unique_ptr<EtcdClient> m_client;
    std::string m_url;
    EtcdRunKeys m_keys;

    std::map<RunId, std::int64_t> m_next_seq; ///< under the queue's lock (push)
    GroupCommitQueue<Pending> m_queue;          ///< last: its writer uses the members above
};

} // namespace scsctl::state
