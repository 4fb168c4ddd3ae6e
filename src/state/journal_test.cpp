// Tests of the run journal on real SQLite files in a temp dir: schema and WAL, migration
// from an older version, group commit and its durability bound, queries, rows from events.
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "state/command_line.hpp"
#include "state/journal.hpp"
#include "state/journal_path.hpp"
#include "state/journal_queries.hpp"
#include "state/journal_recorder.hpp"
#include "state/journal_write.hpp"
#include "state/schema.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using namespace scsctl::state;

namespace {

RunRow sample_run(const std::string& playbooks = "/p/site.yml")
{
    RunRow run;
    run.kind = "run";
    run.command_line = "scsctl run site.yml";
    run.user = "tester";
    run.started_at = now_seconds();
    run.inventory_paths = "/p/inv";
    run.inventory_hash = "ih";
    run.playbook_paths = playbooks;
    run.playbook_hash = "ph";
    run.pid = 42;
    return run;
}

TaskRow sample_task(RunId run, const std::string& task_id, const std::string& host, const std::string& status)
{
    TaskRow row;
    row.run = run;
    row.task_id = task_id;
    row.task_name = "task " + task_id;
    row.action = "shell";
    row.host = host;
    row.status = status;
    row.args_digest = "args-" + task_id;
    row.result = core::Value{{"changed", true}, {"rc", 0}};
    return row;
}

std::int64_t count_rows(const std::string& path, const std::string& table)
{
    auto db = Database::open(path);
    REQUIRE(db);
    auto count = db->query_int("SELECT count(*) FROM " + table);
    REQUIRE(count);
    return *count;
}

} // namespace

TEST_CASE("journal: a new journal has the current schema, in WAL mode", "[state]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / ".scsctl" / "state.db").string();
    auto journal = Journal::open(path);
    REQUIRE(journal);
    auto version = (*journal)->read([](Database& db) { return schema_version(db); });
    REQUIRE(version);
    CHECK(*version == k_schema_version);
    auto run = (*journal)->begin_run(sample_run());
    REQUIRE(run);
    CHECK(std::filesystem::exists(path + "-wal"));
    auto db = Database::open(path);
    REQUIRE(db);
    auto mode = db->prepare("PRAGMA journal_mode");
    REQUIRE(mode);
    REQUIRE(*mode->step());
    CHECK(mode->text(0) == "wal");
}

TEST_CASE("journal: an older journal is migrated and keeps its rows", "[state]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    {
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(migrate(*db, 1));
        REQUIRE(*schema_version(*db) == 1);
        // A version-1 row: no result_json, no resumed_from.
        REQUIRE(db->exec("INSERT INTO runs (kind, command_line, user, started_at, inventory_paths, inventory_hash, "
                         "playbook_paths, playbook_hash, status, pid) VALUES ('run', 'scsctl run a.yml', 'u', 1, "
                         "'/i', 'ih', '/a.yml', 'ph', 'failed', 7)"));
        REQUIRE(db->exec("INSERT INTO task_results (run_id, task_id, task_name, action, host, status, changed, rc, "
                         "duration_ms, finished_at, error, stdout, stderr, diff_digest, args_digest) VALUES (1, 't1', "
                         "'T1', 'shell', 'h1', 'changed', 1, 0, 5, 2, '', 'out', '', '', 'a1')"));
    }
    auto journal = Journal::open(path);
    REQUIRE(journal);
    CHECK(*(*journal)->read([](Database& db) { return schema_version(db); }) == k_schema_version);
    auto rows = (*journal)->read([](Database& db) { return task_rows(db, 1); });
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    CHECK(rows->front().stdout_text == "out");
    CHECK(rows->front().result == core::Value::object());
    CHECK_FALSE(rows->front().resumed_from.has_value());
    auto latest = (*journal)->read([](Database& db) { return latest_unfinished_run(db, "/a.yml", "/i"); });
    REQUIRE(latest);
    CHECK(*latest == std::optional<RunId>(1));
    // The new tables work on the migrated file.
    (*journal)->record(FactsRow{1, "h1", core::Value{{"os_family", "Debian"}}});
    REQUIRE((*journal)->flush());
    CHECK(count_rows(path, "host_facts") == 1);
}

TEST_CASE("journal: a journal newer than this scsctl is refused", "[state]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    {
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA user_version = 99"));
    }
    auto journal = Journal::open(path);
    REQUIRE_FALSE(journal);
    CHECK(journal.error().message == path + ": journal schema version 99 is newer than this scsctl supports (" +
                                         std::to_string(k_schema_version) + ")");
}

TEST_CASE("journal: results are committed in groups, each within the interval", "[state]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    auto journal = Journal::open(path, std::chrono::milliseconds(50));
    REQUIRE(journal);
    const RunId run = *(*journal)->begin_run(sample_run());
    for (int i = 0; i < 200; ++i) {
        (*journal)->record(sample_task(run, "t" + std::to_string(i), "h1", "ok"));
    }
    REQUIRE((*journal)->flush());
    CHECK(count_rows(path, "task_results") == 200);
    CHECK((*journal)->commits() <= 5); // 200 results queued at once share a handful of commits

    // Without flush: another connection (another process after a SIGKILL) sees the row
    // within 100 ms of it being queued.
    (*journal)->record(sample_task(run, "late", "h1", "ok"));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(count_rows(path, "task_results") == 201);
}

