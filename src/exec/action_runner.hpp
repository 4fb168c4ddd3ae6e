// Runs one action task on one host: `when`, loop items, argument rendering, the module's
// probe → decide → steps → finish, changed_when/failed_when, until/retries, register and
// facts. Asynchronous: steps go to the transport, continuations come back through the
// Mailbox. Tasks an earlier run completed with the same rendered arguments are skipped
// under --resume. Depends on exec, modules, vars.
#pragma once

#include <functional>
#include <memory>

#include "exec/host_runtime.hpp"
#include "exec/step_executor.hpp"
#include "exec/task_scope.hpp"
#include "model/play.hpp"
#include "model/run_event.hpp"
#include "vars/engine.hpp"

namespace scsctl::exec {

/// A task's verdict on one host, after loops, retries and ignore_errors.
struct ActionOutcome {
    model::TaskStatus status = model::TaskStatus::ok;
    bool ignored = false;
    core::Value result = core::Value::object(); ///< what register stores (not redacted)
    bool resumed = false;  ///< skipped by --resume: counted ok, but its earlier change still notifies
    model::TaskDone record{}; ///< for the journal (rescued is set by the play runner)
};

struct ActionSettings {
    bool check = false;
    bool diff = false;
    std::chrono::milliseconds timeout{0};
    ResumeLookup resume_done; ///< --resume; empty runs every task
};

class ActionRunner {
public:
    using Sink = std::function<void(model::RunEvent)>; ///< HostResult and TaskRetrying events

    ActionRunner(const vars::Engine& engine, StepExecutor& steps, Mailbox& mailbox, const PlayVars& play,
                 ActionSettings settings, Sink sink)
        : m_engine(engine), m_steps(steps), m_mailbox(mailbox), m_play(play), m_settings(settings),
          m_sink(std::move(sink))
    {
    }

    /// Starts `task` on `host`, running its steps on `target` (the host itself or the
    /// delegate). `done` runs on the runner's thread after the result was reported.
    void start(HostRuntime& host, const model::Task& task, StepTarget target, std::function<void(ActionOutcome)> done);

    /// The task's name as printed ("role : name", or the action when unnamed).
    std::string display_name(const model::Task& task) const;

private:
    struct Job;
    void next_item(const std::shared_ptr<Job>& job);
    void attempt(const std::shared_ptr<Job>& job);
    void after_probe(const std::shared_ptr<Job>& job, const modules::StepResult& probe);
    void run_steps(const std::shared_ptr<Job>& job, std::size_t index);
    void attempt_done(const std::shared_ptr<Job>& job, core::Value result);
    void item_done(const std::shared_ptr<Job>& job, core::Value result);
    void complete(const std::shared_ptr<Job>& job);
    void fail_job(const std::shared_ptr<Job>& job, const std::string& message);
    void report(const Job& job, const core::Value& result, bool is_item) const;
    std::string rendered_args_digest(Job& job) const;
    bool resume_from_journal(const std::shared_ptr<Job>& job);
    model::TaskDone record_of(const Job& job, const core::Value& result, model::TaskStatus status) const;
    core::Result<bool> post_conditions(Job& job, core::Value& result) const;

    const vars::Engine& m_engine;
    StepExecutor& m_steps;
    Mailbox& m_mailbox;
    const PlayVars& m_play;
    ActionSettings m_settings;
    Sink m_sink;
};

} // namespace scsctl::exec
