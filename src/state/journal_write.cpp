// Writing the journal's rows. Outputs are capped here, whatever the caller passed.
#include "state/journal_write.hpp"

namespace scsctl::state {

namespace {

constexpr const char* k_insert_task = R"sql(
INSERT INTO task_results (run_id, task_id, task_name, action, host, status, changed, rc, duration_ms,
    finished_at, error, stdout, stderr, diff_digest, args_digest, result_json, resumed_from)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17))sql";

constexpr const char* k_insert_facts = R"sql(
INSERT OR REPLACE INTO host_facts (run_id, host, facts_json) VALUES (?1, ?2, ?3))sql";

void bind_task(Statement& statement, const TaskRow& row)
{
    statement.bind(1, row.run)
        .bind(2, row.task_id)
        .bind(3, row.task_name)
        .bind(4, row.action)
        .bind(5, row.host)
        .bind(6, row.status)
        .bind(7, std::int64_t{row.changed ? 1 : 0})
        .bind(8, row.rc)
        .bind(9, row.duration_ms)
        .bind(10, row.finished_at)
        .bind(11, row.error)
        .bind(12, capped_output(row.stdout_text))
        .bind(13, capped_output(row.stderr_text))
        .bind(14, row.diff_digest)
        .bind(15, row.args_digest)
        .bind(16, row.result.dump(-1, ' ', false, core::Value::error_handler_t::replace))
        .bind(17, row.resumed_from);
}

} // namespace

core::Result<RunId> insert_run(Database& db, const RunRow& run)
{
    auto statement = SCSCTL_TRY(db.prepare(R"sql(
INSERT INTO runs (kind, command_line, user, started_at, inventory_paths, inventory_hash, playbook_paths,
    playbook_hash, status, pid, resumed_from)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql"));
    statement.bind(1, run.kind)
        .bind(2, run.command_line)
        .bind(3, run.user)
        .bind(4, run.started_at)
        .bind(5, run.inventory_paths)
        .bind(6, run.inventory_hash)
        .bind(7, run.playbook_paths)
        .bind(8, run.playbook_hash)
        .bind(9, run.status)
        .bind(10, run.pid)
        .bind(11, run.resumed_from);
    SCSCTL_TRY(statement.run());
    return db.last_insert_id();
}

core::Result<void> update_run_end(Database& db, RunId run, const std::string& status, int exit_code)
{
    auto statement = SCSCTL_TRY(db.prepare("UPDATE runs SET status = ?1, exit_code = ?2, ended_at = ?3 WHERE id = ?4"));
    statement.bind(1, status).bind(2, std::int64_t{exit_code}).bind(3, now_seconds()).bind(4, run);
    return statement.run();
}

core::Result<void> insert_rows(Database& db, std::span<const JournalEntry> rows)
{
    auto task = SCSCTL_TRY(db.prepare(k_insert_task));
    auto facts = SCSCTL_TRY(db.prepare(k_insert_facts));
    for (const auto& entry : rows) {
        if (const auto* row = std::get_if<TaskRow>(&entry)) {
            bind_task(task, *row);
            SCSCTL_TRY(task.run());
        } else {
            const auto& facts_row = std::get<FactsRow>(entry);
            facts.bind(1, facts_row.run)
                .bind(2, facts_row.host)
                .bind(3, facts_row.facts.dump(-1, ' ', false, core::Value::error_handler_t::replace));
            SCSCTL_TRY(facts.run());
        }
    }
    return {};
}

} // namespace scsctl::state
