// Internal to the action runner: the state of one task on one host while it runs,
// shared by action_runner.cpp (the task's life) and action_resume.cpp (--resume and the
// journal's record). Not for use elsewhere. Depends on exec, modules, vars.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "exec/action_runner.hpp"

namespace scsctl::exec {

struct ActionRunner::Job {
    Job(const PlayVars& play, HostRuntime& runtime, const model::Task& t)
        : host(&runtime), task(&t), scope(play, runtime, &t), item_scope(scope, overlay)
    {
    }
    HostRuntime* host;
    const model::Task* task;
    const modules::Module* module = nullptr;
    StepTarget target;
    std::function<void(ActionOutcome)> done;
    TaskScope scope;
    core::Value overlay = core::Value::object(); ///< loop variables and the registered name
    vars::OverlayScope item_scope;
    std::vector<core::Value> items;
    bool looped = false;
    std::size_t index = 0;
    int attempts = 0;
    int retries = 0;
    std::chrono::milliseconds delay{0};
    core::Value args;
    modules::TaskContext context;
    modules::Decision decision;
    std::vector<modules::StepResult> step_results;
    std::vector<core::Value> item_results;
    std::string diff_text;
    bool unreachable = false;
    bool no_log = false;
    std::string task_id;     ///< exec/task_digest.hpp
    std::string args_digest; ///< of the arguments rendered for every item
    long long resumed_from = 0;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

/// Removes arguments whose value is the omit placeholder (`default(omit)`).
inline void drop_omitted(core::Value& args)
{
    if (!args.is_object()) {
        return;
    }
    for (auto it = args.begin(); it != args.end();) {
        if (it->is_string() && it->get_ref<const std::string&>() == k_omit_token) {
            it = args.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace scsctl::exec
