// LiveView: on a terminal, one status line under the text output that says what the run
// does now: the current task, its hosts done / running / failed, the time elapsed and an
// ETA from an earlier run of the same tasks (the journal's history). It wraps the text
// reporter: the line is cleared before each of the reporter's writes and drawn again
// after them, and a ticker thread redraws it twice a second so the clock moves.
// Depends on core and model.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "report/run_report.hpp"

namespace scsctl::report {

/// How long one task took in an earlier run, from its first host's start to its last
/// host's end; in the order the tasks ran.
struct TaskTiming {
    std::string task_id;
    double seconds = 0;
};

struct LiveViewOptions {
    bool color = false;                 ///< the line dimmed (NO_COLOR honoured by the caller)
    std::function<int()> columns;       ///< the terminal's width now; unset: 80
    std::chrono::milliseconds tick{500}; ///< redraw interval; 0: no ticker thread (tests)
};

class LiveView : public RunReporter {
public:
    using Clock = std::chrono::steady_clock;

    LiveView(std::unique_ptr<RunReporter> inner, std::ostream& out, LiveViewOptions options);
    ~LiveView() override; ///< stops the ticker and clears the line
    LiveView(const LiveView&) = delete;
    LiveView& operator=(const LiveView&) = delete;

    void on_event(const model::RunEvent& event) override;
    core::Result<void> finish(int exit_code) override;

    /// The earlier run's task timings, for the ETA (empty: no ETA).
    void set_history(std::vector<TaskTiming> history);

    /// The status line at `now`, without escapes or truncation ("" when nothing runs).
    std::string status_line(Clock::time_point now) const;

private:
    void track(const model::RunEvent& event);
    std::optional<double> eta_seconds(Clock::time_point now) const;
    void clear_locked();
    void draw_locked();
    void ticker_loop();

    std::unique_ptr<RunReporter> m_inner;
    std::ostream& m_out;
    LiveViewOptions m_options;
    Clock::time_point m_started;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_drawn = false;   ///< a status line is on the screen
    bool m_ended = false;   ///< the recap was printed: draw no more

    std::string m_task;     ///< display name of the current task
    std::string m_task_id;
    Clock::time_point m_task_started;
    std::size_t m_hosts = 0;  ///< hosts the current task runs on
    std::set<std::string> m_done_hosts;   ///< hosts with the current task's result
    std::set<std::string> m_failed_hosts; ///< of those, failed or unreachable (not ignored)
    std::set<std::string> m_seen_ids; ///< tasks started in this run
    std::vector<TaskTiming> m_history;

    std::thread m_ticker;
};

/// "0:41", "12:03", "1:02:09".
std::string clock_text(double seconds);

} // namespace scsctl::report
