// upgrade --resume's position: which batch an earlier upgrade run reached, from the
// records its passed batches left, and the serial syntax.
#include <catch2/catch.hpp>

#include "cli/upgrade_progress.hpp"

using namespace scsctl;

namespace {

state::CompletedTasks completed(const std::vector<model::TaskDone>& records, state::RunId run)
{
    state::CompletedTasks done;
    for (const auto& record : records) {
        done[{record.task_id, record.host}].push_back({"", record.result, false, run});
    }
    return done;
}

} // namespace

TEST_CASE("upgrade progress: resumes at the batch after the last that passed", "[upgrade]")
{
    const cli::UpgradeTarget target{"22.03.3-1+x1", "1"};
    std::vector<model::TaskDone> records = cli::batch_passed_records({0, "central", 0, 1, {"a"}}, target);
    for (std::size_t batch = 0; batch < 2; ++batch) {
        auto more = cli::batch_passed_records({1, "chassis", batch, 3, {std::string(1, char('a' + batch))}}, target);
        records.insert(records.end(), more.begin(), more.end());
    }
    CHECK(records.size() == 3);
    CHECK(records[1].task == "batch 1/3 of 'chassis': health gate passed");
    CHECK(records[1].action == cli::k_batch_gate_action);

    const auto progress = cli::upgrade_progress(completed(records, 7));
    REQUIRE(progress);
    CHECK(progress->next.play_index == 1);
    CHECK(progress->next.batch_index == 2);
    CHECK(progress->target == target);
    CHECK(progress->passed.size() == 3);
    CHECK(progress->passed.front().resumed_from == 7);
}

TEST_CASE("upgrade progress: the last batch of a play points past it; nothing passed gives none", "[upgrade]")
{
    const cli::UpgradeTarget restart{"", "50%"};
    const auto records = cli::batch_passed_records({0, "only", 1, 2, {"b", "c"}}, restart);
    CHECK(records.size() == 2);
    const auto progress = cli::upgrade_progress(completed(records, 3));
    REQUIRE(progress);
    CHECK(progress->next.play_index == 0);
    CHECK(progress->next.batch_index == 2);
    CHECK(progress->target.to.empty());
    CHECK(progress->target.serial == "50%");

    state::CompletedTasks ordinary;
    ordinary[{"abc123", "a"}].push_back({"", core::Value::object(), true, 3});
    CHECK_FALSE(cli::upgrade_progress(ordinary));
}

TEST_CASE("upgrade serial: a positive count or 1%..100%", "[upgrade]")
{
    for (const char* good : {"1", "3", "25%", "100%"}) {
        CHECK(cli::valid_serial(good));
    }
    for (const char* bad : {"", "0", "-1", "0%", "101%", "%", "1.5", "two", "3 ", "10%%"}) {
        CHECK_FALSE(cli::valid_serial(bad));
    }
}
