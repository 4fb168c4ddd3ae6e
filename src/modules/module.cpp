// The default Module::finish: the decision's return values plus Ansible's changed,
// failed and command output keys when a step failed.
#include "modules/module.hpp"

namespace scsctl::modules {

core::Value Module::finish(const Decision& decision, const std::vector<StepResult>& steps,
                           const TaskContext& context) const
{
    (void)context;
    core::Value out = decision.result.is_object() ? decision.result : core::Value::object();
    bool changed = decision.changed;
    for (const auto& step : steps) {
        changed = changed || step.changed;
        if (!step.error.empty()) {
            out["failed"] = true;
            out["msg"] = step.error;
            break;
        }
        if (step.rc != 0) {
            out["failed"] = true;
            out["rc"] = step.rc;
            out["stdout"] = step.stdout_text;
            out["stderr"] = step.stderr_text;
            if (!out.contains("msg")) {
                out["msg"] = step.stderr_text.empty() ? "non-zero return code" : step.stderr_text;
            }
            break;
        }
    }
    out["changed"] = changed;
    return out;
}

} // namespace scsctl::modules
