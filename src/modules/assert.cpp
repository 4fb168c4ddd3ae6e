// The assert module: every `that` condition must hold (TaskContext::condition), else
// the host fails with fail_msg. Runs nothing on the host. Depends on system_args.hpp.
#include <array>

#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

const std::array<sys::ArgSpec, 4> k_args = {{
    {"that", sys::ArgType::any, {}, {}, true},
    {"fail_msg", sys::ArgType::any, {"msg"}},
    {"success_msg", sys::ArgType::any},
    {"quiet", sys::ArgType::boolean},
}};

class AssertModule final : public Module {
public:
    std::string_view name() const override { return "assert"; }

    std::vector<std::string> validate(const core::Value& args) const override { return sys::check_args(args, k_args); }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)probe;
        const core::Value args = sys::canonical_args(raw, k_args);
        const bool quiet = SCSCTL_ARG(sys::arg_bool(args, "quiet", false));
        std::vector<std::string> conditions;
        const core::Value& that = args["that"];
        if (that.is_array()) {
            for (const auto& item : that) {
                conditions.push_back(sys::to_text(item));
            }
        } else {
            conditions.push_back(sys::to_text(that));
        }
        Decision decision;
        for (const auto& condition : conditions) {
            if (!context.condition) {
                return sys::failed_decision("assert needs a condition evaluator");
            }
            auto holds = context.condition(condition);
            if (!holds) {
                return sys::failed_decision("The conditional check '" + condition + "' failed. The error was: " +
                                            holds.error().message);
            }
            if (!*holds) {
                decision.failed = true;
                decision.result["evaluated_to"] = false;
                decision.result["assertion"] = condition;
                const auto message = args.find("fail_msg");
                decision.result["msg"] =
                    message != args.end() && !message->is_null() ? *message : core::Value("Assertion failed");
                return decision;
            }
        }
        const auto message = args.find("success_msg");
        decision.result["msg"] =
            message != args.end() && !message->is_null() ? *message : core::Value("All assertions passed");
        if (quiet) {
            decision.result["_ansible_verbose_always"] = false;
        }
        return decision;
    }
};

} // namespace

const Module& assert_module()
{
    static const AssertModule k_module;
    return k_module;
}

} // namespace scsctl::modules
