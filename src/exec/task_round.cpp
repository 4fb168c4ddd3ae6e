// One task across the hosts of a batch that stand at it: forks and throttle windows,
// run_once, delegate_to, become; outcomes applied to counters, notifications and the
// hosts' cursors; handlers, meta tasks and dynamic includes.
#include "exec/play_state.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "exec/task_digest.hpp"
#include "exec/task_result.hpp"

namespace scsctl::exec {

namespace {

bool flag_of(const vars::Engine& engine, const vars::Scope& scope, const core::Value& raw, bool fallback)
{
    if (raw.is_null()) {
        return fallback;
    }
    auto rendered = engine.render(raw, scope);
    return rendered ? ansible_boolean(*rendered) : fallback;
}

std::string string_of(const vars::Engine& engine, const vars::Scope& scope, const core::Value& raw)
{
    auto rendered = engine.render(raw, scope);
    if (!rendered) {
        return {};
    }
    return rendered->is_string() ? rendered->get<std::string>() : rendered->dump();
}

} // namespace

const core::Value& PlaybookRunner::State::hostvars()
{
    if (hostvars_generation == generation) {
        return hostvars_cache;
    }
    hostvars_cache = core::Value::object();
    for (const auto& [name, runtime] : runtimes) {
        core::Value merged = runtime.host->vars;
        for (const auto& [key, value] : runtime.facts.items()) {
            merged["ansible_" + key] = value;
        }
        merged["ansible_facts"] = runtime.facts;
        core::combine_into(merged, runtime.host_vars);
        merged["inventory_hostname"] = name;
        merged["group_names"] = runtime.host->group_names;
        hostvars_cache[name] = std::move(merged);
    }
    hostvars_generation = generation;
    return hostvars_cache;
}

std::optional<StepTarget> PlaybookRunner::State::target_for(HostRuntime& host, const model::Task& task, std::string* error)
{
    TaskScope scope(play_vars, host, &task);
    StepTarget target;
    std::optional<transport::Become> become = host.connection.become;
    const core::Value& become_raw = task.become.is_null() ? play->become : task.become;
    if (!become_raw.is_null()) {
        if (flag_of(engine, scope, become_raw, false)) {
            transport::Become wanted = become.value_or(host.connection.become_settings);
            const core::Value& user_raw = task.become_user.is_null() ? play->become_user : task.become_user;
            if (!user_raw.is_null()) {
                wanted.user = string_of(engine, scope, user_raw);
            }
            become = wanted;
        } else {
            become.reset();
        }
    }
    target.become = become;
    if (task.delegate_to.empty()) {
        target.handle = host.handle;
        return target;
    }
    const std::string delegate = string_of(engine, scope, core::Value(task.delegate_to));
    if (auto found = runtimes.find(delegate); found != runtimes.end() && found->second.connection_ok) {
        target.handle = found->second.handle;
        return target;
    }
    if (auto cached = delegates.find(delegate); cached != delegates.end()) {
        target.handle = cached->second;
        return target;
    }
    core::Value vars = core::Value::object();
    if (delegate == "localhost" || delegate == "127.0.0.1") {
        vars["ansible_connection"] = "local";
    }
    auto connection = hooks.connection_for(delegate, vars);
    if (!connection) {
        *error = "delegate_to " + delegate + ": " + connection.error().message;
        return std::nullopt;
    }
    target.handle = pool.add(connection->endpoint);
    delegates.emplace(delegate, target.handle);
    return target;
}

void PlaybookRunner::State::apply_outcome(HostRuntime& host, const model::Task& task, const ActionOutcome& outcome,
                                          bool handler)
{
    auto& counters = host.counters;
    ++generation;
    bool rescued = false;
    switch (outcome.status) {
    case model::TaskStatus::ok:
    case model::TaskStatus::changed:
        ++counters.ok;
        break;
    case model::TaskStatus::skipped:
        ++counters.skipped;
        break;
    case model::TaskStatus::unreachable:
        if (outcome.ignored) {
            ++counters.ignored;
        } else {
            ++counters.unreachable;
            host.unreachable = true;
        }
        break;
    case model::TaskStatus::failed:
        if (outcome.ignored) {
            ++counters.ok;
            ++counters.ignored;
        } else if (handler) {
            ++counters.failed;
            host.failed = true;
        } else {
            const bool caught = cursors.at(host.host->name).fail(&rescued);
            if (rescued) {
                ++counters.rescued;
                // rescue tasks see what failed, as in Ansible
                host.host_vars["ansible_failed_result"] = outcome.result;
                host.host_vars["ansible_failed_task"] = core::Value{{"name", actions->display_name(task)}};
            } else {
                ++counters.failed;
            }
            host.failed = !caught;
        }
        break;
    }
    const bool changed = outcome.result.is_object() && outcome.result.value("changed", false) == true;
    const bool counted = outcome.status == model::TaskStatus::ok || outcome.status == model::TaskStatus::changed ||
                         (outcome.status == model::TaskStatus::failed && outcome.ignored);
    if (changed && counted) {
        // A task skipped by --resume counts ok, but the change it made in the earlier run
        // still notifies its handlers (which --resume skips in turn if they ran then).
        if (!outcome.resumed) {
            ++counters.changed;
        }
        TaskScope scope(play_vars, host, &task);
        for (const auto& name : task.notify) {
            host.notified.insert(string_of(engine, scope, core::Value(name)));
        }
    }
    record_outcome(host, task, outcome, rescued);
}

void PlaybookRunner::State::record_outcome(HostRuntime& host, const model::Task& task, const ActionOutcome& outcome,
                                           bool rescued)
{
    model::TaskDone record = outcome.record;
    if (record.task_id.empty()) { // failed before the action runner saw it (delegate_to)
        record.host = host.host->name;
        record.task = actions->display_name(task);
        record.task_id = task_id_of(task);
        record.action = task.action;
        record.status = outcome.status;
        record.ignored = outcome.ignored;
        record.result = outcome.result;
        record.error = outcome.result.is_object() ? outcome.result.value("msg", std::string()) : std::string();
    }
    record.rescued = rescued;
    sink(std::move(record));
}

void PlaybookRunner::State::run_task(const model::Task& task, const std::vector<std::string>& hosts, bool handler)
{
    std::vector<std::string> targets = hosts;
    TaskScope first_scope(play_vars, runtime(hosts.front()), &task);
    const bool once = flag_of(engine, first_scope, task.run_once.is_null() ? play->run_once : task.run_once, false);
    if (once) {
        targets.resize(1);
    }
    sink(model::TaskStarted{actions->display_name(task), task.where.str(), handler, task_id_of(task), targets.size()});
    std::size_t window = options.forks == 0 ? targets.size() : options.forks;
    const core::Value& throttle_raw = task.throttle.is_null() ? play->throttle : task.throttle;
    if (!throttle_raw.is_null()) {
        auto throttle = engine.render(throttle_raw, first_scope);
        if (throttle && throttle->is_number_integer() && throttle->get<long long>() > 0) {
            window = std::min<std::size_t>(window, static_cast<std::size_t>(throttle->get<long long>()));
        }
    }
    std::vector<std::optional<ActionOutcome>> outcomes(targets.size());
    std::size_t next = 0;
    std::size_t running = 0;
    std::size_t finished = 0;
    std::function<void()> launch = [&] {
        while (next < targets.size() && running < window) {
            const std::size_t index = next++;
            HostRuntime& host = runtime(targets[index]);
            std::string error;
            auto target = target_for(host, task, &error);
            ++running;
            auto done = [&, index](ActionOutcome outcome) {
                outcomes[index] = std::move(outcome);
                --running;
                ++finished;
                launch();
            };
            if (!target) {
                model::Task failing = task;
                ActionOutcome outcome;
                outcome.status = model::TaskStatus::failed;
                outcome.result = core::Value{{"failed", true}, {"msg", error}, {"changed", false}};
                sink(model::HostResult{host.host->name, actions->display_name(task), "", model::TaskStatus::failed,
                                       false, false, "", outcome.result, "", 0, task.action});
                done(std::move(outcome));
                continue;
            }
            actions->start(host, task, std::move(*target), done);
        }
    };
    launch();
    mailbox.run_until([&] { return finished == targets.size(); });
    for (std::size_t index = 0; index < targets.size(); ++index) {
        apply_outcome(runtime(targets[index]), task, *outcomes[index], handler);
    }
    if (once) {
        const ActionOutcome& shared = *outcomes.front();
        for (std::size_t index = 1; index < hosts.size(); ++index) {
            HostRuntime& other = runtime(hosts[index]);
            if (!task.register_as.empty()) {
                other.host_vars[task.register_as] = shared.result;
            }
            if (task.action == "set_fact" && shared.result.contains("ansible_facts")) {
                core::combine_into(other.host_vars, shared.result["ansible_facts"]);
            }
        }
    }
    const bool fatal_flag = flag_of(engine, first_scope,
                                    task.any_errors_fatal.is_null() ? play->any_errors_fatal : task.any_errors_fatal, false);
    if (fatal_flag) {
        for (const auto& outcome : outcomes) {
            if (outcome->status == model::TaskStatus::failed && !outcome->ignored) {
                end_play = true;
                end_playbook = true;
            }
        }
    }
}

void PlaybookRunner::State::flush_handlers(const std::vector<std::string>& hosts)
{
    std::vector<const model::Task*> handlers;
    for (const auto& handler : play->handlers) {
        handlers.push_back(&handler);
    }
    for (const auto& list : dynamic_handlers) {
        for (const auto& handler : *list) {
            handlers.push_back(&handler);
        }
    }
    // A listen topic wakes every handler that listens to it, so topics are consumed only
    // once all handlers had their turn; a handler's own name is consumed when it runs.
    std::map<std::string, std::set<std::string>> topics_heard; // host -> topics
    for (const model::Task* handler : handlers) {
        std::vector<std::string> notified;
        for (const auto& name : hosts) {
            HostRuntime& host = runtime(name);
            if (!host.active()) {
                continue;
            }
            bool hit = host.notified.erase(handler->name) > 0;
            if (!handler->role.empty()) {
                hit = host.notified.erase(handler->role + " : " + handler->name) > 0 || hit;
            }
            for (const auto& topic : handler->listen) {
                if (host.notified.contains(topic)) {
                    topics_heard[name].insert(topic);
                    hit = true;
                }
            }
            if (hit) {
                notified.push_back(name);
            }
        }
        if (!notified.empty()) {
            run_task(*handler, notified, true);
        }
    }
    for (const auto& [name, topics] : topics_heard) {
        for (const auto& topic : topics) {
            runtime(name).notified.erase(topic);
        }
    }
}

} // namespace scsctl::exec
