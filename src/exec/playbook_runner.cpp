// Plays and batches: which hosts play, in which batches, and the linear strategy's
// rounds (every host at the same task; hosts in rescue or an include catch up in their
// own rounds) or the free strategy (each host runs ahead on its own).
#include "exec/playbook_runner.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "exec/batches.hpp"
#include "exec/connection_vars.hpp"
#include "exec/play_state.hpp"
#include "exec/task_result.hpp"

namespace scsctl::exec {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

model::Task meta_task(const std::string& action, const model::Play& play)
{
    model::Task task;
    task.action = "meta";
    task.args = core::Value{{"_raw_params", action}};
    task.tags = {"always"};
    task.file = play.file;
    return task;
}

model::Task gather_facts_task(const model::Play& play)
{
    model::Task task;
    task.action = "setup";
    task.name = "Gathering Facts";
    task.tags = {"always"};
    task.where = play.where;
    task.file = play.file;
    return task;
}

} // namespace

bool tags_select(const std::vector<std::string>& task_tags, const std::vector<std::string>& only,
                 const std::vector<std::string>& skip)
{
    const bool always = contains(task_tags, "always");
    const bool never = contains(task_tags, "never");
    auto matches = [&](const std::string& tag) {
        return contains(task_tags, tag) || (tag == "tagged" && !task_tags.empty()) ||
               (tag == "untagged" && task_tags.empty());
    };
    for (const auto& tag : skip) {
        // --skip-tags all skips everything but `always` (unless `always` is skipped too).
        if ((tag == "all" && !always) || matches(tag)) {
            return false;
        }
    }
    // `never` tasks run only when one of their own tags is asked for by name.
    if (never) {
        return std::any_of(only.begin(), only.end(), [&](const std::string& tag) {
            return tag != "never" && tag != "all" && tag != "tagged" && tag != "untagged" && contains(task_tags, tag);
        }) || contains(only, "never");
    }
    if (only.empty() || contains(only, "all") || always) {
        return true;
    }
    return std::any_of(only.begin(), only.end(), matches);
}

PlaybookRunner::PlaybookRunner(transport::Pool& pool, std::vector<RunHost> hosts, core::Value groups,
                               RunOptions options, RunHooks hooks, EventSink sink)
    : m_state(std::make_unique<State>(pool, std::move(options), std::move(hooks), std::move(sink)))
{
    State& state = *m_state;
    state.inventory_hosts = std::move(hosts);
    state.groups = std::move(groups);
    for (const auto& host : state.inventory_hosts) {
        HostRuntime runtime;
        runtime.host = &host;
        auto vars = templated_connection_vars(host.name, host.vars, state.options.extra_vars);
        auto connection = vars ? state.hooks.connection_for(host.name, *vars)
                               : core::Result<HostConnection>(core::fail(vars.error()));
        if (connection) {
            runtime.connection = std::move(*connection);
            runtime.handle = pool.add(runtime.connection.endpoint);
            runtime.connection_ok = true;
        } else {
            runtime.connection_error = connection.error().message;
        }
        state.runtimes.emplace(host.name, std::move(runtime));
    }
}

PlaybookRunner::~PlaybookRunner() = default;

namespace {

using State = PlaybookRunner::State;

/// The next task `host` should run, skipping what tags and --start-at-task exclude.
} // namespace

const model::Task* PlaybookRunner::State::next_runnable(const std::string& host)
{
    State& state = *this;
    HostCursor& cursor = state.cursors.at(host);
    while (const model::Task* task = cursor.next()) {
        if (!tags_select(task->tags, state.options.tags, state.options.skip_tags)) {
            continue;
        }
        if (!state.options.start_at_task.empty() && !state.started_hosts.contains(host)) {
            const bool named = state.actions->display_name(*task) == state.options.start_at_task ||
                               task->name == state.options.start_at_task;
            if (task->action == "meta" || task->action == "setup" || !named) {
                continue;
            }
            state.started_hosts.insert(host);
        }
        return task;
    }
    if (cursor.failed()) {
        state.runtime(host).failed = true;
    }
    return nullptr;
}

