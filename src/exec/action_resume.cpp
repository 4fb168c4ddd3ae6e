// The action runner's side of the run journal: the digest of a task's rendered
// arguments, skipping what an earlier run completed (--resume), and the TaskDone record
// each task×host ends with.
#include <set>

#include "exec/action_job.hpp"
#include "exec/task_digest.hpp"
#include "exec/task_result.hpp"

namespace scsctl::exec {

namespace {

/// Actions that set variables or facts for later tasks: they always run again under
/// --resume, since what they set lives only in the controller's memory.
bool always_runs_again(const std::string& action)
{
    static const std::set<std::string> k_actions = {"set_fact", "include_vars", "setup", "gather_facts",
                                                    "add_host", "group_by",     "set_stats"};
    return k_actions.contains(action) || action.ends_with("_facts");
}

std::string text_of(const core::Value& result, const char* key)
{
    if (!result.is_object() || !result.contains(key)) {
        return {};
    }
    const core::Value& value = result[key];
    return value.is_string() ? value.get<std::string>() : value.dump();
}

bool is_true(const core::Value& result, const char* key)
{
    return result.is_object() && result.contains(key) && result[key] == true;
}

} // namespace

std::string ActionRunner::rendered_args_digest(Job& job) const
{
    // Every item's arguments as this host renders them now; a template that fails to
    // render contributes its error, so it matches only an identical failure.
    core::Value rendered = core::Value::array();
    const model::Task& task = *job.task;
    for (std::size_t index = 0; index < job.items.size(); ++index) {
        if (job.looped) {
            job.overlay[task.loop->loop_var] = job.items[index];
            if (!task.loop->index_var.empty()) {
                job.overlay[task.loop->index_var] = index;
            }
        }
        auto args = m_engine.render(task.args, job.item_scope);
        if (args) {
            drop_omitted(*args);
            rendered.push_back(std::move(*args));
        } else {
            rendered.push_back(core::Value{{"error", args.error().message}});
        }
    }
    job.overlay = core::Value::object();
    return value_digest(core::Value{{"action", task.action}, {"args", std::move(rendered)}});
}

bool ActionRunner::resume_from_journal(const std::shared_ptr<Job>& job)
{
    const model::Task& task = *job->task;
    if (!m_settings.resume_done || always_runs_again(task.action)) {
        return false;
    }
    auto previous = m_settings.resume_done(job->task_id, job->host->host->name, job->args_digest);
    if (!previous) {
        return false;
    }
    core::Value registered = previous->result.is_object() ? previous->result : core::Value::object();
    if (!task.register_as.empty()) {
        job->host->host_vars[task.register_as] = registered;
    }
    job->resumed_from = previous->run;
    const core::Value shown{{"changed", false}, {"msg", "done in run " + std::to_string(previous->run)}};
    report(*job, shown, false);
    ActionOutcome outcome;
    outcome.status = model::TaskStatus::ok;
    outcome.resumed = true;
    outcome.record = record_of(*job, registered, model::TaskStatus::ok);
    outcome.record.changed = false;
    outcome.result = std::move(registered);
    job->done(std::move(outcome));
    return true;
}

model::TaskDone ActionRunner::record_of(const Job& job, const core::Value& result, model::TaskStatus status) const
{
    model::TaskDone record;
    record.host = job.host->host->name;
    record.task = display_name(*job.task);
    record.task_id = job.task_id;
    record.args_digest = job.args_digest;
    record.action = job.task->action;
    record.status = status;
    record.changed = is_true(result, "changed");
    if (result.is_object() && result.contains("rc") && result["rc"].is_number_integer()) {
        record.rc = result["rc"].get<int>();
    }
    record.duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - job.started).count();
    record.resumed_from = job.resumed_from;
    if (job.no_log) {
        record.result = redact(result);
        record.stdout_text = "censored";
        record.stderr_text = "censored";
    } else {
        record.result = result;
        record.stdout_text = text_of(result, "stdout");
        record.stderr_text = text_of(result, "stderr");
        record.diff_digest = job.diff_text.empty() ? std::string() : sha256_hex(job.diff_text);
    }
    if (status == model::TaskStatus::failed || status == model::TaskStatus::unreachable) {
        record.error = text_of(record.result, "msg");
    }
    return record;
}

} // namespace scsctl::exec
