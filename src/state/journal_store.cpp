// The journal's RunStore queries: the SQL of journal_queries.cpp, each run on the
// journal's connection under its mutex (never concurrently with the writer's batch).
#include "state/journal.hpp"
#include "state/journal_queries.hpp"

namespace scsctl::state {

core::Result<std::vector<RunRow>> Journal::list_runs(int limit)
{
    return read([&](Database& db) { return state::list_runs(db, limit); });
}

core::Result<std::optional<RunRow>> Journal::find_run(RunId run)
{
    return read([&](Database& db) { return state::find_run(db, run); });
}

core::Result<std::vector<TaskRow>> Journal::task_rows(RunId run)
{
    return read([&](Database& db) { return state::task_rows(db, run); });
}

core::Result<std::vector<FactsRow>> Journal::facts_rows(RunId run)
{
    return read([&](Database& db) { return state::facts_rows(db, run); });
}

core::Result<std::optional<RunId>> Journal::latest_unfinished_run(const std::string& playbook_paths,
                                                                  const std::string& inventory_paths,
                                                                  const std::string& kind)
{
    return read([&](Database& db) { return state::latest_unfinished_run(db, playbook_paths, inventory_paths, kind); });
}

core::Result<CompletedTasks> Journal::completed_tasks(RunId run)
{
    return read([&](Database& db) { return state::completed_tasks(db, run); });
}

core::Result<std::set<std::string>> Journal::failed_hosts(RunId run)
{
    return read([&](Database& db) { return state::failed_hosts(db, run); });
}

} // namespace scsctl::state
