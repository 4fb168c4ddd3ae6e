// Tests of the runs in etcd against a real etcd: the same events given to the SQLite
// journal and to the etcd store get the same answers from every query (history, one run,
// facts, resume and retry); results are batched (few txns, each within the interval, and
// readable by another runner); run ids from racing runners are unique; a server that is
// down is a clear error.
#include <catch2/catch.hpp>

#include <thread>

#include "etcd_fixture.hpp"
#include "state/etcd_run_store.hpp"
#include "state/journal.hpp"
#include "state/run_store_backend.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using namespace scsctl::state;

namespace {

RunRow sample_run(const std::string& playbook = "/p/site.yml", const std::string& kind = "run")
{
    RunRow run;
    run.kind = kind;
    run.command_line = "scsctl -i /p/inv run " + playbook;
    run.user = "alice";
    run.started_at = 1714557603.25;
    run.inventory_paths = "/p/inv";
    run.inventory_hash = "inv-hash";
    run.playbook_paths = kind == "run" ? playbook : "";
    run.playbook_hash = "pb-hash";
    run.pid = 4242;
    return run;
}

TaskRow sample_task(RunId run, const std::string& task, const std::string& host, const std::string& status)
{
    TaskRow row;
    row.run = run;
    row.task_id = task;
    row.task_name = "task " + task;
    row.action = "command";
    row.host = host;
    row.status = status;
    row.changed = status == "changed";
    if (status != "skipped") {
        row.rc = status == "failed" ? 2 : 0;
    }
    row.duration_ms = 12.5;
    row.finished_at = 1714557604.125;
    row.error = status == "failed" ? "non-zero return code\nsecond line" : "";
    row.stdout_text = "out of " + host + (task == "big" ? std::string(k_output_cap + 10, 'x') : "");
    row.stderr_text = "";
    row.diff_digest = "diff";
    row.args_digest = "args-" + task;
    row.result = core::Value{{"changed", row.changed}, {"rc", row.rc.value_or(0)}, {"stdout", "out é"}};
    return row;
}

/// The same history in any store: a failed run, an exec, a resume of the first that was
/// interrupted, and a finished run of another playbook. Returns the run ids.
std::vector<RunId> write_history(RunStore& store)
{
    std::vector<RunId> ids;
    const RunId first = *store.begin_run(sample_run());
    store.record(sample_task(first, "t1", "h1", "changed"));
    store.record(sample_task(first, "t1", "h2", "ok"));
    store.record(FactsRow{first, "h2", core::Value{{"os", "debian"}, {"cpus", 2}}});
    store.record(FactsRow{first, "h1", core::Value{{"os", "debian"}}});
    store.record(sample_task(first, "t2", "h1", "skipped"));
    store.record(sample_task(first, "t2", "h2", "failed"));
    store.record(sample_task(first, "t3", "h3", "unreachable"));
    store.record(sample_task(first, "t4", "h1", "ignored"));
    store.record(sample_task(first, "big", "h1", "ok"));
    REQUIRE(store.finish_run(first, k_run_failed, 1));
    ids.push_back(first);

    const RunId exec = *store.begin_run(sample_run("", "exec"));
    store.record(sample_task(exec, "e", "h1", "ok"));
    REQUIRE(store.finish_run(exec, k_run_finished, 0));
    ids.push_back(exec);

    RunRow resume = sample_run();
    resume.resumed_from = first;
    const RunId second = *store.begin_run(resume);
    TaskRow resumed = sample_task(second, "t1", "h1", "ok");
    resumed.resumed_from = first;
    store.record(resumed);
    store.record(sample_task(second, "t2", "h2", "interrupted"));
    REQUIRE(store.finish_run(second, k_run_interrupted, 130));
    ids.push_back(second);

    const RunId other = *store.begin_run(sample_run("/p/other.yml"));
    REQUIRE(store.finish_run(other, k_run_finished, 0));
    ids.push_back(other);
    return ids;
}

/// Rows as comparable text; ended_at is the store's clock, so only its presence counts.
std::string text_of(RunRow run)
{
    const bool ended = run.ended_at.has_value();
    run.ended_at = ended ? std::optional<double>(1) : std::nullopt;
    return run_record(run);
}

std::string text_of(const std::vector<RunRow>& runs)
{
    std::string out;
    for (const auto& run : runs) {
        out += text_of(run) + "\n";
    }
    return out;
}

std::string text_of(const std::vector<TaskRow>& rows)
{
    std::string out;
    for (const auto& row : rows) {
        out += task_record(row) + "\n";
    }
    return out;
}

std::string text_of(const std::vector<FactsRow>& rows)
{
    std::string out;
    for (const auto& row : rows) {
        out += facts_record(row) + "\n";
    }
    return out;
}

std::string text_of(const CompletedTasks& done)
{
    std::string out;
    for (const auto& [key, tasks] : done) {
        for (const auto& task : tasks) {
            out += key.first + "|" + key.second + "|" + task.args_digest + "|" + task.result.dump() + "|" +
                   std::to_string(task.changed) + "|" + std::to_string(task.done_in) + "\n";
        }
    }
    return out;
}

} // namespace

