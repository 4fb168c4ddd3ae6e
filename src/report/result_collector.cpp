// Timing comes from arrival times: HostResult events arrive as each host finishes, while
// TaskDone verdicts arrive together after the round, so the end of a bar is the host's
// last HostResult and its start is that minus the verdict's duration.
#include "report/result_collector.hpp"

#include <algorithm>
#include <chrono>

namespace scsctl::report {

double system_clock_ms()
{
    return std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool ResultRecord::is_failure() const
{
    return (status == model::TaskStatus::failed || status == model::TaskStatus::unreachable) && !ignored && !rescued;
}

ResultCollector::ResultCollector(Clock clock) : m_clock(std::move(clock))
{
    m_run.start_ms = m_clock();
    m_run.end_ms = m_run.start_ms;
}

void ResultCollector::on_event(const model::RunEvent& event)
{
    const double now = m_clock();
    if (!m_started) { // the run starts with its first event, not with the reporter
        m_started = true;
        m_run.start_ms = now;
    }
    if (const auto* play = std::get_if<model::PlayStarted>(&event)) {
        m_run.plays.push_back(PlayRecord{play->name, play->hosts_pattern, now});
        m_handler_tasks.clear();
        m_pending.clear();
    } else if (const auto* task = std::get_if<model::TaskStarted>(&event)) {
        m_handler_tasks[task->name] = task->handler;
    } else if (const auto* result = std::get_if<model::HostResult>(&event)) {
        Pending& pending = m_pending[{result->host, result->task}];
        pending.last_result_ms = now;
        if (result->is_item && result->status == model::TaskStatus::failed) {
            std::string message;
            if (result->result.is_object() && result->result.contains("msg") && result->result["msg"].is_string()) {
                message = result->result["msg"].get<std::string>();
            }
            pending.item_errors.push_back("item=" + result->item_label + ": " + message);
        }
    } else if (const auto* done = std::get_if<model::TaskDone>(&event)) {
        task_done(*done, now);
    } else if (const auto* recap = std::get_if<model::Recap>(&event)) {
        m_run.has_recap = true;
        for (const auto& [host, c] : recap->hosts) {
            model::Recap::Counters& sum = m_run.recap.hosts[host];
            sum.ok += c.ok;
            sum.changed += c.changed;
            sum.unreachable += c.unreachable;
            sum.failed += c.failed;
            sum.skipped += c.skipped;
            sum.rescued += c.rescued;
            sum.ignored += c.ignored;
        }
    }
    m_run.end_ms = std::max(m_run.end_ms, now);
}

void ResultCollector::task_done(const model::TaskDone& done, double now)
{
    if (m_run.plays.empty()) { // events without a play: one unnamed play holds them
        m_run.plays.push_back(PlayRecord{"", "", m_run.start_ms});
    }
    ResultRecord record;
    record.play = m_run.plays.size() - 1;
    record.task = done.task;
    record.host = done.host;
    record.action = done.action;
    const auto handler = m_handler_tasks.find(done.task);
    record.handler = handler != m_handler_tasks.end() && handler->second;
    record.status = done.status;
    record.ignored = done.ignored;
    record.rescued = done.rescued;
    record.rc = done.rc;
    record.error = done.error;
    record.stdout_text = done.stdout_text;
    record.stderr_text = done.stderr_text;
    record.resumed_from = done.resumed_from;
    record.end_ms = now;
    const auto pending = m_pending.find({done.host, done.task});
    if (pending != m_pending.end()) {
        record.end_ms = pending->second.last_result_ms;
        record.item_errors = std::move(pending->second.item_errors);
        m_pending.erase(pending);
    }
    record.start_ms = std::max(m_run.plays[record.play].start_ms, record.end_ms - std::max(0.0, done.duration_ms));
    m_run.results.push_back(std::move(record));
}

void ResultCollector::finish()
{
    m_run.end_ms = std::max(m_run.end_ms, m_clock());
}

} // namespace scsctl::report
