// The command, shell and raw modules: one CommandStep each, with creates/removes and
// chdir folded into the same script (one round trip); a probe only in check mode, where
// the guards decide between "would run" and "would not run". Depends on command_script.
#include "core/shell_quote.hpp"
#include "modules/command_script.hpp"
#include "modules/file_modules.hpp"
#include "modules/module_args.hpp"

namespace scsctl::modules {

namespace {

const std::vector<ArgSpec> k_command_spec = {
    {"_raw_params"}, {"_uses_shell"}, {"cmd"},   {"argv"},  {"chdir"},           {"executable"},
    {"creates"},     {"removes"},     {"stdin"}, {"warn"},  {"stdin_add_newline"}, {"strip_empty_ends"},
};
const std::vector<ArgSpec> k_raw_spec = {{"_raw_params"}, {"executable"}};

/// The parsed arguments of command and shell.
struct CommandArgs {
    CommandGuards guards;
    std::string command_line; ///< the sh text that runs the user's command
    core::Value cmd;          ///< the registered "cmd": argv list (command) or string (shell)
    std::string stdin_data;
};

core::Result<CommandArgs> read_command_args(const core::Value& raw, bool shell)
{
    const Args args(raw, k_command_spec);
    SCSCTL_TRY(args.require_valid());
    CommandArgs out;
    out.guards.chdir = SCSCTL_TRY(args.str("chdir"));
    out.guards.creates = SCSCTL_TRY(args.str("creates"));
    out.guards.removes = SCSCTL_TRY(args.str("removes"));
    if (const auto stdin_text = SCSCTL_TRY(args.str("stdin"))) {
        out.stdin_data = *stdin_text + (SCSCTL_TRY(args.boolean("stdin_add_newline", true)) ? "\n" : "");
    }
    auto text = SCSCTL_TRY(args.str("_raw_params"));
    if (!text) {
        text = SCSCTL_TRY(args.str("cmd"));
    }
    const auto argv = SCSCTL_TRY(args.list("argv"));
    const bool uses_shell = shell || SCSCTL_TRY(args.boolean("_uses_shell", false));
    if (text && argv) {
        return core::fail(core::Error{core::ErrorKind::failed, "parameters are mutually exclusive: argv|cmd|_raw_params", {}});
    }
    if ((!text || text->empty()) && (!argv || argv->empty())) {
        return core::fail(core::Error{core::ErrorKind::failed, "no command given", {}});
    }
    if (uses_shell) {
        const std::string script = text ? *text : core::shell_join(*argv);
        const std::string executable = SCSCTL_TRY(args.str_or("executable", "/bin/sh"));
        out.command_line = core::shell_quote(executable) + " -c " + core::shell_quote(script);
        out.cmd = script;
        return out;
    }
    const std::vector<std::string> words = argv ? *argv : SCSCTL_TRY(shlex_split(*text));
    out.command_line = argv_command_line(words);
    out.cmd = words;
    return out;
}

core::Result<Decision> decide_command(const core::Value& raw, const StepResult& probe, const TaskContext& context,
                                      bool shell)
{
    const CommandArgs args = SCSCTL_TRY(read_command_args(raw, shell));
    Decision decision;
    decision.result["cmd"] = args.cmd;
    if (context.check_mode) {
        const bool guarded = args.guards.creates || args.guards.removes;
        if (!guarded) {
            decision.check_mode_unsupported = true;
            decision.result["msg"] = "Command would have run if not in check mode";
            return decision;
        }
        const CommandRun run = parse_command_output(probe.stdout_text);
        if (!run.skipped_by.empty()) {
            add_skip_keys(decision.result, run.skipped_by, run.path, true);
            decision.reason = decision.result["msg"].get<std::string>();
            return decision;
        }
        decision.result["msg"] = "Command would have run if not in check mode";
        decision.result["rc"] = 0;
        decision.result["stdout"] = "";
        decision.result["stderr"] = "";
    }
    decision.changed = true;
    decision.steps.push_back(CommandStep{wrap_command(args.guards, args.command_line), args.stdin_data, {}});
    return decision;
}

core::Value finish_command(const Decision& decision, const std::vector<StepResult>& steps)
{
    core::Value out = decision.result;
    if (steps.empty()) {
        out["changed"] = decision.changed;
        return out;
    }
    const StepResult& step = steps.front();
    if (!step.error.empty()) {
        out["failed"] = true;
        out["changed"] = false;
        out["msg"] = step.error;
        return out;
    }
    const CommandRun run = parse_command_output(step.stdout_text);
    if (!run.skipped_by.empty()) {
        add_skip_keys(out, run.skipped_by, run.path, false);
        return out;
    }
    if (run.chdir_failed) {
        out["failed"] = true;
        out["changed"] = false;
        out["rc"] = nullptr;
        out["msg"] = "Unable to change directory before execution: " + run.path;
        return out;
    }
    const std::string stdout_text = strip_trailing_newlines(run.stdout_text);
    const std::string stderr_text = strip_trailing_newlines(step.stderr_text);
    out["changed"] = true;
    out["rc"] = step.rc;
    out["stdout"] = stdout_text;
    out["stderr"] = stderr_text;
    out["start"] = run.start.empty() ? format_time(step.started) : run.start;
    out["end"] = run.end.empty() ? format_time(step.finished) : run.end;
    out["delta"] = run.delta.empty() ? format_delta(step.finished - step.started) : run.delta;
    out["msg"] = step.rc == 0 ? "" : "non-zero return code";
    out["stdout_lines"] = split_lines(stdout_text);
    out["stderr_lines"] = split_lines(stderr_text);
    if (step.rc != 0) {
        out["failed"] = true;
    }
    return out;
}

/// command and shell share everything but how the command line is built.
class CommandModule final : public Module {
public:
    CommandModule(std::string_view name, bool shell) : m_name(name), m_shell(shell) {}
    std::string_view name() const override { return m_name; }
    std::vector<std::string> validate(const core::Value& args) const override
    {
        return Args(args, k_command_spec).check();
    }
    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        if (!context.check_mode) {
            return std::string();
        }
        const CommandArgs parsed = SCSCTL_TRY(read_command_args(args, m_shell));
        return guard_probe(parsed.guards);
    }
    core::Result<Decision> decide(const core::Value& args, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        return decide_command(args, probe, context, m_shell);
    }
    core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context) const override
    {
        (void)context;
        return finish_command(decision, steps);
    }

private:
    std::string_view m_name;
    bool m_shell;
};

