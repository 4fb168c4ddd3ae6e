// The etcd run store's reads. Ranges are read in pages (etcd answers a range in one
// message), newest first for the history; the resume rules are completed_tasks.hpp's.
#include "state/etcd_run_store.hpp"

namespace scsctl::state {

namespace {

constexpr std::int64_t k_page = 500;

} // namespace

template <typename Visit>
core::Result<void> EtcdRunStore::scan(const std::string& first, const std::string& end, bool descending, Visit&& visit)
{
    std::string low = first;
    std::string high = end;
    while (true) {
        const auto page = SCSCTL_TRY(m_client->range(EtcdRange{low, high, k_page, descending}));
        for (const auto& kv : page) {
            if (!SCSCTL_TRY(visit(kv))) {
                return {};
            }
        }
        if (static_cast<std::int64_t>(page.size()) < k_page) {
            return {};
        }
        if (descending) {
            high = page.back().key; // the end is exclusive
        } else {
            low = page.back().key + std::string(1, '\0');
        }
    }
}

core::Result<std::vector<RunRow>> EtcdRunStore::list_runs(int limit)
{
    std::vector<RunRow> runs;
    if (limit <= 0) {
        return runs;
    }
    const std::string first = m_keys.runs();
    SCSCTL_TRY(scan(first, prefix_end(first), true, [&](const EtcdKeyValue& kv) -> core::Result<bool> {
        auto run = parse_run_record(kv.value);
        if (!run) {
            return core::fail(malformed(kv.key));
        }
        runs.push_back(std::move(*run));
        return static_cast<int>(runs.size()) < limit;
    }));
    return runs;
}

core::Result<std::optional<RunRow>> EtcdRunStore::find_run(RunId run)
{
    const std::string key = m_keys.run(run);
    auto kv = SCSCTL_TRY(m_client->get(key));
    if (!kv) {
        return std::optional<RunRow>();
    }
    auto row = parse_run_record(kv->value);
    if (!row) {
        return core::fail(malformed(key));
    }
    return row;
}

core::Result<std::vector<TaskRow>> EtcdRunStore::task_rows(RunId run)
{
    std::vector<TaskRow> rows;
    const std::string first = m_keys.results(run);
    SCSCTL_TRY(scan(first, prefix_end(first), false, [&](const EtcdKeyValue& kv) -> core::Result<bool> {
        auto row = parse_task_record(kv.value);
        if (!row) {
            return core::fail(malformed(kv.key));
        }
        rows.push_back(std::move(*row));
        return true;
    }));
    return rows;
}

core::Result<std::vector<FactsRow>> EtcdRunStore::facts_rows(RunId run)
{
    std::vector<FactsRow> rows;
    const std::string first = m_keys.facts(run);
    SCSCTL_TRY(scan(first, prefix_end(first), false, [&](const EtcdKeyValue& kv) -> core::Result<bool> {
        auto row = parse_facts_record(kv.value);
        if (!row) {
            return core::fail(malformed(kv.key));
        }
        rows.push_back(std::move(*row));
        return true;
    }));
    return rows;
}

core::Result<std::optional<RunId>> EtcdRunStore::latest_unfinished_run(const std::string& playbook_paths,
                                                                       const std::string& inventory_paths)
{
    std::optional<RunRow> latest;
    const std::string first = m_keys.runs();
    SCSCTL_TRY(scan(first, prefix_end(first), true, [&](const EtcdKeyValue& kv) -> core::Result<bool> {
        auto run = parse_run_record(kv.value);
        if (!run) {
            return core::fail(malformed(kv.key));
        }
        if (run->kind == "run" && run->playbook_paths == playbook_paths && run->inventory_paths == inventory_paths) {
            latest = std::move(run);
            return false;
        }
        return true;
    }));
    if (!latest || latest->status == k_run_finished) {
        return std::optional<RunId>(); // a finished run (a completed resume too) leaves nothing to resume
    }
    return std::optional<RunId>(latest->id);
}

core::Result<CompletedTasks> EtcdRunStore::completed_tasks(RunId run)
{
    return completed_from(SCSCTL_TRY(task_rows(run)), run);
}

core::Result<std::set<std::string>> EtcdRunStore::failed_hosts(RunId run)
{
    return failed_from(SCSCTL_TRY(task_rows(run)));
}

} // namespace scsctl::state
