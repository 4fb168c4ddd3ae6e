// The meta module: only validates its free-form action; the runner carries it out
// (it sees result "_meta"). Depends on module.hpp and system_args.hpp.
#include <algorithm>
#include <array>

#include "core/spellcheck.hpp"
#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

const std::array<std::string, 9> k_actions = {
    "flush_handlers", "noop",          "end_play",          "end_host",          "end_batch",
    "clear_facts",    "clear_host_errors", "refresh_inventory", "reset_connection",
};

std::string action_of(const core::Value& args)
{
    if (args.is_string()) {
        return args.get<std::string>();
    }
    if (args.is_object() && args.contains("_raw_params")) {
        return sys::to_text(args["_raw_params"]);
    }
    return "";
}

class MetaModule final : public Module {
public:
    std::string_view name() const override { return "meta"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        std::vector<std::string> errors;
        const std::string action = action_of(args);
        if (args.is_object()) {
            for (const auto& [key, value] : args.items()) {
                if (key != "_raw_params") {
                    errors.push_back("unsupported parameter '" + key + "' for meta");
                }
            }
        }
        if (action.find("{{") != std::string::npos) {
            errors.emplace_back("meta does not accept templated actions");
        } else if (std::ranges::find(k_actions, action) == k_actions.end()) {
            errors.push_back("invalid meta action requested: '" + action + "'" + core::did_you_mean(action, k_actions));
        }
        return errors;
    }

    core::Result<Decision> decide(const core::Value& args, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)probe;
        (void)context;
        const std::string action = action_of(args);
        if (std::ranges::find(k_actions, action) == k_actions.end()) {
            return sys::failed_decision("invalid meta action requested: " + action);
        }
        Decision decision;
        decision.result["_meta"] = action;
        return decision;
    }
};

} // namespace

const Module& meta_module()
{
    static const MetaModule k_module;
    return k_module;
}

} // namespace scsctl::modules