namespace {

void run_round(State& state, const model::Task& task, const std::vector<std::string>& hosts,
               const std::vector<std::string>& batch)
{
    if (task.action == "meta") {
        state.run_meta(task, hosts, batch);
    } else if (task.kind == model::TaskKind::include_tasks || task.kind == model::TaskKind::include_role) {
        state.run_include(task, hosts);
    } else {
        state.run_task(task, hosts, false);
    }
}

/// How many hosts of `batch` are out of the play (failed or unreachable).
std::size_t hosts_out(State& state, const std::vector<std::string>& batch)
{
    return static_cast<std::size_t>(std::count_if(batch.begin(), batch.end(), [&](const auto& host) {
        return state.runtime(host).failed || state.runtime(host).unreachable;
    }));
}

bool above_max_fail(std::size_t failed, std::size_t batch_size, double max_fail_percentage)
{
    return max_fail_percentage >= 0 &&
           static_cast<double>(failed) * 100.0 / static_cast<double>(batch_size) > max_fail_percentage;
}

void run_batch(State& state, const std::vector<std::string>& batch, double max_fail_percentage)
{
    state.start_batch(batch);
    std::map<std::string, const model::Task*> current;
    while (!state.end_play) {
        for (const auto& host : batch) {
            if (state.runtime(host).active() && current[host] == nullptr) {
                current[host] = state.next_runnable(host);
            }
        }
        // Lockstep: the task of the host that stands earliest (see HostCursor::position),
        // run on every host standing at that same task.
        const model::Task* task = nullptr;
        std::pair<std::size_t, int> earliest{static_cast<std::size_t>(-1), 99};
        for (const auto& host : batch) {
            if (current[host] != nullptr && state.runtime(host).active()) {
                const auto position = state.cursors.at(host).position();
                if (task == nullptr || position < earliest) {
                    task = current[host];
                    earliest = position;
                }
            }
        }
        std::vector<std::string> hosts;
        for (const auto& host : batch) {
            if (task != nullptr && current[host] == task && state.runtime(host).active()) {
                hosts.push_back(host);
            }
        }
        if (task == nullptr) {
            break;
        }
        for (const auto& host : hosts) {
            current[host] = nullptr;
        }
        run_round(state, *task, hosts, batch);
        if (above_max_fail(hosts_out(state, batch), batch.size(), max_fail_percentage)) {
            state.end_play = true;
            state.end_playbook = true;
        }
    }
}

/// After a batch, whatever the strategy: as ansible-playbook, a batch whose hosts all
/// failed, or more than max_fail_percentage of it (a failure a block's always: section
/// followed is only counted once the section is done), ends the playbook.
void judge_batch(State& state, const std::vector<std::string>& batch, double max_fail_percentage)
{
    const std::size_t failed = hosts_out(state, batch);
    if (failed == batch.size() || above_max_fail(failed, batch.size(), max_fail_percentage)) {
        state.end_play = true;
        state.end_playbook = true;
    }
}

void prepare_play(State& state, const model::Play& play, const std::vector<std::string>& hosts)
{
    state.play = &play;
    state.play_vars = PlayVars{};
    state.play_vars.play = &play;
    state.play_vars.extra_vars = &state.options.extra_vars;
    state.play_vars.groups = &state.groups;
    state.play_vars.playbook_dir = std::filesystem::path(play.file).parent_path().string();
    state.play_vars.check_mode = state.options.check;
    state.play_vars.diff_mode = state.options.diff;
    state.play_vars.play_hosts = hosts;
    state.play_vars.play_hosts_all = hosts;
    state.play_vars.hostvars = [&state]() -> const core::Value& { return state.hostvars(); };
    state.play_tasks.clear();
    state.dynamic_handlers.clear();
    state.applied_roles = play.applied_roles;
    state.end_play = false;
    vars::ValueScope extra(state.options.extra_vars);
    bool gather = true;
    if (!play.gather_facts.is_null()) {
        auto rendered = state.engine.render(play.gather_facts, extra);
        gather = rendered && ansible_boolean(*rendered);
    }
    if (gather) {
        state.play_tasks.push_back(gather_facts_task(play));
    }
    for (const auto* section : {&play.pre_tasks, &play.tasks, &play.post_tasks}) {
        state.play_tasks.insert(state.play_tasks.end(), section->begin(), section->end());
        state.play_tasks.push_back(meta_task("flush_handlers", play));
    }
    ActionSettings settings{state.options.check, state.options.diff, state.options.task_timeout,
                            state.hooks.resume_done};
    state.actions = std::make_unique<ActionRunner>(state.engine, state.steps, state.mailbox, state.play_vars, settings,
                                                   [&state](model::RunEvent event) { state.sink(event); });
}

core::Result<std::vector<std::string>> play_hosts(State& state, const model::Play& play)
{
    vars::ValueScope extra(state.options.extra_vars);
    auto pattern = state.engine.render(core::Value(play.hosts), extra);
    if (!pattern) {
        return core::fail(core::Error{core::ErrorKind::config, pattern.error().message, play.where});
    }
    auto hosts = SCSCTL_TRY(state.hooks.match_hosts(pattern->is_string() ? pattern->get<std::string>() : pattern->dump()));
    std::vector<std::string> out;
    for (auto& host : hosts) {
        auto found = state.runtimes.find(host);
        if (found != state.runtimes.end() && !found->second.failed && !found->second.unreachable) {
            out.push_back(std::move(host));
        }
    }
    if (play.order == "reverse_inventory") {
        std::reverse(out.begin(), out.end());
    } else if (play.order == "sorted") {
        std::sort(out.begin(), out.end());
    } else if (play.order == "reverse_sorted") {
        std::sort(out.rbegin(), out.rend());
    }
    return out;
}

} // namespace

