// A failed command's message is its error line (exit code, signal, timeout), as the text
// report prints it.
#include "report/adhoc_events.hpp"

namespace scsctl::report {

namespace {

model::TaskStatus status_of(model::HostStatus status)
{
    switch (status) {
    case model::HostStatus::ok:
        return model::TaskStatus::ok;
    case model::HostStatus::failed:
        return model::TaskStatus::failed;
    case model::HostStatus::unreachable:
        return model::TaskStatus::unreachable;
    }
    return model::TaskStatus::failed;
}

} // namespace

std::vector<model::RunEvent> adhoc_start_events(const std::string& pattern, const std::string& command)
{
    model::TaskStarted task;
    task.name = command;
    return {model::PlayStarted{"exec " + pattern, pattern, false}, std::move(task)};
}

std::vector<model::RunEvent> adhoc_outcome_events(const model::CommandOutcome& outcome, const std::string& command)
{
    const model::TaskStatus status = status_of(outcome.status);
    core::Value result{{"changed", false}, {"stdout", outcome.stdout_text}, {"stderr", outcome.stderr_text}};
    if (outcome.rc >= 0) {
        result["rc"] = outcome.rc;
    }
    if (!outcome.error.empty()) {
        result["msg"] = outcome.error;
    }
    model::HostResult host_result;
    host_result.host = outcome.host;
    host_result.task = command;
    host_result.status = status;
    host_result.result = result;
    host_result.duration_ms = outcome.duration_ms;
    host_result.action = "exec";

    model::TaskDone done;
    done.host = outcome.host;
    done.task = command;
    done.action = "exec";
    done.status = status;
    if (outcome.status != model::HostStatus::unreachable && outcome.rc >= 0) {
        done.rc = outcome.rc;
    }
    done.duration_ms = outcome.duration_ms;
    done.error = outcome.error;
    done.stdout_text = outcome.stdout_text;
    done.stderr_text = outcome.stderr_text;
    done.result = std::move(result);
    return {std::move(host_result), std::move(done)};
}

model::Recap adhoc_recap(const std::vector<model::CommandOutcome>& outcomes)
{
    model::Recap recap;
    for (const auto& outcome : outcomes) {
        model::Recap::Counters& counters = recap.hosts[outcome.host];
        switch (outcome.status) {
        case model::HostStatus::ok:
            ++counters.ok;
            break;
        case model::HostStatus::failed:
            ++counters.failed;
            break;
        case model::HostStatus::unreachable:
            ++counters.unreachable;
            break;
        }
    }
    return recap;
}

} // namespace scsctl::report
