// Internal to the playbook runner: the state of a run (hosts, connections, the current
// play) shared by playbook_runner.cpp (plays and batches) and task_round.cpp (one task
// across a batch: actions, meta, includes, handlers). Not for use elsewhere.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "exec/action_runner.hpp"
#include "exec/host_cursor.hpp"
#include "exec/host_runtime.hpp"
#include "exec/mailbox.hpp"
#include "exec/playbook_runner.hpp"
#include "exec/step_executor.hpp"
#include "exec/task_scope.hpp"
#include "vars/engine.hpp"

namespace scsctl::exec {

struct PlaybookRunner::State {
    State(transport::Pool& pool_, RunOptions options_, RunHooks hooks_, EventSink sink_)
        : pool(pool_), options(std::move(options_)), hooks(std::move(hooks_)), sink(std::move(sink_)),
          steps(pool_, mailbox)
    {
    }

    transport::Pool& pool;
    RunOptions options;
    RunHooks hooks;
    EventSink sink;
    Mailbox mailbox;
    StepExecutor steps;
    vars::Engine engine;
    std::vector<RunHost> inventory_hosts;
    core::Value groups;
    std::map<std::string, HostRuntime> runtimes; ///< every inventory host
    std::map<std::string, transport::HostHandle> delegates; ///< delegate_to targets outside the inventory
    model::Recap recap;

    // The current play.
    const model::Play* play = nullptr;
    PlayVars play_vars;
    std::vector<model::Task> play_tasks;                 ///< gather facts + sections with flushes
    std::vector<std::shared_ptr<const std::vector<model::Task>>> dynamic_handlers;
    model::AppliedRoles applied_roles; ///< the play's roles, extended by include_role
    std::unique_ptr<ActionRunner> actions;
    std::map<std::string, HostCursor> cursors;
    bool end_play = false;
    /// Ends the playbook, not just the play, as ansible-playbook does when a batch failed
    /// entirely, max_fail_percentage was exceeded, or any_errors_fatal struck.
    bool end_playbook = false;
    std::set<std::string> started_hosts; ///< hosts that reached --start-at-task
    core::Value hostvars_cache;
    std::size_t hostvars_generation = 0;
    std::size_t generation = 1; ///< bumped whenever any host's variables change

    HostRuntime& runtime(const std::string& host) { return runtimes.at(host); }

    // playbook_runner.cpp
    /// The next task `host` should run, skipping what tags and --start-at-task exclude.
    const model::Task* next_runnable(const std::string& host);

    // strategy_free.cpp
    /// The free strategy: each host runs its next task as soon as its last one is done.
    void run_batch_free(const std::vector<std::string>& batch);
    /// Gives each host of `batch` a fresh cursor; hosts without a connection are unreachable.
    void start_batch(const std::vector<std::string>& batch);

    // task_round.cpp
    /// Runs `task` on `hosts` (all at the same task) and applies the outcomes.
    void run_task(const model::Task& task, const std::vector<std::string>& hosts, bool handler);
    /// Runs the notified handlers of `hosts`.
    void flush_handlers(const std::vector<std::string>& hosts);
    void run_meta(const model::Task& task, const std::vector<std::string>& hosts,
                  const std::vector<std::string>& batch);
    void run_include(const model::Task& task, const std::vector<std::string>& hosts);
    std::shared_ptr<std::vector<model::Task>> load_include(const model::Task& task, HostRuntime& host,
                                                           const core::Value& overlay);
    std::optional<StepTarget> target_for(HostRuntime& host, const model::Task& task, std::string* error);
    void apply_outcome(HostRuntime& host, const model::Task& task, const ActionOutcome& outcome, bool handler);
    /// The TaskDone event (for the journal) of an applied outcome.
    void record_outcome(HostRuntime& host, const model::Task& task, const ActionOutcome& outcome, bool rescued);
    const core::Value& hostvars();
};

} // namespace scsctl::exec