core::Result<model::Recap> PlaybookRunner::run(const model::Playbook& playbook)
{
    State& state = *m_state;
    const std::optional<BatchPosition> start = state.hooks.start_at_batch;
    for (std::size_t play_index = 0; play_index < playbook.plays.size(); ++play_index) {
        const auto& play = playbook.plays[play_index];
        if (start && play_index < start->play_index) {
            continue;
        }
        const auto hosts = SCSCTL_TRY(play_hosts(state, play));
        prepare_play(state, play, hosts);
        vars::ValueScope extra(state.options.extra_vars);
        auto name = state.engine.render(core::Value(play.name.empty() ? play.hosts : play.name), extra);
        state.play_vars.play_name = name && name->is_string() ? name->get<std::string>() : play.name;
        state.sink(model::PlayStarted{state.play_vars.play_name, play.hosts, state.options.check});
        if (hosts.empty()) {
            continue;
        }
        core::Value serial = nullptr;
        if (!play.serial.is_null()) {
            serial = SCSCTL_TRY(state.engine.render(play.serial, extra));
        }
        double max_fail = -1;
        if (!play.max_fail_percentage.is_null()) {
            auto rendered = SCSCTL_TRY(state.engine.render(play.max_fail_percentage, extra));
            max_fail = rendered.is_number() ? rendered.get<double>() : -1;
            if (rendered.is_string()) {
                // -e pct=30 gives a string; Ansible accepts a number written as text.
                const std::string text = rendered.get<std::string>();
                char* end = nullptr;
                const double parsed = std::strtod(text.c_str(), &end);
                max_fail = !text.empty() && end != nullptr && *end == '\0' ? parsed : -1;
            }
            if (max_fail < 0) {
                return core::fail(core::Error{core::ErrorKind::config,
                                              "max_fail_percentage: expected a number, got " + rendered.dump(), play.where});
            }
        }
        auto batches = split_batches(hosts, serial);
        if (!batches) {
            return core::fail(core::Error{core::ErrorKind::config, batches.error().message, play.where});
        }
        const std::size_t first_batch = start && play_index == start->play_index ? start->batch_index : 0;
        for (std::size_t batch_index = first_batch; batch_index < batches->size(); ++batch_index) {
            const auto& batch = (*batches)[batch_index];
            for (const auto& host : batch) {
                state.recap.hosts[host]; // a host whose batch started is in the recap, even with nothing counted
            }
            state.play_vars.play_batch = batch;
            for (auto& [name_, runtime] : state.runtimes) {
                (void)name_;
                runtime.ended = false;
            }
            if (play.strategy == "free") {
                state.run_batch_free(batch);
            } else {
                run_batch(state, batch, max_fail);
            }
            judge_batch(state, batch, max_fail);
            if (!state.end_playbook && state.hooks.after_batch) {
                const BatchEnded ended{play_index, state.play_vars.play_name, batch_index, batches->size(), batch};
                if (state.hooks.after_batch(ended)) {
                    state.end_play = true;
                    state.end_playbook = true;
                }
            }
            if (state.end_play) {
                break;
            }
        }
        for (auto& [name_, runtime] : state.runtimes) {
            (void)name_;
            runtime.ended = false;
        }
        if (state.end_playbook) {
            break;
        }
    }
    for (auto& [name, counters] : state.recap.hosts) {
        counters = state.runtime(name).counters;
    }
    state.sink(state.recap);
    return state.recap;
}

} // namespace scsctl::exec
