// The systemd module (systemd_service): state, enabled, masked and daemon_reload for one
// unit through systemctl, system scope only. Depends on service_support and system_args.
#include <array>

#include "modules/service_support.hpp"
#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

const std::array<sys::ArgSpec, 9> k_args = {{
    {"name", sys::ArgType::string, {"service", "unit"}},
    {"state", sys::ArgType::string, {}, {"started", "stopped", "restarted", "reloaded"}},
    {"enabled", sys::ArgType::boolean},
    {"masked", sys::ArgType::boolean},
    {"daemon_reload", sys::ArgType::boolean, {"daemon-reload"}},
    {"daemon_reexec", sys::ArgType::boolean, {"daemon-reexec"}},
    {"no_block", sys::ArgType::boolean},
    {"force", sys::ArgType::boolean},
    {"scope", sys::ArgType::string, {}, {"system", "user", "global"}},
}};

class SystemdModule final : public Module {
public:
    std::string_view name() const override { return "systemd"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        auto errors = sys::check_args(args, k_args);
        const core::Value canonical = sys::canonical_args(args, k_args);
        const bool any = canonical.contains("state") || canonical.contains("enabled") ||
                         canonical.contains("masked") || canonical.contains("daemon_reload") ||
                         canonical.contains("daemon_reexec");
        if (!any) {
            errors.emplace_back("one of the following is required: state, enabled, masked, daemon_reload, daemon_reexec");
        }
        if ((canonical.contains("state") || canonical.contains("enabled") || canonical.contains("masked")) &&
            !canonical.contains("name")) {
            errors.emplace_back("missing parameter(s) required by 'state': name");
        }
        const std::string scope = sys::arg_string(canonical, "scope").value_or("system");
        if (scope != "system" && scope.find("{{") == std::string::npos) {
            errors.emplace_back("scope '" + scope + "' is not supported (system only)");
        }
        return errors;
    }

    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)context;
        const auto name = sys::arg_string(sys::canonical_args(args, k_args), "name");
        if (!name) {
            return std::string("if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then "
                               "printf '%s\\n' '::scsctl:: systemd' yes; fi; exit 0\n");
        }
        return service_probe(*name);
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        const core::Value args = sys::canonical_args(raw, k_args);
        ServiceRequest request;
        request.name = sys::arg_string(args, "name").value_or("");
        request.state = sys::arg_string(args, "state");
        if (args.contains("enabled") && !args["enabled"].is_null()) {
            request.enabled = SCSCTL_ARG(sys::arg_bool(args, "enabled", false));
        }
        if (args.contains("masked") && !args["masked"].is_null()) {
            request.masked = SCSCTL_ARG(sys::arg_bool(args, "masked", false));
        }
        request.daemon_reload = SCSCTL_ARG(sys::arg_bool(args, "daemon_reload", false));
        request.no_block = SCSCTL_ARG(sys::arg_bool(args, "no_block", false));
        const bool reexec = SCSCTL_ARG(sys::arg_bool(args, "daemon_reexec", false));
        const ServiceState state = parse_service_probe(probe.stdout_text);
        Decision decision = decide_service(request, state, true, context);
        if (reexec && !decision.failed) {
            decision.steps.insert(decision.steps.begin(), CommandStep{"systemctl daemon-reexec", "", std::chrono::milliseconds(0)});
        }
        if (request.name.empty()) {
            decision.result.erase("name");
            decision.result.erase("status");
        }
        return decision;
    }
};

} // namespace

const Module& systemd_module()
{
    static const SystemdModule k_module;
    return k_module;
}

} // namespace scsctl::modules
