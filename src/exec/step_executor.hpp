// Runs a module's typed steps (and its probe) through the transport pool: commands with
// the task's environment and become, atomic uploads, fetches, controller-side sleeps and
// reconnects. Results come back on the runner's thread. Depends on exec, modules, transport.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "core/value.hpp"
#include "exec/mailbox.hpp"
#include "modules/module.hpp"
#include "transport/become.hpp"
#include "transport/pool.hpp"

namespace scsctl::exec {

/// How one step is run: where, as whom, with which environment and time limit.
struct StepTarget {
    transport::HostHandle handle = 0;
    std::optional<transport::Become> become;
    core::Value environment = nullptr; ///< rendered mapping, or null
    std::chrono::milliseconds timeout{0};
};

/// A step's result, or the transport failure that kept it from running.
struct StepOutcome {
    modules::StepResult result;
    bool unreachable = false; ///< the host could not be used; `result.error` says why
};

class StepExecutor {
public:
    StepExecutor(transport::Pool& pool, Mailbox& mailbox) : m_pool(pool), m_mailbox(mailbox) {}

    /// Runs `step`; `done` is called on the runner's thread.
    void run(const StepTarget& target, const modules::Step& step, std::function<void(StepOutcome)> done);

private:
    void run_command(const StepTarget& target, const modules::CommandStep& step, std::function<void(StepOutcome)> done);
    void run_upload(const StepTarget& target, const modules::UploadStep& step, std::function<void(StepOutcome)> done);
    void run_fetch(const StepTarget& target, const modules::FetchStep& step, std::function<void(StepOutcome)> done);
    void reconnect(const StepTarget& target, std::chrono::steady_clock::time_point deadline,
                   std::chrono::milliseconds sleep, std::function<void(StepOutcome)> done);

    transport::Pool& m_pool;
    Mailbox& m_mailbox;
};

/// `script` preceded by exports of `environment` (a mapping), values shell-quoted.
std::string with_environment(const std::string& script, const core::Value& environment);

} // namespace scsctl::exec
