// The pause module: a controller-side wait of seconds or minutes. Prompts need a
// terminal, which non-interactive runs lack, so they are refused. Depends on system_args.
#include <array>
#include <cmath>

#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

const std::array<sys::ArgSpec, 4> k_args = {{
    {"seconds", sys::ArgType::number},
    {"minutes", sys::ArgType::number},
    {"prompt", sys::ArgType::string},
    {"echo", sys::ArgType::boolean},
}};

class PauseModule final : public Module {
public:
    std::string_view name() const override { return "pause"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        auto errors = sys::check_args(args, k_args);
        const core::Value canonical = sys::canonical_args(args, k_args);
        const bool timed = canonical.contains("seconds") || canonical.contains("minutes");
        if (canonical.contains("seconds") && canonical.contains("minutes")) {
            errors.emplace_back("parameters are mutually exclusive: minutes|seconds");
        }
        if (!timed) {
            errors.emplace_back("pause without seconds or minutes waits for a keypress, which non-interactive "
                                "runs cannot give; set seconds or minutes");
        }
        return errors;
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)probe;
        (void)context;
        const core::Value args = sys::canonical_args(raw, k_args);
        const bool minutes = args.contains("minutes");
        const double amount = SCSCTL_ARG(sys::arg_seconds(args, minutes ? "minutes" : "seconds", -1));
        if (amount < 0) {
            return sys::failed_decision("pause needs seconds or minutes in non-interactive runs");
        }
        const double seconds = minutes ? amount * 60 : amount;
        Decision decision;
        decision.steps.emplace_back(SleepStep{std::chrono::milliseconds(std::llround(seconds * 1000))});
        const long long shown = std::llround(amount);
        decision.result["delta"] = std::llround(seconds);
        decision.result["echo"] = SCSCTL_ARG(sys::arg_bool(args, "echo", true));
        decision.result["rc"] = 0;
        decision.result["stderr"] = "";
        decision.result["stdout"] = "Paused for " + std::to_string(shown) + (minutes ? ".0 minutes" : " seconds");
        decision.result["user_input"] = "";
        return decision;
    }
};

} // namespace

const Module& pause_module()
{
    static const PauseModule k_module;
    return k_module;
}

} // namespace scsctl::modules
