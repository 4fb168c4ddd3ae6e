// The drift collector: changed results become drift tasks with their diffs (a loop's
// changed items one by one, not again as the loop's result), ignored failures and skips
// are no drift, unreachable wins over failed over drifted, hosts without results are in
// line, and take_hosts starts the next layer empty.
#include <catch2/catch.hpp>

#include "report/drift_collector.hpp"

using namespace scsctl;

namespace {

model::HostResult result(const std::string& host, const std::string& task, model::TaskStatus status,
                         const std::string& diff = "")
{
    model::HostResult out;
    out.host = host;
    out.task = task;
    out.status = status;
    out.diff = diff;
    out.action = "copy";
    return out;
}

model::HostResult item(const std::string& host, const std::string& task, const std::string& label,
                       model::TaskStatus status)
{
    model::HostResult out = result(host, task, status, "--- " + label + "\n");
    out.is_item = true;
    out.item_label = label;
    return out;
}

} // namespace

TEST_CASE("drift collector: changed tasks with their diffs, per host", "[drift]")
{
    report::DriftCollector collector;
    collector.on_event(result("h1", "write config", model::TaskStatus::changed, "--- before\n+++ after\n"));
    collector.on_event(result("h1", "install", model::TaskStatus::ok));
    collector.on_event(result("h2", "write config", model::TaskStatus::ok));
    collector.on_event(result("h2", "record", model::TaskStatus::skipped));
    const auto hosts = collector.take_hosts({"h2", "h1", "h3"});
    REQUIRE(hosts.size() == 3);
    CHECK(hosts[0].host == "h1");
    CHECK(hosts[0].status == model::DriftHostStatus::drifted);
    REQUIRE(hosts[0].tasks.size() == 1);
    CHECK(hosts[0].tasks[0].task == "write config");
    CHECK(hosts[0].tasks[0].action == "copy");
    CHECK(hosts[0].tasks[0].diff == "--- before\n+++ after\n");
    CHECK(hosts[1].status == model::DriftHostStatus::in_line);
    CHECK(hosts[1].tasks.empty());
    CHECK(hosts[2].host == "h3"); // no result at all: nothing differs
    CHECK(hosts[2].status == model::DriftHostStatus::in_line);
    CHECK(collector.take_hosts({}).empty());
}

TEST_CASE("drift collector: a loop's changed items count, its final result does not again", "[drift]")
{
    report::DriftCollector collector;
    collector.on_event(item("h1", "users", "alice", model::TaskStatus::ok));
    collector.on_event(item("h1", "users", "bob", model::TaskStatus::changed));
    collector.on_event(result("h1", "users", model::TaskStatus::changed));
    collector.on_event(result("h1", "users", model::TaskStatus::changed, "x")); // the same task again, no items
    const auto hosts = collector.take_hosts({});
    REQUIRE(hosts.size() == 1);
    REQUIRE(hosts[0].tasks.size() == 2);
    CHECK(hosts[0].tasks[0].task == "users (item=bob)");
    CHECK(hosts[0].tasks[0].diff == "--- bob\n");
    CHECK(hosts[0].tasks[1].task == "users");
}

TEST_CASE("drift collector: a no_log task's change is kept, marked censored, without a diff", "[drift]")
{
    report::DriftCollector collector;
    auto hidden = result("h1", "write token", model::TaskStatus::changed);
    hidden.result = core::Value{{"censored", "the output has been hidden"}, {"changed", true}};
    collector.on_event(hidden);
    collector.on_event(result("h1", "write config", model::TaskStatus::changed, "--- a\n"));
    const auto hosts = collector.take_hosts({});
    REQUIRE(hosts[0].tasks.size() == 2);
    CHECK(hosts[0].tasks[0].censored);
    CHECK(hosts[0].tasks[0].diff.empty());
    CHECK_FALSE(hosts[0].tasks[1].censored);
}

TEST_CASE("drift collector: unreachable over failed over drifted; ignored failures are no drift", "[drift]")
{
    report::DriftCollector collector;
    auto ignored = result("h1", "probe", model::TaskStatus::failed);
    ignored.ignored = true;
    collector.on_event(ignored);
    collector.on_event(result("h2", "write", model::TaskStatus::changed));
    auto failed = result("h2", "check", model::TaskStatus::failed);
    failed.result = core::Value{{"msg", "no such file"}};
    collector.on_event(failed);
    collector.on_event(result("h3", "write", model::TaskStatus::changed));
    auto dead = result("h3", "next", model::TaskStatus::unreachable);
    dead.result = core::Value{{"msg", "connection refused"}};
    collector.on_event(dead);
    collector.on_event(result("h4", "write", model::TaskStatus::failed)); // no msg
    const auto hosts = collector.take_hosts({});
    REQUIRE(hosts.size() == 4);
    CHECK(hosts[0].status == model::DriftHostStatus::in_line);
    CHECK(hosts[1].status == model::DriftHostStatus::failed);
    CHECK(hosts[1].error == "no such file");
    CHECK(hosts[1].tasks.size() == 1); // what would change is kept
    CHECK(hosts[2].status == model::DriftHostStatus::unreachable);
    CHECK(hosts[2].error == "connection refused");
    CHECK(hosts[3].error == "task 'write' failed");
}
