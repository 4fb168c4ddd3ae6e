// The live status line: its counters per task, the ETA from history, the terminal
// choreography around the text reporter's lines, and its width limit.
#include <catch2/catch.hpp>

#include <sstream>
#include <thread>

#include "report/live_view.hpp"

using namespace scsctl;
using namespace scsctl::report;

namespace {

constexpr const char* k_erase = "\r\033[2K";

model::TaskStarted started(const std::string& name, const std::string& id, std::size_t hosts)
{
    model::TaskStarted event{name, "site.yml:3", false};
    event.task_id = id;
    event.hosts = hosts;
    return event;
}

model::TaskDone done(const std::string& host, const std::string& id, model::TaskStatus status, bool ignored = false)
{
    model::TaskDone event;
    event.host = host;
    event.task_id = id;
    event.status = status;
    event.ignored = ignored;
    return event;
}

std::size_t count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

LiveViewOptions quiet(int columns = 200)
{
    return LiveViewOptions{false, [columns] { return columns; }, std::chrono::milliseconds(0)};
}

} // namespace

TEST_CASE("the status line counts the current task's hosts done, running and failed", "[live]")
{
    std::ostringstream out;
    LiveView view(std::make_unique<TextRunReporter>(out, TextReportOptions{}), out, quiet());
    view.on_event(model::PlayStarted{"deploy", "all", false});
    CHECK(view.status_line(LiveView::Clock::now()).empty()); // nothing runs yet
    view.on_event(started("install", "t1", 4));
    view.on_event(done("a", "t1", model::TaskStatus::changed));
    view.on_event(done("b", "t1", model::TaskStatus::failed));
    view.on_event(done("c", "t1", model::TaskStatus::failed, true)); // ignored: not a failure
    const auto line = view.status_line(LiveView::Clock::now());
    CHECK(line.starts_with("> install | 3/4 done, 1 running, 1 failed | 0:00"));
    CHECK(line.find("ETA") == std::string::npos); // no history, no ETA

    // A new task starts its counters afresh; results of another task do not count.
    view.on_event(started("restart", "t2", 2));
    view.on_event(done("a", "t1", model::TaskStatus::failed));
    view.on_event(done("a", "t2", model::TaskStatus::unreachable));
    CHECK(view.status_line(LiveView::Clock::now()).starts_with("> restart | 1/2 done, 1 running, 1 failed |"));
}

TEST_CASE("a host counts as done at its result, before the round ends; loop items do not count", "[live]")
{
    std::ostringstream out;
    LiveView view(std::make_unique<TextRunReporter>(out, TextReportOptions{}), out, quiet());
    view.on_event(started("install", "t1", 3));
    model::HostResult item;
    item.host = "a";
    item.task = "install";
    item.is_item = true;
    item.item_label = "x";
    view.on_event(item);
    CHECK(view.status_line(LiveView::Clock::now()).starts_with("> install | 0/3 done, 3 running, 0 failed"));
    model::HostResult failed;
    failed.host = "b";
    failed.task = "install";
    failed.status = model::TaskStatus::failed;
    view.on_event(failed);
    CHECK(view.status_line(LiveView::Clock::now()).starts_with("> install | 1/3 done, 2 running, 1 failed"));
    // The round ends: a's loop is done, and b's failure was rescued.
    view.on_event(done("a", "t1", model::TaskStatus::changed));
    auto rescued = done("b", "t1", model::TaskStatus::failed);
    rescued.rescued = true;
    view.on_event(rescued);
    CHECK(view.status_line(LiveView::Clock::now()).starts_with("> install | 2/3 done, 1 running, 0 failed"));
}

TEST_CASE("the free strategy's per-host task starts add up", "[live]")
{
    std::ostringstream out;
    LiveView view(std::make_unique<TextRunReporter>(out, TextReportOptions{}), out, quiet());
    view.on_event(started("ping", "t1", 1));
    view.on_event(started("ping", "t1", 1));
    view.on_event(done("a", "t1", model::TaskStatus::ok));
    CHECK(view.status_line(LiveView::Clock::now()).starts_with("> ping | 1/2 done, 1 running, 0 failed"));
}

