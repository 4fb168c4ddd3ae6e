// The journal as an event sink: turns the runner's TaskDone events (model/run_event.hpp)
// into task result rows, and the facts gathered by setup into host facts rows.
// Records into either run store (run_store.hpp). Depends on model and state (run_store).
#pragma once

#include "model/command_outcome.hpp"
#include "model/run_event.hpp"
#include "state/run_store.hpp"

namespace scsctl::state {

class JournalRecorder {
public:
    JournalRecorder(RunStore& journal, RunId run) : m_journal(journal), m_run(run) {}

    /// Records TaskDone events; ignores the others.
    void on_event(const model::RunEvent& event);
    /// From now on, a task that did not succeed (failed or unreachable, even when ignored
    /// or rescued) is recorded as "interrupted": SIGINT/SIGTERM cut it short.
    void mark_interrupted() { m_interrupted = true; }
    /// Records one host's outcome of `scsctl exec`, as task `task_id` named `command`.
    void on_command(const model::CommandOutcome& outcome, const std::string& task_id, const std::string& command);

private:
    RunStore& m_journal;
    RunId m_run;
    bool m_interrupted = false;
};

/// The journal's status word: "interrupted" for a task that did not succeed after an
/// interruption; else rescued and ignored win over the runner's status.
std::string journal_status(const model::TaskDone& done, bool interrupted = false);

} // namespace scsctl::state
