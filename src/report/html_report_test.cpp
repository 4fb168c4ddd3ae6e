// The HTML report's data and document: failures first (those that failed the run before
// ignored ones), hosts with failures first, one bar per task×host result placed by time,
// and run strings only inside the JSON data element, where they cannot become markup.
// tests/integration/reports_test.sh renders a real report in headless Chromium.
#include <catch2/catch.hpp>

#include "report/html_report.hpp"
#include "report/report_test_events.hpp"

using namespace scsctl;
using namespace scsctl::report::testing;

namespace {

report::CollectedRun sample_run()
{
    FakeClock clock;
    report::ResultCollector c(clock.clock());
    send(c, clock, 0, model::PlayStarted{"web", "all", false});
    send(c, clock, 0, task_started("<script>alert(1)</script>", "site.yml:4", false));
    model::TaskDone ignored = task_done("alpha", "<script>alert(1)</script>", model::TaskStatus::failed, 100);
    ignored.ignored = true;
    send(c, clock, 100, ignored);
    model::TaskDone failed = task_done("zulu", "<script>alert(1)</script>", model::TaskStatus::failed, 100);
    failed.rc = 1;
    failed.stdout_text = "</script><b>out</b>";
    send(c, clock, 100, failed);
    send(c, clock, 100, task_done("mike", "<script>alert(1)</script>", model::TaskStatus::ok, 100));
    send(c, clock, 150, task_started("second", "site.yml:9", false));
    send(c, clock, 200, task_done("alpha", "second", model::TaskStatus::changed, 50));
    model::Recap recap;
    recap.hosts["alpha"].changed = 1;
    recap.hosts["zulu"].failed = 1;
    recap.hosts["mike"].ok = 1;
    send(c, clock, 200, recap);
    c.finish();
    return c.run();
}

} // namespace

TEST_CASE("html: failures first, failing hosts first, one bar per result placed by time", "[html]")
{
    const auto data = report::html_report_data(sample_run(), report::HtmlOptions{"run site.yml", "scsctl run site.yml"}, 1);
    CHECK(data["title"] == "run site.yml");
    CHECK(data["exit_code"] == 1);
    CHECK(data["results"] == 4);
    CHECK(data["duration_ms"] == Approx(200));
    REQUIRE(data["failures"].size() == 2);
    CHECK(data["failures"][0]["host"] == "zulu"); // failed the run: before the ignored one
    CHECK(data["failures"][0]["outcome"] == "failed");
    CHECK(data["failures"][0]["message"] == "boom on zulu (rc 1)");
    CHECK(data["failures"][0]["output"] == "stdout:\n</script><b>out</b>\n");
    CHECK(data["failures"][1]["host"] == "alpha");
    CHECK(data["failures"][1]["outcome"] == "ignored");
    REQUIRE(data["hosts"].size() == 3);
    CHECK(data["hosts"][0]["name"] == "zulu");
    CHECK(data["hosts"][0]["failed"] == true);
    CHECK(data["hosts"][1]["name"] == "alpha");
    CHECK(data["hosts"][2]["name"] == "mike");
    REQUIRE(data["hosts"][1]["bars"].size() == 2);
    const auto& bar = data["hosts"][1]["bars"][1];
    CHECK(bar["task"] == "second");
    CHECK(bar["outcome"] == "changed");
    CHECK(bar["start_ms"] == Approx(150));
    CHECK(bar["end_ms"] == Approx(200));
    CHECK(data["recap"][0]["host"] == "alpha");
}

TEST_CASE("html: one self-contained document; run strings never become markup", "[html]")
{
    const std::string html = report::html_document(sample_run(), report::HtmlOptions{"<i>x</i>", "scsctl"}, 1);
    CHECK(html.starts_with("<!DOCTYPE html>\n"));
    CHECK(html.find("<title>scsctl report: &lt;i&gt;x&lt;/i&gt;</title>") != std::string::npos);
    // Exactly the two script elements of the page itself; the task and output strings
    // with "<script>" and "</script>" are \u003c-escaped inside the JSON.
    std::size_t scripts = 0;
    for (auto at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) {
        ++scripts;
    }
    CHECK(scripts == 2);
    CHECK(html.find("</script><b>") == std::string::npos);
    CHECK(html.find("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e") != std::string::npos);
    // Nothing is loaded from elsewhere.
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("href=") == std::string::npos);
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("default-src 'none'") != std::string::npos);
}