TEST_CASE("journal: queries for history, resume and retry", "[state]")
{
    testing::TempDir dir;
    auto journal = Journal::open((dir.path() / "state.db").string());
    REQUIRE(journal);
    Journal& j = **journal;
    const RunId first = *j.begin_run(sample_run());
    j.record(sample_task(first, "t1", "h1", "changed"));
    j.record(sample_task(first, "t1", "h2", "ok"));
    j.record(sample_task(first, "t2", "h1", "skipped"));
    j.record(sample_task(first, "t2", "h2", "failed"));
    j.record(sample_task(first, "t3", "h3", "unreachable"));
    j.record(sample_task(first, "t4", "h1", "ignored"));
    REQUIRE(j.finish_run(first, k_run_failed, 1));
    const RunId other = *j.begin_run(sample_run("/p/other.yml"));
    REQUIRE(j.finish_run(other, k_run_finished, 0));

    auto runs = j.read([](Database& db) { return list_runs(db, 10); });
    REQUIRE(runs);
    REQUIRE(runs->size() == 2);
    CHECK(runs->front().id == other);
    CHECK(runs->back().status == "failed");
    CHECK(runs->back().exit_code == std::optional<std::int64_t>(1));
    CHECK(runs->back().ended_at.has_value());

    CHECK(*j.read([](Database& db) { return latest_unfinished_run(db, "/p/site.yml", "/p/inv"); }) ==
          std::optional<RunId>(first));
    CHECK_FALSE(j.read([](Database& db) { return latest_unfinished_run(db, "/p/other.yml", "/p/inv"); })->has_value());

    auto done = j.read([&](Database& db) { return completed_tasks(db, first); });
    REQUIRE(done);
    CHECK(done->size() == 3); // ok, changed and skipped; not failed, unreachable or ignored
    const auto& t1 = done->at({"t1", "h1"}).front();
    CHECK(t1.args_digest == "args-t1");
    CHECK(t1.done_in == first);
    CHECK(t1.result["changed"] == true);
    CHECK(*j.read([&](Database& db) { return failed_hosts(db, first); }) == std::set<std::string>{"h2", "h3"});
}

TEST_CASE("journal: the recorder stores outcomes, facts apart, outputs capped", "[state]")
{
    testing::TempDir dir;
    auto journal = Journal::open((dir.path() / "state.db").string());
    REQUIRE(journal);
    const RunId run = *(*journal)->begin_run(sample_run());
    JournalRecorder recorder(**journal, run);
    model::TaskDone setup;
    setup.host = "h1";
    setup.task_id = "s";
    setup.action = "setup";
    setup.result = core::Value{{"changed", false}, {"ansible_facts", {{"ansible_os_family", "Debian"}}}};
    recorder.on_event(setup);
    model::TaskDone big;
    big.host = "h1";
    big.task_id = "b";
    big.action = "shell";
    big.status = model::TaskStatus::failed;
    big.rescued = true;
    big.stdout_text = std::string(100 * 1024, 'x');
    recorder.on_event(big);
    recorder.on_event(model::Recap{}); // ignored
    REQUIRE((*journal)->flush());
    auto rows = (*journal)->read([&](Database& db) { return task_rows(db, run); });
    REQUIRE(rows->size() == 2);
    CHECK_FALSE(rows->at(0).result.contains("ansible_facts"));
    CHECK(rows->at(1).status == "rescued");
    CHECK(rows->at(1).stdout_text.size() < 65 * 1024);
    CHECK(rows->at(1).stdout_text.find("more bytes not stored") != std::string::npos);
    auto facts = (*journal)->read([&](Database& db) { return facts_rows(db, run); });
    REQUIRE(facts->size() == 1);
    CHECK(facts->front().facts["ansible_os_family"] == "Debian");
}

TEST_CASE("journal: -e values are left out of the command line, @file names kept", "[state]")
{
    CHECK(journal_command_line({"scsctl", "run", "-e", "password=s3cret", "-e", "@vars.yml", "site.yml"}) ==
          "scsctl run -e <omitted> -e @vars.yml site.yml");
    CHECK(journal_command_line({"scsctl", "run", "--extra-vars=token=abc", "-etoken=abc", "-e@x.yml"}) ==
          "scsctl run --extra-vars=<omitted> -e<omitted> -e@x.yml");
    CHECK(journal_command_line({"scsctl", "run", "--extra-vars", "{\"a\": 1}", "my file.yml"}) ==
          "scsctl run --extra-vars <omitted> 'my file.yml'");
}

TEST_CASE("journal: the default path is inside a directory inventory, beside a file", "[state]")
{
    testing::TempDir dir;
    const std::string file = dir.write("inv/hosts.yml", "all: {}\n");
    const auto inside = default_journal_path((dir.path() / "inv").string());
    const auto beside = default_journal_path(file);
    REQUIRE(inside);
    REQUIRE(beside);
    CHECK(*inside == (dir.path() / "inv" / ".scsctl" / "state.db").string());
    CHECK(*beside == *inside);
    CHECK_FALSE(default_journal_path("h1,h2,").has_value());
}
