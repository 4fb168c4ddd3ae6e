// meta tasks (flush_handlers, end_play, end_host, end_batch, noop, clear_facts,
// clear_host_errors, reset_connection, refresh_inventory) and dynamic includes
// (include_tasks, include_role), which act on the run rather than on a host.
#include "exec/play_state.hpp"

#include <filesystem>

#include "exec/loop_items.hpp"
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

namespace {

/// Adds `layer` to every task of `tasks` (blocks included), as the loop variable of an
/// include is an include parameter of everything it brings.
void add_layer(std::vector<model::Task>& tasks, const std::shared_ptr<const model::VarLayer>& layer)
{
    for (auto& task : tasks) {
        task.vars.push_back(layer);
        add_layer(task.block, layer);
        add_layer(task.rescue, layer);
        add_layer(task.always, layer);
    }
}

std::string include_path(const model::Task& task, const std::string& name, const std::string& playbook_dir)
{
    std::filesystem::path path(name);
    if (path.is_relative() && !task.file.empty()) {
        auto beside = std::filesystem::path(task.file).parent_path() / path;
        path = std::filesystem::exists(beside) ? beside : std::filesystem::path(playbook_dir) / path;
    }
    return path.string();
}

} // namespace

/// One include on one host for one loop item (or none): checks `when`, renders the
/// arguments, loads the file or role. Returns the loaded tasks, or nullptr when skipped
/// or failed (reported here).
std::shared_ptr<std::vector<model::Task>> PlaybookRunner::State::load_include(const model::Task& task,
                                                                               HostRuntime& host,
                                                                               const core::Value& overlay)
{
    const std::string& name = host.host->name;
    TaskScope base(play_vars, host, &task);
    vars::OverlayScope scope(base, overlay);
    model::HostResult event{name, actions->display_name(task), "", model::TaskStatus::ok, false, false, "",
                            core::Value::object(), "", 0, task.action};
    auto fail = [&](const std::string& message) {
        event.status = model::TaskStatus::failed;
        event.result = core::Value{{"failed", true}, {"msg", message}};
        sink(event);
        apply_outcome(host, task, ActionOutcome{model::TaskStatus::failed, false, event.result}, false);
        return nullptr;
    };
    for (const auto& condition : task.when) {
        auto holds = engine.condition(condition, scope);
        if (!holds) {
            return fail(holds.error().message);
        }
        if (!*holds) {
            event.status = model::TaskStatus::skipped;
            event.result = skipped_result("Conditional result was False");
            sink(event);
            ++host.counters.skipped;
            return nullptr;
        }
    }
    auto rendered = engine.render(task.args, scope);
    if (!rendered) {
        return fail(rendered.error().message);
    }
    model::Task include = task;
    include.args = *rendered;
    const core::Value& args = include.args;
    std::string what = args.value("file", args.value("_raw_params", args.value("name", std::string())));
    auto tasks = std::make_shared<std::vector<model::Task>>();
    if (task.kind == model::TaskKind::include_role) {
        auto loaded = hooks.load_role(what, include, applied_roles);
        if (!loaded) {
            return fail(loaded.error().str());
        }
        *tasks = std::move(loaded->first);
        dynamic_handlers.push_back(std::make_shared<const std::vector<model::Task>>(std::move(loaded->second)));
    } else {
        what = include_path(task, what, play_vars.playbook_dir);
        auto loaded = hooks.load_tasks(what, include);
        if (!loaded) {
            return fail(loaded.error().str());
        }
        *tasks = std::move(*loaded);
        ++host.counters.ok; // Ansible counts an include_tasks as ok (not include_role)
    }
    if (!overlay.empty()) {
        auto layer = std::make_shared<model::VarLayer>();
        layer->tier = model::VarTier::include_params;
        layer->origin = "loop of " + task.where.str();
        layer->vars = overlay;
        add_layer(*tasks, layer);
    }
    event.result = core::Value{{"included", what}};
    sink(event);
    return tasks;
}

void PlaybookRunner::State::run_include(const model::Task& task, const std::vector<std::string>& hosts)
{
    for (const auto& name : hosts) {
        HostRuntime& host = runtime(name);
        std::vector<core::Value> overlays;
        if (task.loop) {
            TaskScope scope(play_vars, host, &task);
            auto items = loop_items(*task.loop, engine, scope);
            if (!items) {
                model::HostResult event{name, actions->display_name(task), "", model::TaskStatus::failed, false, false,
                                        "", core::Value{{"failed", true}, {"msg", items.error().message}}, "", 0,
                                        task.action};
                sink(event);
                apply_outcome(host, task, ActionOutcome{model::TaskStatus::failed, false, event.result}, false);
                continue;
            }
            for (std::size_t index = 0; index < items->size(); ++index) {
                core::Value overlay{{task.loop->loop_var, (*items)[index]}, {"ansible_loop_var", task.loop->loop_var}};
                if (!task.loop->index_var.empty()) {
                    overlay[task.loop->index_var] = index;
                }
                overlays.push_back(std::move(overlay));
            }
        } else {
            overlays.push_back(core::Value::object());
        }
        std::vector<std::shared_ptr<std::vector<model::Task>>> loaded;
        for (const auto& overlay : overlays) {
            if (auto tasks = load_include(task, host, overlay)) {
                loaded.push_back(std::move(tasks));
            }
        }
        // The cursor is a stack: push the last item's tasks first so the first runs first.
        for (auto it = loaded.rbegin(); it != loaded.rend(); ++it) {
            cursors.at(name).push(std::shared_ptr<const std::vector<model::Task>>(std::move(*it)));
        }
    }
}

} // namespace scsctl::exec
