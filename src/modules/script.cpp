// The script module: the controller's script uploaded to a temporary path, then run
// (through `executable` when given) with creates/removes/chdir folded into the run step;
// the temporary file is removed in the same step. Depends on command_script, local_files.
#include <filesystem>

#include "core/shell_quote.hpp"
#include "modules/command_script.hpp"
#include "modules/file_modules.hpp"
#include "modules/local_files.hpp"
#include "modules/module_args.hpp"

namespace scsctl::modules {

namespace {

const std::vector<ArgSpec> k_spec = {
    {"_raw_params"}, {"cmd"}, {"chdir"}, {"creates"}, {"removes"}, {"executable"}, {"decrypt"},
};

core::Result<Decision> decide_script(const core::Value& raw, const TaskContext& context)
{
    const Args args(raw, k_spec);
    SCSCTL_TRY(args.require_valid());
    auto text = SCSCTL_TRY(args.str("_raw_params"));
    if (!text) {
        text = SCSCTL_TRY(args.str("cmd"));
    }
    if (!text || text->empty()) {
        return core::fail(core::Error{core::ErrorKind::failed, "script: no script given", {}});
    }
    std::vector<std::string> words = SCSCTL_TRY(shlex_split(*text));
    const std::string local = SCSCTL_TRY(find_local_file(words.front(), context.search_paths, "files"));
    const std::string content = SCSCTL_TRY(read_local_file(local));
    CommandGuards guards;
    guards.chdir = SCSCTL_TRY(args.str("chdir"));
    guards.creates = SCSCTL_TRY(args.str("creates"));
    guards.removes = SCSCTL_TRY(args.str("removes"));
    const std::string remote = "/tmp/.scsctl-script-" + sha1_hex(content).substr(0, 16) + "-" +
                               std::filesystem::path(local).filename().string();
    words.front() = remote;
    std::string line = argv_command_line(words);
    if (const auto executable = SCSCTL_TRY(args.str("executable"))) {
        line = core::shell_quote(*executable) + " " + line;
    }
    Decision decision;
    decision.changed = true;
    if (context.check_mode) {
        decision.check_mode_unsupported = true;
    }
    UploadStep upload;
    upload.remote_path = remote;
    upload.content = content;
    upload.mode = 0700;
    decision.steps.push_back(std::move(upload));
    decision.steps.push_back(
        CommandStep{wrap_command(guards, "( " + line + " )\nscsctl_src=$?; rm -f -- " + core::shell_quote(remote) +
                                             "; (exit $scsctl_src)"),
                    {},
                    {}});
    return decision;
}

class ScriptModule final : public Module {
public:
    std::string_view name() const override { return "script"; }
    std::vector<std::string> validate(const core::Value& args) const override { return Args(args, k_spec).check(); }
    core::Result<Decision> decide(const core::Value& args, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)probe;
        return decide_script(args, context);
    }
    core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context) const override
    {
        (void)context;
        core::Value out = decision.result;
        out["changed"] = true;
        for (const auto& step : steps) {
            if (!step.error.empty()) {
                out["failed"] = true;
                out["msg"] = step.error;
                return out;
            }
        }
        if (steps.size() < 2) {
            return out;
        }
        const CommandRun run = parse_command_output(steps[1].stdout_text);
        if (!run.skipped_by.empty()) {
            add_skip_keys(out, run.skipped_by, run.path, false);
            return out;
        }
        out["rc"] = steps[1].rc;
        out["stdout"] = run.stdout_text;
        out["stdout_lines"] = split_lines(strip_trailing_newlines(run.stdout_text));
        out["stderr"] = steps[1].stderr_text;
        out["stderr_lines"] = split_lines(strip_trailing_newlines(steps[1].stderr_text));
        if (steps[1].rc != 0 || run.chdir_failed) {
            out["failed"] = true;
            out["msg"] = run.chdir_failed ? "Unable to change directory before execution: " + run.path
                                          : "non-zero return code";
        }
        return out;
    }
};

} // namespace

const Module* script_module()
{
    static const ScriptModule k_module;
    return &k_module;
}

} // namespace scsctl::modules
