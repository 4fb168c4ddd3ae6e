// Test helpers for the file reporters: a fake clock and short constructors for the events
// a run sends. Used by the report tests only.
#pragma once

#include <string>

#include "model/run_event.hpp"
#include "report/result_collector.hpp"

namespace scsctl::report::testing {

/// A clock that only moves when told: `at(ms)` sets it (ms since the epoch).
struct FakeClock {
    double now = 1'700'000'000'000.0; // 2023-11-14T22:13:20Z
    Clock clock()
    {
        return [this] { return now; };
    }
};

inline model::TaskStarted task_started(const std::string& name, const std::string& where, bool handler)
{
    model::TaskStarted task;
    task.name = name;
    task.where = where;
    task.handler = handler;
    return task;
}

inline model::HostResult host_result(const std::string& host, const std::string& task, model::TaskStatus status)
{
    model::HostResult result;
    result.host = host;
    result.task = task;
    result.status = status;
    result.action = "shell";
    return result;
}

inline model::TaskDone task_done(const std::string& host, const std::string& task, model::TaskStatus status,
                                 double duration_ms)
{
    model::TaskDone done;
    done.host = host;
    done.task = task;
    done.action = "shell";
    done.status = status;
    done.duration_ms = duration_ms;
    if (status == model::TaskStatus::failed || status == model::TaskStatus::unreachable) {
        done.error = "boom on " + host;
    }
    return done;
}

/// Sends `event` to `sink` at `at_ms` after the clock's start.
template <typename Sink>
void send(Sink& sink, FakeClock& clock, double at_ms, const model::RunEvent& event)
{
    clock.now = 1'700'000'000'000.0 + at_ms;
    sink.on_event(event);
}

} // namespace scsctl::report::testing
