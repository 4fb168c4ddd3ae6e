// The journal as an event sink: turns the runner's TaskDone events (model/run_event.hpp)
// into task result rows, and the facts gathered by setup into host facts rows.
// Depends on model and state (journal).
#pragma once

#include "model/command_outcome.hpp"
#include "model/run_event.hpp"
#include "state/journal.hpp"

namespace scsctl::state {

class JournalRecorder {
public:
    JournalRecorder(Journal& journal, RunId run) : m_journal(journal), m_run(run) {}

    /// Records TaskDone events; ignores the others.
    void on_event(const model::RunEvent& event);
    /// Records one host's outcome of `scsctl exec`, as task `task_id` named `command`.
    void on_command(const model::CommandOutcome& outcome, const std::string& task_id, const std::string& command);

private:
    Journal& m_journal;
    RunId m_run;
};

/// The journal's status word: rescued and ignored win over the runner's status.
std::string journal_status(const model::TaskDone& done);

} // namespace scsctl::state
