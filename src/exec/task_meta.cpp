// meta tasks (flush_handlers, end_play, end_host, end_batch, noop, clear_facts,
// clear_host_errors, reset_connection, refresh_inventory) and dynamic includes
// (include_tasks, include_role), which act on the run rather than on a host.
#include "exec/play_state.hpp"

#include <filesystem>

#include "exec/task_result.hpp"

namespace scsctl::exec {

namespace {

std::string meta_action(const model::Task& task)
{
    if (task.args.is_object()) {
        for (const char* key : {"_raw_params", "free_form"}) {
            if (task.args.contains(key) && task.args[key].is_string()) {
                return task.args[key].get<std::string>();
            }
        }
    }
    return task.args.is_string() ? task.args.get<std::string>() : std::string();
}

} // namespace

void PlaybookRunner::State::run_meta(const model::Task& task, const std::vector<std::string>& hosts,
                                     const std::vector<std::string>& batch)
{
    const std::string action = meta_action(task);
    std::vector<std::string> selected;
    for (const auto& name : hosts) {
        HostRuntime& host = runtime(name);
        TaskScope scope(play_vars, host, &task);
        bool run = true;
        for (const auto& condition : task.when) {
            auto holds = engine.condition(condition, scope);
            run = run && holds && *holds;
        }
        if (run) {
            selected.push_back(name);
        }
    }
    if (action == "flush_handlers") {
        flush_handlers(batch);
    } else if (action == "end_play") {
        if (!selected.empty()) {
            end_play = true;
        }
    } else if (action == "end_host") {
        for (const auto& name : selected) {
            runtime(name).ended = true;
        }
    } else if (action == "end_batch") {
        for (const auto& name : selected.empty() ? std::vector<std::string>{} : batch) {
            runtime(name).ended = true;
        }
    } else if (action == "clear_facts") {
        for (const auto& name : selected) {
            runtime(name).facts = core::Value::object();
        }
    } else if (action == "clear_host_errors") {
        for (auto& entry : runtimes) {
            entry.second.failed = false;
        }
    } else if (action == "reset_connection") {
        for (const auto& name : selected) {
            pool.close(runtime(name).handle);
        }
    }
    ++generation;
}

void PlaybookRunner::State::run_include(const model::Task& task, const std::vector<std::string>& hosts)
{
    const bool role = task.kind == model::TaskKind::include_role;
    for (const auto& name : hosts) {
        HostRuntime& host = runtime(name);
        TaskScope scope(play_vars, host, &task);
        bool run = true;
        std::string problem;
        for (const auto& condition : task.when) {
            auto holds = engine.condition(condition, scope);
            if (!holds) {
                problem = holds.error().message;
            }
            run = run && holds && *holds;
        }
        model::HostResult event{name, actions->display_name(task), "", model::TaskStatus::ok, false, false, "",
                                core::Value::object(), "", 0, task.action};
        auto rendered = problem.empty() ? engine.render(task.args, scope) : core::Result<core::Value>(core::Value());
        if (!problem.empty() || !rendered) {
            event.status = model::TaskStatus::failed;
            event.result = core::Value{{"failed", true}, {"msg", problem.empty() ? rendered.error().message : problem}};
            sink(event);
            apply_outcome(host, task, ActionOutcome{model::TaskStatus::failed, false, event.result}, false);
            continue;
        }
        if (!run) {
            event.status = model::TaskStatus::skipped;
            event.result = skipped_result("Conditional result was False", "");
            sink(event);
            ++host.counters.skipped;
            continue;
        }
        model::Task include = task;
        include.args = *rendered;
        const core::Value& args = include.args;
        std::string what = args.value("file", args.value("_raw_params", args.value("name", std::string())));
        if (role) {
            auto loaded = hooks.load_role(what, include);
            if (loaded) {
                cursors.at(name).push(std::make_shared<const std::vector<model::Task>>(std::move(loaded->first)));
                dynamic_handlers.push_back(std::make_shared<const std::vector<model::Task>>(std::move(loaded->second)));
            } else {
                problem = loaded.error().str();
            }
        } else {
            std::filesystem::path path(what);
            if (path.is_relative() && !task.file.empty()) {
                auto beside = std::filesystem::path(task.file).parent_path() / path;
                path = std::filesystem::exists(beside) ? beside : std::filesystem::path(play_vars.playbook_dir) / path;
            }
            auto loaded = hooks.load_tasks(path.string(), include);
            if (loaded) {
                cursors.at(name).push(std::make_shared<const std::vector<model::Task>>(std::move(*loaded)));
                what = path.string();
            } else {
                problem = loaded.error().str();
            }
        }
        if (!problem.empty()) {
            event.status = model::TaskStatus::failed;
            event.result = core::Value{{"failed", true}, {"msg", problem}};
            sink(event);
            apply_outcome(host, task, ActionOutcome{model::TaskStatus::failed, false, event.result}, false);
            continue;
        }
        event.result = core::Value{{"included", what}};
        sink(event);
    }
}

} // namespace scsctl::exec
