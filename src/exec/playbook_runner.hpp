// Runs a loaded playbook: plays in order, serial batches, the linear and free
// strategies, handlers, meta tasks, dynamic includes, run_once, delegate_to, forks and
// throttle, any_errors_fatal and max_fail_percentage. Emits events; returns the recap.
// Depends on exec (action runner, cursors), model, transport, vars.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "exec/run_options.hpp"
#include "model/play.hpp"
#include "model/run_event.hpp"
#include "transport/pool.hpp"

namespace scsctl::exec {

class PlaybookRunner {
public:
    using EventSink = std::function<void(const model::RunEvent&)>;

    /// `hosts`: every inventory host (plays select from them); `groups`: Ansible's
    /// groups variable.
    PlaybookRunner(transport::Pool& pool, std::vector<RunHost> hosts, core::Value groups, RunOptions options,
                   RunHooks hooks, EventSink sink);
    ~PlaybookRunner();

    /// Runs every play. Errors are for problems that stop the run before or between
    /// tasks (a bad host pattern, serial value); task failures are in the recap.
    core::Result<model::Recap> run(const model::Playbook& playbook);

    struct State; ///< internal (play_state.hpp), named here for the runner's own files

private:
    std::unique_ptr<State> m_state;
};

/// Whether a task with `task_tags` runs under --tags/--skip-tags (Ansible's rules:
/// always, never, all, tagged, untagged).
bool tags_select(const std::vector<std::string>& task_tags, const std::vector<std::string>& only,
                 const std::vector<std::string>& skip);

} // namespace scsctl::exec
