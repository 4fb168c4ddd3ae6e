// The migrations. Append only: a released migration is never edited, a change is a new
// entry. Version 1 is the first journal (runs, task results); version 2 adds what
// --resume needs (the registered result, the run a result was resumed from) and facts;
// version 3 adds the inventory lock (state/sqlite_run_lock.hpp); version 4 what
// `scsctl deploy` did per layer and host (state/layer_rows.hpp); version 5 the input
// hashes each layer was deployed from (for `scsctl drift`).
#include "state/schema.hpp"

#include <string>

namespace scsctl::state {

namespace {

constexpr const char* k_migrations[] = {
    // 1: runs and task results
    R"sql(
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    command_line TEXT NOT NULL,
    user TEXT NOT NULL,
    started_at REAL NOT NULL,
    ended_at REAL,
    inventory_paths TEXT NOT NULL,
    inventory_hash TEXT NOT NULL,
    playbook_paths TEXT NOT NULL,
    playbook_hash TEXT NOT NULL,
    status TEXT NOT NULL,
    exit_code INTEGER,
    pid INTEGER NOT NULL
);
CREATE TABLE task_results (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    task_id TEXT NOT NULL,
    task_name TEXT NOT NULL,
    action TEXT NOT NULL,
    host TEXT NOT NULL,
    status TEXT NOT NULL,
    changed INTEGER NOT NULL,
    rc INTEGER,
    duration_ms REAL NOT NULL,
    finished_at REAL NOT NULL,
    error TEXT NOT NULL,
    stdout TEXT NOT NULL,
    stderr TEXT NOT NULL,
    diff_digest TEXT NOT NULL,
    args_digest TEXT NOT NULL
);
CREATE INDEX task_results_by_run ON task_results(run_id, task_id, host);
)sql",
    // 2: registered results for --resume, resumed-from links, host facts
    R"sql(
ALTER TABLE task_results ADD COLUMN result_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE task_results ADD COLUMN resumed_from INTEGER;
ALTER TABLE runs ADD COLUMN resumed_from INTEGER;
CREATE TABLE host_facts (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    host TEXT NOT NULL,
    facts_json TEXT NOT NULL,
    PRIMARY KEY (run_id, host)
);
)sql",
    // 3: the inventory lock, one row per lock name
    R"sql(
CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    token TEXT NOT NULL,
    owner TEXT NOT NULL,
    pid INTEGER NOT NULL,
    pid_start INTEGER NOT NULL,
    host TEXT NOT NULL,
    reason TEXT NOT NULL,
    command TEXT NOT NULL,
    bound_to_process INTEGER NOT NULL,
    started_at REAL NOT NULL,
    expires_at REAL
);
)sql",
    // 4: layer deployments, one row per deploy run, layer and host
    R"sql(
CREATE TABLE layer_deployments (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    layer TEXT NOT NULL,
    version TEXT NOT NULL,
    host TEXT NOT NULL,
    result TEXT NOT NULL,
    finished_at REAL NOT NULL
);
CREATE INDEX layer_deployments_by_layer ON layer_deployments(layer, host);
)sql",
    // 5: the inputs each layer deployment was made from ('' for rows written before)
    R"sql(
ALTER TABLE layer_deployments ADD COLUMN inventory_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE layer_deployments ADD COLUMN playbooks_sha256 TEXT NOT NULL DEFAULT '';
)sql",
};

static_assert(std::size(k_migrations) == k_schema_version);

} // namespace

core::Result<int> schema_version(Database& db)
{
    return static_cast<int>(SCSCTL_TRY(db.query_int("PRAGMA user_version")));
}

core::Result<void> migrate(Database& db, int target)
{
    // The version is read inside each write transaction, so two processes opening a
    // new journal at once apply each migration once.
    while (true) {
        SCSCTL_TRY(db.exec("BEGIN IMMEDIATE"));
        auto current = schema_version(db);
        if (!current || *current >= target) {
            (void)db.exec("ROLLBACK");
            if (!current) {
                return core::fail(current.error());
            }
            if (*current > target) {
                return core::fail(core::Error{core::ErrorKind::io,
                                              db.path() + ": journal schema version " + std::to_string(*current) +
                                                  " is newer than this scsctl supports (" + std::to_string(target) + ")",
                                              {}});
            }
            return {};
        }
        const int version = *current + 1;
        auto applied = db.exec(k_migrations[version - 1]);
        if (applied) {
            applied = db.exec("PRAGMA user_version = " + std::to_string(version));
        }
        if (!applied) {
            (void)db.exec("ROLLBACK");
            return core::fail(applied.error());
        }
        SCSCTL_TRY(db.exec("COMMIT"));
    }
}

} // namespace scsctl::state
