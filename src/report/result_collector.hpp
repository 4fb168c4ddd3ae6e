// What the file reports (JUnit, HTML) need from a run, gathered from the event stream:
// plays, one record per task×host (the TaskDone verdict) with its start and end on the
// wall clock, failed loop items, and the recap summed over playbooks. Depends on core
// and model.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/run_event.hpp"

namespace scsctl::report {

/// Milliseconds since the Unix epoch; tests pass a fake.
using Clock = std::function<double()>;
double system_clock_ms();

/// One task×host verdict as the file reports show it.
struct ResultRecord {
    std::size_t play = 0; ///< index into CollectedRun::plays
    std::string task;
    std::string host;
    std::string action;
    bool handler = false;
    model::TaskStatus status = model::TaskStatus::ok;
    bool ignored = false;
    bool rescued = false;
    std::optional<int> rc;
    std::string error;
    std::vector<std::string> item_errors; ///< "item=LABEL: msg" of each failed loop item
    std::string stdout_text;              ///< as the event carries it ("censored" for no_log)
    std::string stderr_text;
    long long resumed_from = 0;
    double start_ms = 0; ///< wall clock, ms since the epoch
    double end_ms = 0;

    /// Failed or unreachable, and neither ignored nor rescued: what fails a CI job.
    bool is_failure() const;
};

struct PlayRecord {
    std::string name;
    std::string hosts_pattern;
    double start_ms = 0;
};

struct CollectedRun {
    double start_ms = 0;
    double end_ms = 0;
    std::vector<PlayRecord> plays;
    std::vector<ResultRecord> results; ///< in the order the verdicts arrived
    model::Recap recap;                ///< summed over every recap event
    bool has_recap = false;
};

/// Feeds on the run's events; `finish` stamps the end. A verdict ends when the host's last
/// result for that task arrived (the runner sends verdicts after the whole round) and
/// started its duration before that.
class ResultCollector {
public:
    explicit ResultCollector(Clock clock = system_clock_ms);
    void on_event(const model::RunEvent& event);
    void finish();
    const CollectedRun& run() const { return m_run; }

private:
    void task_done(const model::TaskDone& done, double now);

    Clock m_clock;
    bool m_started = false;
    CollectedRun m_run;
    std::map<std::string, bool> m_handler_tasks; ///< task name -> started as a handler
    struct Pending {
        double last_result_ms = 0;
        std::vector<std::string> item_errors;
    };
    std::map<std::pair<std::string, std::string>, Pending> m_pending; ///< (host, task)
};

} // namespace scsctl::report
