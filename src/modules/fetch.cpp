// The fetch module: the probe checks the remote file (stat, sha1), decide() compares with
// the controller copy at dest/<host>/<path> (or the flat dest) and emits one FetchStep.
// Depends on remote_probe and local_files.
#include <filesystem>

#include "modules/file_modules.hpp"
#include "modules/file_state.hpp"
#include "modules/local_files.hpp"
#include "modules/module_args.hpp"

namespace scsctl::modules {

namespace {

const std::vector<ArgSpec> k_spec = {
    {"src", {}, true}, {"dest", {}, true}, {"flat"}, {"fail_on_missing"}, {"validate_checksum"},
};

struct FetchRequest {
    std::string src;
    std::string local;
    bool fail_on_missing = true;
};

core::Result<FetchRequest> read_request(const core::Value& raw, const TaskContext& context)
{
    const Args args(raw, k_spec);
    SCSCTL_TRY(args.require_valid());
    FetchRequest request;
    request.src = SCSCTL_TRY(args.str_or("src", ""));
    const std::string dest = SCSCTL_TRY(args.str_or("dest", ""));
    request.fail_on_missing = SCSCTL_TRY(args.boolean("fail_on_missing", true));
    const std::string base = std::filesystem::path(request.src).filename().string();
    if (SCSCTL_TRY(args.boolean("flat", false))) {
        request.local = dest.ends_with("/") ? dest + base : dest;
    } else {
        std::string relative = request.src;
        while (relative.starts_with("/")) {
            relative.erase(0, 1);
        }
        request.local = (std::filesystem::path(dest) / context.host / relative).lexically_normal().string();
    }
    return request;
}

class FetchModule final : public Module {
public:
    std::string_view name() const override { return "fetch"; }
    std::vector<std::string> validate(const core::Value& args) const override { return Args(args, k_spec).check(); }
    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        const FetchRequest request = SCSCTL_TRY(read_request(args, context));
        ProbeScript script;
        script.stat("stat", request.src, true).sha1("sha1", request.src);
        return script.str();
    }
    core::Result<Decision> decide(const core::Value& args, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        const FetchRequest request = SCSCTL_TRY(read_request(args, context));
        const ProbeOutput output = ProbeOutput::parse(probe.stdout_text);
        const auto state = SCSCTL_TRY(read_stat(output, "stat"));
        Decision decision;
        if (!state || state->type == FileType::directory) {
            decision.result["file"] = request.src;
            decision.result["msg"] = state ? "remote file is a directory, fetch cannot work on directories"
                                           : "the remote file does not exist, not transferring, ignored";
            decision.failed = request.fail_on_missing || state.has_value();
            decision.reason = decision.result["msg"].get<std::string>();
            return decision;
        }
        const std::string remote_sum = output.get("sha1").value_or("");
        decision.result["dest"] = request.local;
        decision.result["file"] = request.src;
        decision.result["checksum"] = remote_sum;
        decision.result["remote_checksum"] = remote_sum;
        const auto local = read_local_file(request.local);
        if (local && sha1_hex(*local) == remote_sum) {
            decision.result["md5sum"] = md5_hex(*local);
            decision.reason = "local copy " + request.local + " is up to date";
            return decision;
        }
        decision.changed = true;
        decision.steps.push_back(FetchStep{request.src, request.local});
        return decision;
    }
    core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context) const override
    {
        core::Value out = Module::finish(decision, steps, context);
        if (!out.contains("failed") && out.contains("dest")) {
            if (const auto local = read_local_file(out["dest"].get<std::string>())) {
                out["md5sum"] = md5_hex(*local);
                out["checksum"] = sha1_hex(*local);
                if (out["checksum"] != out["remote_checksum"]) {
                    out["failed"] = true;
                    out["msg"] = "checksum mismatch";
                }
            }
        }
        return out;
    }
};

} // namespace

const Module* fetch_module()
{
    static const FetchModule k_module;
    return &k_module;
}

} // namespace scsctl::modules