/// raw: the text as the script, no wrapping, no check mode.
class RawModule final : public Module {
public:
    std::string_view name() const override { return "raw"; }
    std::vector<std::string> validate(const core::Value& args) const override
    {
        return Args(args, k_raw_spec).check();
    }
    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)probe;
        const Args args(raw, k_raw_spec);
        SCSCTL_TRY(args.require_valid());
        const std::string text = SCSCTL_TRY(args.str_or("_raw_params", ""));
        Decision decision;
        if (context.check_mode) {
            decision.check_mode_unsupported = true;
            return decision;
        }
        decision.changed = true;
        const auto executable = SCSCTL_TRY(args.str("executable"));
        decision.steps.push_back(CommandStep{
            executable ? core::shell_quote(*executable) + " -c " + core::shell_quote(text) : text, {}, {}});
        return decision;
    }
    core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context) const override
    {
        (void)context;
        core::Value out = decision.result;
        out["changed"] = true;
        if (steps.empty() || !steps.front().error.empty()) {
            out["failed"] = true;
            out["msg"] = steps.empty() ? "raw: no step ran" : steps.front().error;
            return out;
        }
        const StepResult& step = steps.front();
        out["rc"] = step.rc;
        out["stdout"] = step.stdout_text;
        out["stdout_lines"] = split_lines(step.stdout_text);
        out["stderr"] = step.stderr_text;
        out["stderr_lines"] = split_lines(step.stderr_text);
        if (step.rc != 0) {
            out["failed"] = true;
            out["msg"] = "non-zero return code";
        }
        return out;
    }
};

} // namespace

const Module* command_module()
{
    static const CommandModule k_module("command", false);
    return &k_module;
}

const Module* shell_module()
{
    static const CommandModule k_module("shell", true);
    return &k_module;
}

const Module* raw_module()
{
    static const RawModule k_module;
    return &k_module;
}

} // namespace scsctl::modules
