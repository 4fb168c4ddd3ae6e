// The JUnit document: one testsuite per play, one testcase per task×host with a stable
// "[host] task" name, failure/error/skipped by outcome, counts that add up, escaping,
// and the file written whole (also for an interrupted run) or an error naming it.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "report/atomic_file.hpp"
#include "report/junit_report.hpp"
#include "report/report_test_events.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using namespace scsctl::report::testing;

namespace {

/// A play with ok, failed (rc, stdout, stderr), unreachable, skipped, ignored and a repeated
/// task name, then a second play.
report::CollectedRun sample_run()
{
    FakeClock clock;
    report::ResultCollector c(clock.clock());
    send(c, clock, 0, model::PlayStarted{"Deploy v1.2", "all", false});
    send(c, clock, 0, task_started("install <pkg> & \"go\"", "site.yml:4", false));
    send(c, clock, 250, host_result("h1", "install <pkg> & \"go\"", model::TaskStatus::changed));
    model::TaskDone failed = task_done("h2", "install <pkg> & \"go\"", model::TaskStatus::failed, 1500);
    failed.rc = 2;
    failed.stdout_text = "partial\n";
    failed.stderr_text = std::string("E: \x1b[31mbroken\0", 15);
    send(c, clock, 260, task_done("h1", "install <pkg> & \"go\"", model::TaskStatus::changed, 250));
    send(c, clock, 260, failed);
    send(c, clock, 260, task_done("h3", "install <pkg> & \"go\"", model::TaskStatus::unreachable, 0));
    send(c, clock, 300, task_started("check", "site.yml:8", false));
    send(c, clock, 310, task_done("h1", "check", model::TaskStatus::skipped, 0));
    model::TaskDone ignored = task_done("h1", "check", model::TaskStatus::failed, 5);
    ignored.ignored = true;
    send(c, clock, 320, ignored); // the same name again: "(2)"
    send(c, clock, 400, model::PlayStarted{"second", "h1", false});
    send(c, clock, 400, task_started("restart", "site.yml:20", true));
    send(c, clock, 500, task_done("h1", "restart", model::TaskStatus::ok, 100));
    c.finish();
    return c.run();
}

std::size_t count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("junit: suites per play, cases per task and host, outcomes as elements", "[junit]")
{
    const std::string xml = report::junit_xml(sample_run(), report::JunitOptions{"scsctl run site.yml", "ci-runner"});
    INFO(xml);
    CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scsctl run site.yml\" "
                          "tests=\"6\" failures=\"1\" errors=\"1\" skipped=\"1\" time=\"0.500\" "
                          "timestamp=\"2023-11-14T22:13:20Z\">\n"));
    CHECK(xml.find("<testsuite name=\"Deploy v1.2\" id=\"0\" tests=\"5\" failures=\"1\" errors=\"1\" skipped=\"1\" "
                   "time=\"0.320\" timestamp=\"2023-11-14T22:13:20Z\" hostname=\"ci-runner\">") != std::string::npos);
    CHECK(xml.find("<testsuite name=\"second\" id=\"1\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" "
                   "time=\"0.100\"") != std::string::npos);
    CHECK(count(xml, "<testcase ") == 6);
    // Jenkins splits classnames at dots into packages: the play's dots become '_'.
    CHECK(xml.find("<testcase classname=\"Deploy v1_2\" name=\"[h1] install &lt;pkg&gt; &amp; &quot;go&quot;\" "
                   "time=\"0.250\">\n    </testcase>") != std::string::npos);
    CHECK(xml.find("<failure message=\"boom on h2\" type=\"shell\">boom on h2\nrc: 2\n\nstderr:\nE: \xEF\xBF\xBD[31mbroken"
                   "\xEF\xBF\xBD\n\nstdout:\npartial\n\n</failure>") != std::string::npos);
    CHECK(xml.find("<system-err>E: \xEF\xBF\xBD[31mbroken\xEF\xBF\xBD</system-err>") != std::string::npos);
    CHECK(xml.find("name=\"[h3] install &lt;pkg&gt; &amp; &quot;go&quot;\" time=\"0.000\">\n      <error "
                   "message=\"boom on h3\" type=\"unreachable\">") != std::string::npos);
    CHECK(xml.find("name=\"[h1] check\" time=\"0.000\">\n      <skipped message=\"skipped\"/>") != std::string::npos);
    // The ignored failure passes (it did not fail the play) and says so in its output.
    CHECK(xml.find("name=\"[h1] check (2)\" time=\"0.005\">\n      <system-out>failed (ignored): boom on h1\n"
                   "</system-out>\n    </testcase>") != std::string::npos);
    CHECK(xml.find("classname=\"second\" name=\"[h1] handler: restart\"") != std::string::npos);
    CHECK(xml.find('\x1b') == std::string::npos);
    CHECK(xml.find('\0') == std::string::npos);
}

TEST_CASE("junit: the reporter writes the file when the run ends, whatever collected so far", "[junit]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "junit.xml").string();
    FakeClock clock;
    report::JunitReporter reporter(path, report::JunitOptions{"x", "h"}, clock.clock());
    send(reporter, clock, 0, model::PlayStarted{"p", "all", false});
    send(reporter, clock, 5, task_done("h1", "t", model::TaskStatus::ok, 5));
    // Interrupted: no recap ever came.
    REQUIRE(reporter.finish(130));
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str().find("<testcase classname=\"p\" name=\"[h1] t\" time=\"0.005\">") != std::string::npos);
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("report files: unwritable places are one-line errors naming the file", "[junit]")
{
    testing::TempDir dir;
    CHECK(report::check_writable((dir.path() / "ok.xml").string()));
    const auto missing = report::check_writable((dir.path() / "no/such/dir/j.xml").string());
    REQUIRE_FALSE(missing);
    CHECK(missing.error().str() == (dir.path() / "no/such/dir/j.xml").string() + ": cannot write: directory " +
                                       (dir.path() / "no/such/dir").string() + " does not exist");
    const auto directory = report::check_writable(dir.path().string());
    REQUIRE_FALSE(directory);
    CHECK(directory.error().str() == dir.path().string() + ": is a directory");
    const auto written = report::write_file_atomically((dir.path() / "gone/x.xml").string(), "x");
    REQUIRE_FALSE(written);
    CHECK(written.error().str().starts_with((dir.path() / "gone/x.xml").string() + ": cannot write: "));
}
