// The etcd run store's reads. Ranges are read in pages (etcd answers a range in one
// message), newest first for the history; the resume rules are completed_tasks.hpp's.
#include "state/etcd_run_store.hpp"

#include <algorithm>

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
                                                                       const std::string& inventory_paths,
                                                                       const std::string& kind)
{
    std::optional<RunRow> latest;
    const std::string first = m_keys.runs();
    SCSCTL_TRY(scan(first, prefix_end(first), true, [&](const EtcdKeyValue& kv) -> core::Result<bool> {
        auto run = parse_run_record(kv.value);
        if (!run) {
            return core::fail(malformed(kv.key));
        }
        if (run->kind == kind && run->playbook_paths == playbook_paths && run->inventory_paths == inventory_paths) {
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

core::Result<void> EtcdRunStore::record_layers(const std::vector<LayerRow>& rows)
{
    // A deploy writes a few rows per layer; more than one txn's worth is written in parts.
    std::vector<EtcdOperation> puts;
    for (const auto& row : rows) {
        puts.push_back(EtcdPut{m_keys.layer(row.run, row.layer, row.host), layer_record(row), 0});
        if (puts.size() == 100) {
            SCSCTL_TRY(m_client->txn({}, puts));
            puts.clear();
        }
    }
    if (!puts.empty()) {
        SCSCTL_TRY(m_client->txn({}, puts));
    }
    return {};
}

core::Result<std::vector<LayerRow>> EtcdRunStore::layer_rows()
{
    std::vector<LayerRow> rows;
    const std::string first = m_keys.layers();
    SCSCTL_TRY(scan(first, prefix_end(first), false, [&](const EtcdKeyValue& kv) -> core::Result<bool> {
        auto row = parse_layer_record(kv.value);
        if (!row) {
            return core::fail(malformed(kv.key));
        }
        rows.push_back(std::move(*row));
        return true;
    }));
    // Keys sort by run, then layer and host; within a run, by the time each layer ended.
    std::stable_sort(rows.begin(), rows.end(), [](const LayerRow& a, const LayerRow& b) {
        return a.run != b.run ? a.run < b.run : a.finished_at < b.finished_at;
    });
    return rows;
}

} // namespace scsctl::state
