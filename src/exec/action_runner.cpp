// The life of one task on one host, as continuations on the runner's thread:
// start → (item: when → attempt: render → probe → decide → steps → finish → post
// conditions → until) → register → report.
#include "exec/action_runner.hpp"

#include <algorithm>

#include "exec/action_job.hpp"
#include "exec/diff_text.hpp"
#include "exec/loop_items.hpp"
#include "exec/task_digest.hpp"
#include "exec/task_result.hpp"
#include "vars/python_format.hpp"

namespace scsctl::exec {

namespace {

core::Value failed_result(const std::string& message)
{
    return core::Value{{"failed", true}, {"msg", message}, {"changed", false}};
}

std::string located(const model::Task& task, const std::string& message)
{
    return task.where.empty() ? message : task.where.str() + ": " + message;
}

bool keyword_flag(const vars::Engine& engine, const vars::Scope& scope, const core::Value& raw, bool fallback)
{
    if (raw.is_null()) {
        return fallback;
    }
    auto rendered = engine.render(raw, scope);
    return rendered ? ansible_boolean(*rendered) : fallback;
}

int keyword_int(const vars::Engine& engine, const vars::Scope& scope, const core::Value& raw, int fallback)
{
    if (raw.is_null()) {
        return fallback;
    }
    auto rendered = engine.render(raw, scope);
    if (!rendered) {
        return fallback;
    }
    if (rendered->is_number()) {
        return rendered->get<int>();
    }
    if (rendered->is_string()) {
        try {
            return std::stoi(rendered->get<std::string>());
        } catch (...) {
            return fallback;
        }
    }
    return fallback;
}

} // namespace

std::string ActionRunner::display_name(const model::Task& task) const
{
    std::string name = task.name.empty() ? task.action : task.name;
    if (vars::Engine::is_template(name)) {
        // Ansible renders names with play-level variables only; keep the raw text on error.
        vars::ValueScope scope(*m_play.extra_vars);
        if (auto rendered = m_engine.render(core::Value(name), scope); rendered && rendered->is_string()) {
            name = rendered->get<std::string>();
        }
    }
    return task.role.empty() ? name : task.role + " : " + name;
}

void ActionRunner::start(HostRuntime& host, const model::Task& task, StepTarget target,
                         std::function<void(ActionOutcome)> done)
{
    auto job = std::make_shared<Job>(m_play, host, task);
    job->target = std::move(target);
    job->done = std::move(done);
    job->module = modules::find_module(task.action);
    job->task_id = task_id_of(task);
    const vars::Scope& scope = job->scope;
    job->no_log = keyword_flag(m_engine, scope, task.no_log, false);
    job->context.host = host.host->name;
    job->context.check_mode = keyword_flag(m_engine, scope, task.check_mode, m_settings.check);
    job->context.diff_mode = keyword_flag(m_engine, scope, task.diff, m_settings.diff);
    job->context.search_paths = task.search_paths;
    job->context.remote_user = host.connection.endpoint.target.user;
    const int timeout = keyword_int(m_engine, scope, task.timeout, 0);
    if (timeout > 0) {
        job->target.timeout = std::chrono::seconds(timeout);
    } else if (job->target.timeout.count() == 0) {
        job->target.timeout = m_settings.timeout;
    }
    if (!task.environment.is_null()) {
        auto environment = m_engine.render(task.environment, scope);
        if (!environment) {
            return fail_job(job, environment.error().message);
        }
        job->target.environment = std::move(*environment);
    }
    if (job->module == nullptr) {
        return fail_job(job, "no module named '" + task.action + "'");
    }
    if (!task.until.empty()) {
        job->retries = keyword_int(m_engine, scope, task.retries, 3);
        job->delay = std::chrono::seconds(keyword_int(m_engine, scope, task.delay, 5));
    }
    if (task.loop) {
        auto items = loop_items(*task.loop, m_engine, scope);
        if (!items) {
            return fail_job(job, items.error().message);
        }
        job->items = std::move(*items);
        job->looped = true;
    } else {
        job->items.emplace_back(nullptr);
    }
    auto* item_scope = &job->item_scope;
    const vars::Engine* engine = &m_engine;
    job->context.evaluate = [engine, item_scope](std::string_view expression) {
        return engine->evaluate(expression, *item_scope);
    };
    job->context.condition = [engine, item_scope](std::string_view expression) {
        return engine->condition(expression, *item_scope);
    };
    job->context.render_text = [engine, item_scope](std::string_view text, const core::Value& extra_vars) {
        const vars::OverlayScope with_extra(*item_scope, extra_vars);
        return engine->render_text(text, with_extra);
    };
    job->args_digest = rendered_args_digest(*job);
    if (resume_from_journal(job)) {
        return;
    }
    next_item(job);
}

void ActionRunner::next_item(const std::shared_ptr<Job>& job)
{
    if (job->index >= job->items.size() || job->unreachable) {
        return complete(job);
    }
    const model::Task& task = *job->task;
    if (job->looped) {
        job->overlay[task.loop->loop_var] = job->items[job->index];
        job->overlay["ansible_loop_var"] = task.loop->loop_var;
        if (!task.loop->index_var.empty()) {
            job->overlay[task.loop->index_var] = job->index;
        }
    }
    for (const auto& condition : task.when) {
        auto holds = m_engine.condition(condition, job->item_scope);
        if (!holds) {
            return item_done(job, failed_result(located(task, "the conditional check '" + condition +
                                                                   "' failed. The error was: " + holds.error().message)));
        }
        if (!*holds) {
            return item_done(job, skipped_result("Conditional result was False"));
        }
    }
    job->attempts = 0;
    attempt(job);
}

void ActionRunner::attempt(const std::shared_ptr<Job>& job)
{
    ++job->attempts;
    job->step_results.clear();
    auto args = m_engine.render(job->task->args, job->item_scope);
    if (!args) {
        return item_done(job, failed_result(located(*job->task, args.error().message)));
    }
    job->args = std::move(*args);
    drop_omitted(job->args);
    auto probe = job->module->probe(job->args, job->context);
    if (!probe) {
        return item_done(job, failed_result(probe.error().message));
    }
    if (probe->empty()) {
        return after_probe(job, modules::StepResult{});
    }
    m_steps.run(job->target, modules::CommandStep{std::move(*probe), "", {}}, [this, job](StepOutcome outcome) {
        if (outcome.unreachable) {
            job->unreachable = true;
            return item_done(job, core::Value{{"unreachable", true}, {"msg", outcome.result.error}, {"changed", false}});
        }
        after_probe(job, outcome.result);
    });
}

void ActionRunner::after_probe(const std::shared_ptr<Job>& job, const modules::StepResult& probe)
{
    auto decided = job->module->decide(job->args, probe, job->context);
    if (!decided) {
        return attempt_done(job, failed_result(decided.error().message));
    }
    job->decision = std::move(*decided);
    const modules::Decision& decision = job->decision;
    if (job->context.diff_mode && !decision.diffs.empty()) {
        job->diff_text = unified_diffs(decision.diffs);
    }
    if (decision.failed || decision.skipped) {
        core::Value result = decision.result.is_object() ? decision.result : core::Value::object();
        result["changed"] = false;
        result[decision.failed ? "failed" : "skipped"] = true;
        return attempt_done(job, std::move(result));
    }
    if (job->context.check_mode && decision.check_mode_unsupported) {
        // What ansible-core 2.14's command module returns in check mode (keys in its
        // order), so that `r.rc`, `r.stdout`, `r.failed` still resolve.
        core::Value result = core::Value::object();
        result["changed"] = false;
        result["stdout"] = "";
        result["stderr"] = "";
        result["rc"] = 0;
        if (decision.result.contains("cmd")) {
            result["cmd"] = decision.result["cmd"];
            result["start"] = nullptr;
            result["end"] = nullptr;
            result["delta"] = nullptr;
        }
        result["msg"] = "Command would have run if not in check mode";
        result["skipped"] = true;
        result["stdout_lines"] = core::Value::array();
        result["stderr_lines"] = core::Value::array();
        result["failed"] = false;
        return attempt_done(job, std::move(result));
    }
    if (job->context.check_mode || decision.steps.empty()) {
        return attempt_done(job, job->module->finish(decision, {}, job->context));
    }
    run_steps(job, 0);
}

void ActionRunner::run_steps(const std::shared_ptr<Job>& job, std::size_t index)
{
    const auto& steps = job->decision.steps;
    const bool last_failed = !job->step_results.empty() &&
                             (job->step_results.back().rc != 0 || !job->step_results.back().error.empty());
    if (index >= steps.size() || last_failed) {
        return attempt_done(job, job->module->finish(job->decision, job->step_results, job->context));
    }
    m_steps.run(job->target, steps[index], [this, job, index](StepOutcome outcome) {
        if (outcome.unreachable) {
            job->unreachable = true;
            return item_done(job, core::Value{{"unreachable", true}, {"msg", outcome.result.error}, {"changed", false}});
        }
        job->step_results.push_back(std::move(outcome.result));
        run_steps(job, index + 1);
    });
}

core::Result<bool> ActionRunner::post_conditions(Job& job, core::Value& result) const
{
    const model::Task& task = *job.task;
    if (!task.register_as.empty()) {
        job.overlay[task.register_as] = result;
    }
    auto all_hold = [&](const std::vector<std::string>& conditions) -> core::Result<bool> {
        for (const auto& condition : conditions) {
            if (!SCSCTL_TRY(m_engine.condition(condition, job.item_scope))) {
                return false;
            }
        }
        return true;
    };
    // As ansible-core 2.14's TaskExecutor: failed (from rc when missing), attempts and
    // changed are set first; changed_when/failed_when are not evaluated on skipped results.
    if (result.is_object()) {
        if (!result.contains("failed")) {
            const auto rc = result.find("rc");
            result["failed"] = rc != result.end() && rc->is_number_integer() && rc->get<long long>() != 0;
        }
        if (!task.until.empty()) {
            result["attempts"] = job.attempts;
        }
        if (!result.contains("changed")) {
            result["changed"] = false;
        }
    }
    const bool skipped = result.is_object() && result.value("skipped", false) == true;
    if (!task.changed_when.empty() && !skipped) {
        result["changed"] = SCSCTL_TRY(all_hold(task.changed_when));
    }
    if (!task.failed_when.empty() && !skipped) {
        const bool failed = SCSCTL_TRY(all_hold(task.failed_when));
        result["failed_when_result"] = failed;
        result["failed"] = failed;
    }
    if (!task.register_as.empty()) {
        job.overlay[task.register_as] = result;
    }
    if (task.until.empty()) {
        return true;
    }
    return all_hold(task.until);
}

void ActionRunner::attempt_done(const std::shared_ptr<Job>& job, core::Value result)
{
    auto until_met = post_conditions(*job, result);
    if (!until_met) {
        return item_done(job, failed_result(located(*job->task, until_met.error().message)));
    }
    if (job->task->until.empty()) {
        return item_done(job, std::move(result));
    }
    if (*until_met) {
        return item_done(job, std::move(result));
    }
    // ansible-core 2.14 runs retries + 1 attempts (1 for retries <= 0), announcing each
    // retry with the attempts left, and when all fail reports attempts = retries.
    const int attempts_allowed = job->retries <= 0 ? 1 : job->retries + 1;
    if (job->attempts >= attempts_allowed) {
        result["attempts"] = attempts_allowed > 1 ? attempts_allowed - 1 : job->attempts;
        result["failed"] = true;
        return item_done(job, std::move(result));
    }
    model::TaskRetrying retrying{job->host->host->name, display_name(*job->task), attempts_allowed - job->attempts,
                                 job->no_log ? redact(result) : result};
    m_sink(std::move(retrying));
    m_mailbox.post_after(job->delay, [this, job] { attempt(job); });
}

void ActionRunner::item_done(const std::shared_ptr<Job>& job, core::Value result)
{
    if (result.is_object() && !result.contains("failed") && !result.contains("skipped") &&
        !result.contains("unreachable")) {
        result["failed"] = false; // Ansible's registered results always say whether they failed
    }
    if (job->looped) {
        const model::Loop& loop = *job->task->loop;
        result[loop.loop_var] = job->items[job->index];
        result["ansible_loop_var"] = loop.loop_var;
        if (!loop.index_var.empty()) {
            result[loop.index_var] = job->index;
        }
        report(*job, result, true);
    }
    if (job->task->action == "set_fact" && result.contains("ansible_facts")) {
        core::combine_into(job->host->host_vars, result["ansible_facts"]);
    }
    job->item_results.push_back(std::move(result));
    ++job->index;
    next_item(job);
}

void ActionRunner::complete(const std::shared_ptr<Job>& job)
{
    const model::Task& task = *job->task;
    core::Value final_result;
    if (!job->looped) {
        final_result = job->item_results.empty() ? core::Value::object() : job->item_results.front();
    } else if (job->item_results.empty()) {
        final_result = core::Value{{"changed", false}, {"skipped", true}, {"skipped_reason", "No items in the list"},
                                   {"results", core::Value::array()}};
    } else {
        final_result = aggregate_loop(job->item_results);
    }
    HostRuntime& host = *job->host;
    if (task.action != "set_fact" && final_result.contains("ansible_facts") &&
        final_result["ansible_facts"].is_object()) {
        // ansible_facts holds setup's names with their ansible_ prefix; facts are kept without it.
        for (const auto& [name, value] : final_result["ansible_facts"].items()) {
            host.facts[name.starts_with("ansible_") ? name.substr(8) : name] = value;
        }
    }
    if (!task.register_as.empty()) {
        host.host_vars[task.register_as] = final_result;
    }
    ActionOutcome outcome;
    outcome.status = status_of(final_result);
    const vars::Scope& scope = job->scope;
    if (outcome.status == model::TaskStatus::failed) {
        outcome.ignored = keyword_flag(m_engine, scope, task.ignore_errors, false);
    } else if (outcome.status == model::TaskStatus::unreachable) {
        outcome.ignored = keyword_flag(m_engine, scope, task.ignore_unreachable, false);
    }
    if (!job->looped || outcome.status == model::TaskStatus::failed || outcome.status == model::TaskStatus::skipped) {
        report(*job, final_result, false);
    }
    outcome.record = record_of(*job, final_result, outcome.status);
    outcome.record.ignored = outcome.ignored;
    outcome.result = std::move(final_result);
    job->done(std::move(outcome));
}

void ActionRunner::fail_job(const std::shared_ptr<Job>& job, const std::string& message)
{
    job->items.assign(1, nullptr);
    job->looped = false;
    job->index = 1;
    job->item_results.assign(1, failed_result(located(*job->task, message)));
    complete(job);
}

void ActionRunner::report(const Job& job, const core::Value& result, bool is_item) const
{
    model::HostResult event;
    event.host = job.host->host->name;
    event.task = display_name(*job.task);
    event.action = job.task->action;
    event.status = status_of(result);
    event.is_item = is_item;
    if (is_item) {
        const model::Loop& loop = *job.task->loop;
        const core::Value& item = job.items[std::min(job.index, job.items.size() - 1)];
        event.item_label = vars::python_str(item);
        if (job.no_log) {
            event.item_label = "None"; // Ansible hides the item of a no_log loop too
        } else if (!loop.label.empty()) {
            auto label = m_engine.render(core::Value(loop.label), job.item_scope);
            if (label) {
                event.item_label = vars::python_str(*label);
            }
        }
    }
    event.result = job.no_log ? redact(result) : result;
    event.diff = job.no_log ? std::string() : job.diff_text;
    event.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - job.started).count();
    if (event.status == model::TaskStatus::failed) {
        const vars::Scope& scope = job.scope;
        event.ignored = keyword_flag(m_engine, scope, job.task->ignore_errors, false);
    }
    m_sink(std::move(event));
}

} // namespace scsctl::exec
