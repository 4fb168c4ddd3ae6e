// The service module: systemd when it is the running init, else the /etc/init.d script
// (update-rc.d or chkconfig for enabled). Depends on service_support and system_args.
#include <array>

#include "modules/service_support.hpp"
#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

const std::array<sys::ArgSpec, 8> k_args = {{
    {"name", sys::ArgType::string, {}, {}, true},
    {"state", sys::ArgType::string, {}, {"started", "stopped", "restarted", "reloaded"}},
    {"enabled", sys::ArgType::boolean},
    {"arguments", sys::ArgType::string, {"args"}},
    {"use", sys::ArgType::string, {}, {"auto", "systemd", "sysvinit", "service"}},
    {"sleep", sys::ArgType::integer},
    {"pattern", sys::ArgType::string},
    {"runlevel", sys::ArgType::string},
}};

class ServiceModule final : public Module {
public:
    std::string_view name() const override { return "service"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        auto errors = sys::check_args(args, k_args);
        const core::Value canonical = sys::canonical_args(args, k_args);
        if (!canonical.contains("state") && !canonical.contains("enabled")) {
            errors.emplace_back("one of the following is required: state, enabled");
        }
        for (const char* unsupported : {"pattern", "runlevel"}) {
            if (canonical.contains(unsupported)) {
                errors.push_back("parameter '" + std::string(unsupported) + "' is not supported");
            }
        }
        return errors;
    }

    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)context;
        return service_probe(sys::arg_string(sys::canonical_args(args, k_args), "name").value_or(""));
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
        request.arguments = sys::arg_string(args, "arguments").value_or("");
        const std::string use = sys::arg_string(args, "use").value_or("auto");
        ServiceState state = parse_service_probe(probe.stdout_text);
        if (use == "sysvinit" || use == "service") {
            request.force_sysv = true;
            state.systemd = false;
        }
        return decide_service(request, state, false, context);
    }
};

} // namespace

const Module& service_module()
{
    static const ServiceModule k_module;
    return k_module;
}

} // namespace scsctl::modules
