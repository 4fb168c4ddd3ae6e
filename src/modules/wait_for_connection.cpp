// The wait_for_connection module: an optional controller-side delay, then reconnect
// until the host answers or the timeout passes. Depends on system_args.
#include <array>
#include <cmath>

#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

const std::array<sys::ArgSpec, 4> k_args = {{
    {"delay", sys::ArgType::number},
    {"sleep", sys::ArgType::number},
    {"timeout", sys::ArgType::number},
    {"connect_timeout", sys::ArgType::number},
}};

std::chrono::milliseconds millis(double seconds)
{
    return std::chrono::milliseconds(std::llround(seconds * 1000));
}

class WaitForConnectionModule final : public Module {
public:
    std::string_view name() const override { return "wait_for_connection"; }

    std::vector<std::string> validate(const core::Value& args) const override { return sys::check_args(args, k_args); }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)probe;
        (void)context;
        const core::Value args = sys::canonical_args(raw, k_args);
        const double delay = SCSCTL_ARG(sys::arg_seconds(args, "delay", 0));
        const double sleep = SCSCTL_ARG(sys::arg_seconds(args, "sleep", 1));
        const double timeout = SCSCTL_ARG(sys::arg_seconds(args, "timeout", 600));
        Decision decision;
        if (delay > 0) {
            decision.steps.emplace_back(SleepStep{millis(delay)});
        }
        decision.steps.emplace_back(ReconnectStep{millis(timeout), millis(sleep)});
        decision.result["elapsed"] = std::llround(delay);
        return decision;
    }
};

} // namespace

const Module& wait_for_connection_module()
{
    static const WaitForConnectionModule k_module;
    return k_module;
}

} // namespace scsctl::modules
