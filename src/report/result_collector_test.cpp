// The collector turns events into task×host records with wall-clock bars: a verdict ends
// at the host's last result (verdicts come after the round) and starts its duration
// earlier; loop items' failures are kept; recaps of several playbooks add up.
#include <catch2/catch.hpp>

#include "report/event_fanout.hpp"
#include "report/report_test_events.hpp"

using namespace scsctl;
using namespace scsctl::report::testing;

TEST_CASE("collector: bars end at the host's last result and start their duration earlier", "[report]")
{
    FakeClock clock;
    report::ResultCollector collector(clock.clock());
    send(collector, clock, 0, model::PlayStarted{"web", "all", false});
    send(collector, clock, 10, task_started("t1", "site.yml:3", false));
    send(collector, clock, 30, host_result("h1", "t1", model::TaskStatus::ok));
    send(collector, clock, 90, host_result("h2", "t1", model::TaskStatus::ok));
    send(collector, clock, 95, task_done("h1", "t1", model::TaskStatus::ok, 15));
    send(collector, clock, 95, task_done("h2", "t1", model::TaskStatus::ok, 500)); // longer than the play
    collector.finish();
    const auto& run = collector.run();
    REQUIRE(run.results.size() == 2);
    CHECK(run.results[0].end_ms - run.start_ms == Approx(30));
    CHECK(run.results[0].start_ms - run.start_ms == Approx(15));
    CHECK(run.results[1].end_ms - run.start_ms == Approx(90));
    CHECK(run.results[1].start_ms - run.start_ms == Approx(0)); // never before its play
    CHECK(run.end_ms - run.start_ms == Approx(95));
}

TEST_CASE("collector: failed items, handlers and summed recaps", "[report]")
{
    FakeClock clock;
    report::ResultCollector collector(clock.clock());
    send(collector, clock, 0, model::PlayStarted{"p", "all", false});
    send(collector, clock, 1, task_started("restart", "x.yml:1", true));
    model::HostResult item = host_result("h1", "restart", model::TaskStatus::failed);
    item.is_item = true;
    item.item_label = "b";
    item.result = core::Value{{"msg", "no such unit"}};
    send(collector, clock, 2, item);
    send(collector, clock, 3, task_done("h1", "restart", model::TaskStatus::failed, 1));
    model::Recap recap;
    recap.hosts["h1"].failed = 1;
    send(collector, clock, 4, recap);
    send(collector, clock, 5, recap);
    const auto& run = collector.run();
    REQUIRE(run.results.size() == 1);
    CHECK(run.results[0].handler);
    CHECK(run.results[0].item_errors == std::vector<std::string>{"item=b: no such unit"});
    CHECK(run.results[0].is_failure());
    CHECK(run.recap.hosts.at("h1").failed == 2);
}

namespace {

struct Recording : report::RunReporter {
    std::vector<std::string>* log;
    std::string name;
    bool fail;
    Recording(std::vector<std::string>* log_, std::string name_, bool fail_) : log(log_), name(std::move(name_)), fail(fail_) {}
    void on_event(const model::RunEvent&) override { log->push_back(name + " event"); }
    core::Result<void> finish(int code) override
    {
        log->push_back(name + " finish " + std::to_string(code));
        if (fail) {
            return core::fail(core::Error{core::ErrorKind::io, name + ": cannot write", {}});
        }
        return {};
    }
};

} // namespace

TEST_CASE("fan-out: every reporter sees every event in order; finishing happens once, errors do not stop it",
          "[report]")
{
    std::vector<std::string> log;
    report::EventFanout fanout;
    fanout.add(std::make_unique<Recording>(&log, "a", true));
    fanout.add(std::make_unique<Recording>(&log, "b", false));
    fanout.on_event(model::PlayStarted{});
    const auto errors = fanout.finish_all(130);
    CHECK(fanout.finish_all(130).empty());
    CHECK(log == std::vector<std::string>{"a event", "b event", "a finish 130", "b finish 130"});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].str() == "a: cannot write");
}
