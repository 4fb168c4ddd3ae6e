// The module contract: a module turns (arguments, what a read-only probe saw on the
// host) into typed steps, or a no-op with a reason. Modules never touch a transport; the
// runner (exec/) runs their probe and steps. Depends on core only.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::modules {

/// A shell script run by the remote user's login shell (`sh -c` semantics), with become
/// applied by the runner. Secrets go in stdin_data, never in the script.
struct CommandStep {
    std::string script;
    std::string stdin_data;
    std::chrono::milliseconds timeout{0}; ///< 0: the task's timeout, if any
};

/// Writes a file atomically on the host (temporary file beside it, then rename), keeping
/// an existing file's mode and owner unless given. Nothing is sent when content and mode
/// already match.
struct UploadStep {
    std::string remote_path;
    std::optional<std::string> local_path; ///< stream this controller file ...
    std::string content;                   ///< ... or write this content
    std::optional<unsigned> mode;
    std::optional<std::string> owner;
    std::optional<std::string> group;
};

/// Copies a host file to the controller.
struct FetchStep {
    std::string remote_path;
    std::string local_path;
};

/// Waits on the controller (pause, wait_for_connection's delay).
struct SleepStep {
    std::chrono::milliseconds duration{0};
};

/// Re-establishes the host's connection until it answers or the timeout passes.
struct ReconnectStep {
    std::chrono::milliseconds timeout{600000};
    std::chrono::milliseconds sleep{1000};
};

using Step = std::variant<CommandStep, UploadStep, FetchStep, SleepStep, ReconnectStep>;

/// What a step did, as the module's finish() sees it.
struct StepResult {
    int rc = 0;
    std::string stdout_text;
    std::string stderr_text;
    bool changed = false; ///< uploads: the file was written
    std::string sha256;   ///< uploads and fetches
    std::uint64_t bytes = 0;
    std::string error; ///< non-empty when the step could not run at all
    /// When the step started and ended (controller clock; the runner fills them in).
    std::chrono::system_clock::time_point started{};
    std::chrono::system_clock::time_point finished{};
};

/// A before/after pair for --diff, rendered by the reporter as a unified diff.
struct Diff {
    std::string before_header; ///< e.g. the path
    std::string after_header;
    std::string before;
    std::string after;
};

/// A module's verdict after the probe.
struct Decision {
    bool changed = false;
    std::vector<Step> steps;                 ///< run in order; not run in check mode
    core::Value result = core::Value::object(); ///< return values (path, mode, stat, msg, ...)
    std::vector<Diff> diffs;
    std::string reason;      ///< why nothing needs doing, for the no-op case ("directory /x already exists")
    bool failed = false;     ///< the module fails without running anything (result["msg"] says why)
    bool skipped = false;    ///< e.g. command with creates= satisfied (result["msg"] says why)
    bool check_mode_unsupported = false; ///< in check mode: reported skipped, as Ansible does for command/shell
};

/// What a module may use from the task around it. The callbacks are set by the runner.
struct TaskContext {
    std::string host;         ///< inventory_hostname
    bool check_mode = false;
    bool diff_mode = false;
    std::string remote_user;  ///< the user the probe and steps run as (after become)
    /// Where a relative `src` (copy, template, script) is looked up, first match wins
    /// (role files/ or templates/, then the playbook directory); see find_local_file.
    std::vector<std::string> search_paths;
    /// A Jinja expression in the task's scope (debug var=, assert that=).
    std::function<core::Result<core::Value>(std::string_view expression)> evaluate;
    /// A Jinja conditional in the task's scope (assert that=).
    std::function<core::Result<bool>(std::string_view expression)> condition;
    /// A template file's text rendered in the task's scope (template module), with
    /// `extra_vars` (an object: template_vars) over the task's variables.
    std::function<core::Result<std::string>(std::string_view text, const core::Value& extra_vars)> render_text;
};

class Module {
public:
    virtual ~Module() = default;
    virtual std::string_view name() const = 0;

    /// Load-time check of the argument shape (unknown or missing arguments, wrong types
    /// where not templated). Errors are one line each ("unsupported parameter 'x' (did you
    /// mean 'mode'?)"); the loader locates them.
    virtual std::vector<std::string> validate(const core::Value& args) const = 0;

    /// A read-only script whose output decide() parses; "" when nothing needs reading.
    /// `args` are rendered. Must change nothing on the host.
    virtual core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const
    {
        (void)args;
        (void)context;
        return std::string();
    }

    /// Pure: from arguments and the probe's result, what to change.
    virtual core::Result<Decision> decide(const core::Value& args, const StepResult& probe,
                                          const TaskContext& context) const = 0;

    /// From the decision and its steps' results to Ansible's registered result (with
    /// "changed" and, on failure, "failed": true and "msg"). Called after the steps ran
    /// (not in check mode). The default merges decision.result with changed and, for
    /// a failed step, failed/msg/rc/stdout/stderr.
    virtual core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                               const TaskContext& context) const;
};

/// The table of modules (one explicit list; no self-registration): nullptr when unknown.
const Module* find_module(std::string_view name);

/// Every module name (with aliases like ansible.builtin.copy), sorted, for errors and docs.
const std::vector<std::string>& module_names();

} // namespace scsctl::modules
