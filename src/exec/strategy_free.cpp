// The free strategy: no rounds. Each host asks its cursor for the next task as soon as
// the last one finished, within the forks window; meta tasks and includes act on that
// host alone. Also the batch start shared with the linear strategy.
#include <deque>

#include "exec/play_state.hpp"
#include "exec/task_digest.hpp"
#include "exec/task_result.hpp"

namespace scsctl::exec {

void PlaybookRunner::State::start_batch(const std::vector<std::string>& batch)
{
    for (const auto& host : batch) {
        cursors.erase(host);
        cursors.emplace(host, HostCursor(play_tasks));
        HostRuntime& runtime_of_host = runtime(host);
        if (!runtime_of_host.connection_ok) {
            runtime_of_host.unreachable = true;
            ++runtime_of_host.counters.unreachable;
            sink(model::HostResult{host, "connection", "", model::TaskStatus::unreachable, false, false, "",
                                   core::Value{{"unreachable", true}, {"msg", runtime_of_host.connection_error}}, "", 0,
                                   ""});
        }
    }
}

void PlaybookRunner::State::run_batch_free(const std::vector<std::string>& batch)
{
    start_batch(batch);
    const std::size_t forks = options.forks == 0 ? batch.size() : options.forks;
    std::size_t running = 0;
    std::size_t finished = 0;
    std::deque<std::pair<std::string, const model::Task*>> queued;
    std::function<void(const std::string&)> advance;
    std::function<void(const std::string&, const model::Task*)> launch = [&](const std::string& host,
                                                                            const model::Task* task) {
        ++running;
        sink(model::TaskStarted{actions->display_name(*task), task->where.str(), false, task_id_of(*task), 1});
        std::string error;
        HostRuntime& runtime_of_host = runtime(host);
        auto target = target_for(runtime_of_host, *task, &error);
        auto done = [&, host, task](ActionOutcome outcome) {
            --running;
            apply_outcome(runtime(host), *task, outcome, false);
            if (outcome.status == model::TaskStatus::failed && !outcome.ignored) {
                const core::Value& fatal = task->any_errors_fatal.is_null() ? play->any_errors_fatal : task->any_errors_fatal;
                TaskScope scope(play_vars, runtime(host), task);
                auto rendered = fatal.is_null() ? core::Result<core::Value>(false) : engine.render(fatal, scope);
                end_play = end_play || (rendered && ansible_boolean(*rendered));
            }
            if (!queued.empty()) {
                auto [next_host, next_task] = queued.front();
                queued.pop_front();
                launch(next_host, next_task);
            }
            mailbox.post([&, host] { advance(host); });
        };
        if (!target) {
            ActionOutcome outcome;
            outcome.status = model::TaskStatus::failed;
            outcome.result = core::Value{{"failed", true}, {"msg", error}, {"changed", false}};
            sink(model::HostResult{host, actions->display_name(*task), "", model::TaskStatus::failed, false, false, "",
                                   outcome.result, "", 0, task->action});
            done(std::move(outcome));
            return;
        }
        actions->start(runtime_of_host, *task, std::move(*target), done);
    };
    advance = [&](const std::string& host) {
        while (true) {
            HostRuntime& runtime_of_host = runtime(host);
            const model::Task* task = runtime_of_host.active() && !end_play ? next_runnable(host) : nullptr;
            if (task == nullptr) {
                ++finished;
                return;
            }
            if (task->action == "meta") {
                run_meta(*task, {host}, {host});
                continue;
            }
            if (task->kind == model::TaskKind::include_tasks || task->kind == model::TaskKind::include_role) {
                run_include(*task, {host});
                continue;
            }
            if (running >= forks) {
                queued.emplace_back(host, task);
                return;
            }
            launch(host, task);
            return;
        }
    };
    for (const auto& host : batch) {
        advance(host);
    }
    mailbox.run_until([&] { return finished == batch.size(); });
}

} // namespace scsctl::exec