TEST_CASE("the ETA adds the history of the tasks not started yet and what is left of the current one", "[live]")
{
    std::ostringstream out;
    LiveView view(std::make_unique<TextRunReporter>(out, TextReportOptions{}), out, quiet());
    view.set_history({{"t1", 10}, {"t2", 20}, {"t3", 5}});
    view.on_event(started("one", "t1", 1));
    const auto now = LiveView::Clock::now();
    CHECK(view.status_line(now).ends_with("| ETA 0:35"));
    // Four seconds into t1: six left of it.
    CHECK(view.status_line(now + std::chrono::seconds(4)).ends_with("| ETA 0:31"));
    // Overrunning its history costs nothing more than zero for the current task.
    CHECK(view.status_line(now + std::chrono::seconds(60)).ends_with("| ETA 0:25"));
    view.on_event(started("two", "t2", 1));
    CHECK(view.status_line(LiveView::Clock::now()).ends_with("| ETA 0:25"));
    view.on_event(started("new task", "t9", 1)); // not in history: t3 is still ahead
    CHECK(view.status_line(LiveView::Clock::now()).ends_with("| ETA 0:05"));
}

TEST_CASE("a history that shares no task with the run gives no ETA", "[live]")
{
    std::ostringstream out;
    LiveView view(std::make_unique<TextRunReporter>(out, TextReportOptions{}), out, quiet());
    view.set_history({{"other", 100}});
    view.on_event(started("one", "t1", 1));
    CHECK(view.status_line(LiveView::Clock::now()).find("ETA") == std::string::npos);
}

TEST_CASE("the line is erased before the reporter writes and gone after the recap", "[live]")
{
    std::ostringstream out;
    LiveView view(std::make_unique<TextRunReporter>(out, TextReportOptions{}), out, quiet());
    view.on_event(model::PlayStarted{"deploy", "all", false});
    view.on_event(started("install", "t1", 1));
    const std::string before_result = out.str();
    CHECK(before_result.ends_with("> install | 0/1 done, 1 running, 0 failed | 0:00")); // drawn last
    model::HostResult result;
    result.host = "a";
    result.task = "install";
    result.status = model::TaskStatus::changed;
    view.on_event(result);
    const std::string after_result = out.str().substr(before_result.size());
    // Erased, then the reporter's line, then the status line again.
    CHECK(after_result.starts_with(k_erase));
    CHECK(after_result.find("changed: [a]\n") != std::string::npos);
    CHECK(after_result.ends_with("1/1 done, 0 running, 0 failed | 0:00"));

    model::Recap recap;
    recap.hosts["a"] = model::Recap::Counters{1, 1, 0, 0, 0, 0, 0};
    view.on_event(recap);
    REQUIRE(view.finish(0));
    const std::string text = out.str();
    const auto recap_at = text.find("PLAY RECAP");
    REQUIRE(recap_at != std::string::npos);
    CHECK(text.find("> install", recap_at) == std::string::npos); // nothing drawn under the recap
    // The line was erased before the recap's banner and not drawn again since.
    CHECK(text.substr(text.rfind(k_erase, recap_at)).find("> install") == std::string::npos);
}

TEST_CASE("the line never gets wider than the terminal and never cuts a character", "[live]")
{
    std::ostringstream out;
    LiveView view(std::make_unique<TextRunReporter>(out, TextReportOptions{}), out, quiet(12));
    view.on_event(started("ééééééééééééééé", "t1", 1));
    const std::string text = out.str();
    const auto last = text.rfind(k_erase);
    REQUIRE(last != std::string::npos);
    const std::string drawn = text.substr(last + std::string(k_erase).size());
    CHECK(drawn == "> ééééééééé"); // 11 columns: one short of the width
}

TEST_CASE("the ticker redraws the line so the clock moves", "[live]")
{
    std::ostringstream out;
    {
        LiveView view(std::make_unique<TextRunReporter>(out, TextReportOptions{}), out,
                      LiveViewOptions{false, [] { return 200; }, std::chrono::milliseconds(10)});
        view.on_event(started("slow", "t1", 1));
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
    } // the destructor stops the ticker first, so reading `out` below is safe
    CHECK(count(out.str(), "> slow |") >= 3);
    CHECK(out.str().ends_with(k_erase)); // and leaves no line behind
}

TEST_CASE("clock text", "[live]")
{
    CHECK(clock_text(0) == "0:00");
    CHECK(clock_text(41.4) == "0:41");
    CHECK(clock_text(723) == "12:03");
    CHECK(clock_text(3729) == "1:02:09");
    CHECK(clock_text(-5) == "0:00");
}
