// The slurp module: the probe reads the file as base64, decide() returns it as is.
// Depends on remote_probe.
#include "core/shell_quote.hpp"
#include "modules/file_modules.hpp"
#include "modules/file_state.hpp"
#include "modules/module_args.hpp"

namespace scsctl::modules {

namespace {

const std::vector<ArgSpec> k_spec = {{"src", {"path"}, true}};

class SlurpModule final : public Module {
public:
    std::string_view name() const override { return "slurp"; }
    std::vector<std::string> validate(const core::Value& args) const override { return Args(args, k_spec).check(); }
    core::Result<std::string> probe(const core::Value& raw, const TaskContext& context) const override
    {
        (void)context;
        const Args args(raw, k_spec);
        SCSCTL_TRY(args.require_valid());
        const std::string src = SCSCTL_TRY(args.str_or("src", ""));
        ProbeScript script;
        script.stat("stat", src, true).content("content", src);
        return script.str();
    }
    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)context;
        const Args args(raw, k_spec);
        SCSCTL_TRY(args.require_valid());
        const std::string src = SCSCTL_TRY(args.str_or("src", ""));
        const ProbeOutput output = ProbeOutput::parse(probe.stdout_text);
        const auto state = SCSCTL_TRY(read_stat(output, "stat"));
        Decision decision;
        if (!state) {
            decision.failed = true;
            decision.result["msg"] = "file not found: " + src;
            return decision;
        }
        if (state->type == FileType::directory) {
            decision.failed = true;
            decision.result["msg"] = "source is a directory and must be a file";
            return decision;
        }
        const auto body = output.get("content");
        if (!body) {
            decision.failed = true;
            decision.result["msg"] = "file is not readable: " + src;
            return decision;
        }
        std::string compact;
        for (char c : *body) {
            if (c != '\n' && c != '\r' && c != ' ') {
                compact += c;
            }
        }
        decision.result["content"] = compact;
        decision.result["source"] = src;
        decision.result["encoding"] = "base64";
        decision.reason = "read-only";
        return decision;
    }
};

} // namespace

const Module* slurp_module()
{
    static const SlurpModule k_module;
    return &k_module;
}

} // namespace scsctl::modules
