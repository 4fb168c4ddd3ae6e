// The debug module: prints a message or a variable's value (TaskContext::evaluate).
// Runs nothing on the host. Depends on module.hpp and system_args.hpp.
#include <array>

#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

const std::array<sys::ArgSpec, 3> k_args = {{
    {"msg", sys::ArgType::any},
    {"var", sys::ArgType::string},
    {"verbosity", sys::ArgType::integer},
}};

class DebugModule final : public Module {
public:
    std::string_view name() const override { return "debug"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        auto errors = sys::check_args(args, k_args);
        const core::Value canonical = sys::canonical_args(args, k_args);
        if (canonical.contains("msg") && canonical.contains("var")) {
            errors.emplace_back("parameters are mutually exclusive: msg|var");
        }
        return errors;
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)probe;
        const core::Value args = sys::canonical_args(raw, k_args);
        const auto verbosity = SCSCTL_ARG(sys::arg_int(args, "verbosity"));
        Decision decision;
        // The runner shows tasks at verbosity 0; a higher threshold is not met.
        if (verbosity.value_or(0) > 0) {
            decision.skipped = true;
            decision.result["skipped_reason"] = "Verbosity threshold not met.";
            return decision;
        }
        if (const auto var = sys::arg_string(args, "var")) {
            core::Value value = "VARIABLE IS NOT DEFINED!";
            if (context.evaluate) {
                auto evaluated = context.evaluate(*var);
                if (evaluated) {
                    value = std::move(*evaluated);
                }
            }
            decision.result[*var] = std::move(value);
            return decision;
        }
        const auto found = args.find("msg");
        decision.result["msg"] = found != args.end() && !found->is_null() ? *found : core::Value("Hello world!");
        return decision;
    }
};

} // namespace

const Module& debug_module()
{
    static const DebugModule k_module;
    return k_module;
}

} // namespace scsctl::modules