TEST_CASE("etcd runs: every query answers as the SQLite journal does for the same events", "[etcd][state]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    testing::TempDir dir;
    auto sqlite = open_run_store((dir.path() / "state.db").string());
    auto etcd = open_run_store(server.url("ci/prod"));
    REQUIRE(sqlite);
    REQUIRE(etcd);
    CHECK(dynamic_cast<Journal*>(sqlite->get()) != nullptr);
    CHECK(dynamic_cast<EtcdRunStore*>(etcd->get()) != nullptr);
    CHECK((*etcd)->location() == server.url("ci/prod"));
    RunStore& a = **sqlite;
    RunStore& b = **etcd;
    const auto ids = write_history(a);
    REQUIRE(write_history(b) == ids);
    CHECK(ids == std::vector<RunId>{1, 2, 3, 4});

    for (int limit : {1, 2, 10}) {
        CHECK(text_of(*b.list_runs(limit)) == text_of(*a.list_runs(limit)));
    }
    CHECK(b.list_runs(10)->size() == 4);
    for (RunId id : {RunId{1}, RunId{2}, RunId{3}, RunId{4}, RunId{99}}) {
        INFO("run " << id);
        const auto run_a = *a.find_run(id);
        const auto run_b = *b.find_run(id);
        REQUIRE(run_a.has_value() == run_b.has_value());
        if (run_a) {
            CHECK(text_of(*run_b) == text_of(*run_a));
        }
        CHECK(text_of(*b.task_rows(id)) == text_of(*a.task_rows(id)));
        CHECK(text_of(*b.facts_rows(id)) == text_of(*a.facts_rows(id)));
        CHECK(text_of(*b.completed_tasks(id)) == text_of(*a.completed_tasks(id)));
        CHECK(*b.failed_hosts(id) == *a.failed_hosts(id));
    }
    CHECK(b.task_rows(1)->size() == 7);
    CHECK(b.task_rows(1)->back().stdout_text.ends_with("more bytes not stored]"));
    CHECK(*b.failed_hosts(1) == std::set<std::string>{"h2", "h3"});
    CHECK(b.completed_tasks(3)->at({"t1", "h1"}).front().done_in == 1);
    for (const auto& [playbook, inventory] : std::vector<std::pair<std::string, std::string>>{
             {"/p/site.yml", "/p/inv"}, {"/p/other.yml", "/p/inv"}, {"/p/site.yml", "/p/elsewhere"}}) {
        CHECK(*b.latest_unfinished_run(playbook, inventory) == *a.latest_unfinished_run(playbook, inventory));
    }
    CHECK(*b.latest_unfinished_run("/p/site.yml", "/p/inv") == std::optional<RunId>(3));

    // Another runner (a second store on the same prefix) sees the same history.
    auto runner_b = EtcdRunStore::open(server.url("ci/prod"));
    REQUIRE(runner_b);
    CHECK(text_of(*(*runner_b)->list_runs(10)) == text_of(*a.list_runs(10)));
    // Prefixes are separate histories.
    auto elsewhere = EtcdRunStore::open(server.url("ci/staging"));
    REQUIRE(elsewhere);
    CHECK((*elsewhere)->list_runs(10)->empty());
}

