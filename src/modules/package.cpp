// The package module: the generic front end that hands name/state to apt on hosts with
// apt-get (the only package manager supported). Depends on apt.hpp and system_args.
#include <array>

#include "modules/apt.hpp"
#include "modules/remote_probe.hpp"
#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

const std::array<sys::ArgSpec, 3> k_args = {{
    {"name", sys::ArgType::list, {}, {}, true},
    {"state", sys::ArgType::string, {}, {"absent", "present", "latest", "installed", "removed"}},
    {"use", sys::ArgType::string},
}};

core::Value apt_args(const core::Value& args)
{
    core::Value out = core::Value::object();
    out["name"] = args.value("name", core::Value());
    if (args.contains("state")) {
        out["state"] = args["state"];
    }
    return out;
}

class PackageModule final : public Module {
public:
    std::string_view name() const override { return "package"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        auto errors = sys::check_args(args, k_args);
        const std::string use = sys::arg_string(sys::canonical_args(args, k_args), "use").value_or("auto");
        if (use != "auto" && use != "apt" && use.find("{{") == std::string::npos) {
            errors.push_back("package manager '" + use + "' is not supported (auto or apt)");
        }
        return errors;
    }

    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)context;
        ProbeScript script;
        script.raw("if command -v apt-get >/dev/null 2>&1; then");
        script.section("apt", "echo yes");
        script.raw("fi");
        return script.str() + apt_probe(apt_args(sys::canonical_args(args, k_args)));
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        if (!ProbeOutput::parse(probe.stdout_text).has("apt")) {
            return sys::failed_decision("Could not find a supported package manager on " + context.host +
                                        " (scsctl's package module supports apt only)");
        }
        Decision decision = apt_decide(apt_args(sys::canonical_args(raw, k_args)), probe, context);
        return decision;
    }

    core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context) const override
    {
        return apt_finish(*this, decision, steps, context);
    }
};

} // namespace

const Module& package_module()
{
    static const PackageModule k_module;
    return k_module;
}

} // namespace scsctl::modules
