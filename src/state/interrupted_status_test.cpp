// Tests of how results cut short by SIGINT/SIGTERM are recorded: "interrupted" for what
// did not succeed once the run was interrupted, untouched otherwise; --retry-failed
// retries interrupted hosts.
#include <catch2/catch.hpp>

#include "state/journal.hpp"
#include "state/journal_queries.hpp"
#include "state/journal_recorder.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using namespace scsctl::state;

namespace {

model::TaskDone done_with(const std::string& host, model::TaskStatus status)
{
    model::TaskDone done;
    done.host = host;
    done.task = "slow";
    done.task_id = "t-slow";
    done.action = "command";
    done.status = status;
    done.error = status == model::TaskStatus::failed ? "interrupted" : "";
    return done;
}

} // namespace

TEST_CASE("journal: results after an interruption are recorded interrupted unless they succeeded", "[lock][state]")
{
    CHECK(journal_status(done_with("h", model::TaskStatus::failed), false) == "failed");
    CHECK(journal_status(done_with("h", model::TaskStatus::failed), true) == "interrupted");
    CHECK(journal_status(done_with("h", model::TaskStatus::unreachable), true) == "interrupted");
    CHECK(journal_status(done_with("h", model::TaskStatus::ok), true) == "ok");
    CHECK(journal_status(done_with("h", model::TaskStatus::changed), true) == "changed");
    auto ignored = done_with("h", model::TaskStatus::failed);
    ignored.ignored = true;
    CHECK(journal_status(ignored, false) == "ignored");
    CHECK(journal_status(ignored, true) == "interrupted");

    testing::TempDir dir;
    auto journal = Journal::open((dir.path() / "state.db").string());
    REQUIRE(journal);
    RunRow run;
    run.kind = "run";
    auto id = (*journal)->begin_run(run);
    REQUIRE(id);
    JournalRecorder recorder(**journal, *id);
    recorder.on_event(done_with("h1", model::TaskStatus::failed));
    recorder.mark_interrupted();
    recorder.on_event(done_with("h2", model::TaskStatus::failed));
    recorder.on_event(done_with("h3", model::TaskStatus::ok));
    REQUIRE((*journal)->finish_run(*id, k_run_interrupted, 130));
    auto rows = (*journal)->read([&](Database& db) { return task_rows(db, *id); });
    REQUIRE(rows);
    REQUIRE(rows->size() == 3);
    CHECK((*rows)[0].status == "failed");
    CHECK((*rows)[1].status == "interrupted");
    CHECK((*rows)[2].status == "ok");
    auto retry = (*journal)->read([&](Database& db) { return failed_hosts(db, *id); });
    REQUIRE(retry);
    CHECK(*retry == std::set<std::string>{"h1", "h2"});
}
