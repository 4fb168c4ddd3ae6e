// Events to rows. setup's facts go to host_facts (replacing the host's earlier facts in
// this run) and are left out of the stored result, which would hold them twice.
#include "state/journal_recorder.hpp"

namespace scsctl::state {

std::string journal_status(const model::TaskDone& done, bool interrupted)
{
    const bool succeeded = done.status != model::TaskStatus::failed && done.status != model::TaskStatus::unreachable;
    if (interrupted && !succeeded) {
        return k_run_interrupted;
    }
    if (done.rescued) {
        return "rescued";
    }
    if (done.ignored) {
        return "ignored";
    }
    return model::task_status_name(done.status);
}

void JournalRecorder::on_event(const model::RunEvent& event)
{
    const auto* done = std::get_if<model::TaskDone>(&event);
    if (done == nullptr) {
        return;
    }
    TaskRow row;
    row.run = m_run;
    row.task_id = done->task_id;
    row.task_name = done->task;
    row.action = done->action;
    row.host = done->host;
    row.status = journal_status(*done, m_interrupted);
    row.changed = done->changed;
    if (done->rc) {
        row.rc = *done->rc;
    }
    row.duration_ms = done->duration_ms;
    row.finished_at = now_seconds();
    row.error = done->error;
    row.stdout_text = done->stdout_text;
    row.stderr_text = done->stderr_text;
    row.diff_digest = done->diff_digest;
    row.args_digest = done->args_digest;
    row.result = done->result;
    if (done->resumed_from != 0) {
        row.resumed_from = done->resumed_from;
    }
    const bool gathers = done->action == "setup" || done->action == "gather_facts";
    if (gathers && row.result.is_object() && row.result.contains("ansible_facts") &&
        row.result["ansible_facts"].is_object()) {
        m_journal.record(FactsRow{m_run, done->host, row.result["ansible_facts"]});
        row.result.erase("ansible_facts");
    }
    m_journal.record(std::move(row));
}

void JournalRecorder::on_command(const model::CommandOutcome& outcome, const std::string& task_id,
                                 const std::string& command)
{
    TaskRow row;
    row.run = m_run;
    row.task_id = task_id;
    row.task_name = command;
    row.action = "exec";
    row.host = outcome.host;
    row.status = model::status_name(outcome.status);
    row.changed = outcome.status == model::HostStatus::ok;
    if (outcome.rc >= 0) {
        row.rc = outcome.rc;
    }
    row.duration_ms = outcome.duration_ms;
    row.finished_at = now_seconds();
    row.error = outcome.error;
    row.stdout_text = outcome.stdout_text;
    row.stderr_text = outcome.stderr_text;
    m_journal.record(std::move(row));
}

} // namespace scsctl::state