TEST_CASE("etcd runs: results are written in batches, each within the interval, readable by other runners",
          "[etcd][state]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    auto store = EtcdRunStore::open(server.url("batch"));
    auto reader = EtcdRunStore::open(server.url("batch"));
    REQUIRE(store);
    REQUIRE(reader);
    const RunId run = *(*store)->begin_run(sample_run());

    // One result, no flush: another runner reads it well within 100 ms plus a txn.
    (*store)->record(sample_task(run, "first", "h1", "ok"));
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    CHECK((*reader)->task_rows(run)->size() == 1);
    CHECK((*store)->commits() == 1);

    // A burst of 450 results: a few batches (several txns each, within etcd's limits), in order.
    for (int i = 0; i < 450; ++i) {
        (*store)->record(sample_task(run, "t" + std::to_string(i), "h" + std::to_string(i % 7), "changed"));
    }
    REQUIRE((*store)->flush());
    CHECK((*store)->commits() <= 4);
    auto rows = (*reader)->task_rows(run);
    REQUIRE(rows);
    REQUIRE(rows->size() == 451);
    CHECK((*rows)[1].task_id == "t0");
    CHECK((*rows)[450].task_id == "t449");
    REQUIRE((*store)->finish_run(run, k_run_finished, 0));
    CHECK((*reader)->find_run(run)->value().status == "finished");
}

TEST_CASE("etcd runs: runners starting at once get distinct run ids", "[etcd][state]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    std::vector<std::vector<RunId>> ids(4);
    std::vector<std::thread> runners;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        runners.emplace_back([&, i] {
            auto store = EtcdRunStore::open(server.url("ids"));
            for (int n = 0; store && n < 10; ++n) {
                auto id = (*store)->begin_run(sample_run());
                if (id) {
                    ids[i].push_back(*id);
                }
            }
        });
    }
    for (auto& runner : runners) {
        runner.join();
    }
    std::set<RunId> all;
    for (const auto& mine : ids) {
        CHECK(mine.size() == 10);
        CHECK(std::is_sorted(mine.begin(), mine.end()));
        all.insert(mine.begin(), mine.end());
    }
    CHECK(all.size() == 40);
    CHECK(*all.begin() == 1);
    CHECK(*all.rbegin() == 40);
}

TEST_CASE("etcd runs: a server that is down, and records that are not runs", "[etcd][state]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    {
        auto client = EtcdClient::create(server.endpoint());
        REQUIRE(client);
        REQUIRE((*client)->put(EtcdPut{"/odd/runs/rows/000000000007", R"({"id": "seven"})", 0}));
        auto store = EtcdRunStore::open(server.url("odd"));
        REQUIRE(store);
        auto runs = (*store)->list_runs(10);
        REQUIRE_FALSE(runs);
        CHECK(runs.error().message ==
              "etcd at " + server.endpoint() + ": /odd/runs/rows/000000000007 does not hold a run store record");
        REQUIRE((*client)->put(EtcdPut{"/odd/runs/next_id", "x", 0}));
        auto id = (*store)->begin_run(sample_run());
        REQUIRE_FALSE(id);
        CHECK(id.error().message.ends_with("/odd/runs/next_id does not hold a run number"));
    }
    server.stop();
    auto down = open_run_store(server.url("x"));
    REQUIRE_FALSE(down);
    CHECK(down.error().message == "etcd at " + server.endpoint() + ": connection refused");
}
