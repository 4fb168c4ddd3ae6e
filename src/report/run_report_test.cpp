// The text reporter prints results as ansible-playbook 2.14's default callback does
// (expected lines copied from its output for the same results).
#include <catch2/catch.hpp>

#include <sstream>

#include "report/run_report.hpp"

using namespace scsctl;

namespace {

std::string text_of(const std::vector<model::RunEvent>& events, int verbosity = 0)
{
    std::ostringstream out;
    report::TextRunReporter reporter(out, report::TextReportOptions{false, verbosity});
    for (const auto& event : events) {
        reporter.on_event(event);
    }
    return out.str();
}

model::HostResult failed_item(const std::string& host, const std::string& label)
{
    model::HostResult item;
    item.host = host;
    item.task = "edit";
    item.status = model::TaskStatus::failed;
    item.is_item = true;
    item.item_label = label;
    item.result = core::Value{{"changed", false}, {"failed", true}, {"msg", "no such file"}};
    return item;
}

} // namespace

TEST_CASE("a failed loop prints its items, not its total, then ...ignoring", "[report]")
{
    model::HostResult total;
    total.host = "h1";
    total.task = "edit";
    total.status = model::TaskStatus::failed;
    total.ignored = true;
    total.result = core::Value{{"changed", false}, {"failed", true}, {"msg", "One or more items failed"},
                               {"results", core::Value::array()}};
    CHECK(text_of({failed_item("h1", "a"), total}) ==
          "failed: [h1] (item=a) => {\"changed\": false, \"msg\": \"no such file\"}\n...ignoring\n");
}

TEST_CASE("shown results leave out failed and skipped, as TaskResult.clean_copy does", "[report]")
{
    model::HostResult fatal;
    fatal.host = "h1";
    fatal.status = model::TaskStatus::failed;
    fatal.result = core::Value{{"changed", false}, {"failed", true}, {"msg", "boom"}, {"rc", 257}};
    CHECK(text_of({fatal}) == "fatal: [h1]: FAILED! => {\"changed\": false, \"msg\": \"boom\", \"rc\": 257}\n");

    model::HostResult debug;
    debug.host = "h1";
    debug.action = "debug";
    debug.result = core::Value{{"msg", "hi"}, {"changed", false}, {"failed", false}};
    CHECK(text_of({debug}) == "ok: [h1] => {\n    \"msg\": \"hi\"\n}\n");
}

TEST_CASE("a retry is announced with the retries left, the result from -vv", "[report]")
{
    const model::TaskRetrying retry{"h1", "wait", 2, core::Value{{"rc", 1}}};
    CHECK(text_of({retry}) == "FAILED - RETRYING: [h1]: wait (2 retries left).\n");
    CHECK(text_of({retry}, 2) == "FAILED - RETRYING: [h1]: wait (2 retries left).Result was: {\"rc\": 1}\n");
}
