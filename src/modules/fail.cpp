// The fail module: fails the host with a message. Runs nothing on the host.
// Depends on module.hpp and system_args.hpp.
#include <array>

#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

const std::array<sys::ArgSpec, 1> k_args = {{{"msg", sys::ArgType::any}}};

class FailModule final : public Module {
public:
    std::string_view name() const override { return "fail"; }

    std::vector<std::string> validate(const core::Value& args) const override { return sys::check_args(args, k_args); }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)probe;
        (void)context;
        const core::Value args = sys::canonical_args(raw, k_args);
        Decision decision;
        decision.failed = true;
        const auto found = args.find("msg");
        decision.result["msg"] =
            found != args.end() && !found->is_null() ? *found : core::Value("Failed as requested from task");
        return decision;
    }
};

} // namespace

const Module& fail_module()
{
    static const FailModule k_module;
    return k_module;
}

} // namespace scsctl::modules
