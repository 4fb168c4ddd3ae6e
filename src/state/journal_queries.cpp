// The journal's SELECTs. Column lists are spelled out so that a later migration adding
// columns does not shift what older code reads.
#include "state/journal_queries.hpp"

namespace scsctl::state {

namespace {

constexpr const char* k_run_columns =
    "SELECT id, kind, command_line, user, started_at, ended_at, inventory_paths, inventory_hash, playbook_paths, "
    "playbook_hash, status, exit_code, pid, resumed_from FROM runs ";

RunRow run_of(const Statement& row)
{
    RunRow run;
    run.id = row.integer(0);
    run.kind = row.text(1);
    run.command_line = row.text(2);
    run.user = row.text(3);
    run.started_at = row.real(4);
    if (!row.is_null(5)) {
        run.ended_at = row.real(5);
    }
    run.inventory_paths = row.text(6);
    run.inventory_hash = row.text(7);
    run.playbook_paths = row.text(8);
    run.playbook_hash = row.text(9);
    run.status = row.text(10);
    if (!row.is_null(11)) {
        run.exit_code = row.integer(11);
    }
    run.pid = row.integer(12);
    if (!row.is_null(13)) {
        run.resumed_from = row.integer(13);
    }
    return run;
}

core::Value json_or_empty(const std::string& text)
{
    core::Value parsed = core::Value::parse(text, nullptr, false);
    return parsed.is_discarded() ? core::Value::object() : parsed;
}

TaskRow task_of(const Statement& row)
{
    TaskRow task;
    task.run = row.integer(0);
    task.task_id = row.text(1);
    task.task_name = row.text(2);
    task.action = row.text(3);
    task.host = row.text(4);
    task.status = row.text(5);
    task.changed = row.integer(6) != 0;
    if (!row.is_null(7)) {
        task.rc = row.integer(7);
    }
    task.duration_ms = row.real(8);
    task.finished_at = row.real(9);
    task.error = row.text(10);
    task.stdout_text = row.text(11);
    task.stderr_text = row.text(12);
    task.diff_digest = row.text(13);
    task.args_digest = row.text(14);
    task.result = json_or_empty(row.text(15));
    if (!row.is_null(16)) {
        task.resumed_from = row.integer(16);
    }
    return task;
}

} // namespace

core::Result<std::vector<RunRow>> list_runs(Database& db, int limit)
{
    auto statement = SCSCTL_TRY(db.prepare(std::string(k_run_columns) + "ORDER BY id DESC LIMIT ?1"));
    statement.bind(1, std::int64_t{limit});
    std::vector<RunRow> runs;
    while (SCSCTL_TRY(statement.step())) {
        runs.push_back(run_of(statement));
    }
    return runs;
}

core::Result<std::optional<RunRow>> find_run(Database& db, RunId run)
{
    auto statement = SCSCTL_TRY(db.prepare(std::string(k_run_columns) + "WHERE id = ?1"));
    statement.bind(1, run);
    if (!SCSCTL_TRY(statement.step())) {
        return std::optional<RunRow>();
    }
    return std::optional<RunRow>(run_of(statement));
}

core::Result<std::vector<TaskRow>> task_rows(Database& db, RunId run)
{
    auto statement = SCSCTL_TRY(db.prepare(
        "SELECT run_id, task_id, task_name, action, host, status, changed, rc, duration_ms, finished_at, error, "
        "stdout, stderr, diff_digest, args_digest, result_json, resumed_from FROM task_results WHERE run_id = ?1 "
        "ORDER BY id"));
    statement.bind(1, run);
    std::vector<TaskRow> rows;
    while (SCSCTL_TRY(statement.step())) {
        rows.push_back(task_of(statement));
    }
    return rows;
}

core::Result<std::vector<FactsRow>> facts_rows(Database& db, RunId run)
{
    auto statement = SCSCTL_TRY(db.prepare("SELECT host, facts_json FROM host_facts WHERE run_id = ?1 ORDER BY host"));
    statement.bind(1, run);
    std::vector<FactsRow> rows;
    while (SCSCTL_TRY(statement.step())) {
        rows.push_back(FactsRow{run, statement.text(0), json_or_empty(statement.text(1))});
    }
    return rows;
}

core::Result<std::optional<RunId>> latest_unfinished_run(Database& db, const std::string& playbook_paths,
                                                         const std::string& inventory_paths, const std::string& kind)
{
    auto statement = SCSCTL_TRY(db.prepare(
        "SELECT id, status FROM runs WHERE kind = ?3 AND playbook_paths = ?1 AND inventory_paths = ?2 "
        "ORDER BY id DESC LIMIT 1"));
    statement.bind(1, playbook_paths).bind(2, inventory_paths).bind(3, kind);
    if (!SCSCTL_TRY(statement.step()) || statement.text(1) == k_run_finished) {
        return std::optional<RunId>(); // a finished run (a completed resume too) leaves nothing to resume
    }
    return std::optional<RunId>(statement.integer(0));
}

core::Result<CompletedTasks> completed_tasks(Database& db, RunId run)
{
    auto statement = SCSCTL_TRY(db.prepare(
        "SELECT task_id, host, args_digest, result_json, changed, resumed_from FROM task_results "
        "WHERE run_id = ?1 AND status IN ('ok', 'changed', 'skipped') ORDER BY id"));
    statement.bind(1, run);
    CompletedTasks done;
    while (SCSCTL_TRY(statement.step())) {
        CompletedTask task;
        task.args_digest = statement.text(2);
        task.result = json_or_empty(statement.text(3));
        task.changed = statement.integer(4) != 0;
        task.done_in = statement.is_null(5) ? run : statement.integer(5);
        done[{statement.text(0), statement.text(1)}].push_back(std::move(task));
    }
    return done;
}

core::Result<std::set<std::string>> failed_hosts(Database& db, RunId run)
{
    auto statement = SCSCTL_TRY(db.prepare(
        "SELECT DISTINCT host FROM task_results WHERE run_id = ?1 AND status IN ('failed', 'unreachable', 'interrupted')"));
    statement.bind(1, run);
    std::set<std::string> hosts;
    while (SCSCTL_TRY(statement.step())) {
        hosts.insert(statement.text(0));
    }
    return hosts;
}

} // namespace scsctl::state
