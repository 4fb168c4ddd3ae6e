// The set_fact module: key=value pairs become host facts (result "ansible_facts").
// Runs nothing on the host. Depends on module.hpp and system_args.hpp.
#include <cctype>

#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

bool valid_name(const std::string& name)
{
    if (name.empty() || (std::isalpha(static_cast<unsigned char>(name[0])) == 0 && name[0] != '_')) {
        return false;
    }
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') {
            return false;
        }
    }
    return true;
}

/// The pairs with "_raw_params" (free form k=v) split; cacheable taken out.
core::Result<core::Value> pairs_of(const core::Value& args)
{
    core::Value out = core::Value::object();
    if (!args.is_object()) {
        return core::fail(core::Error{core::ErrorKind::config, "arguments must be a mapping", {}});
    }
    for (const auto& [key, value] : args.items()) {
        if (key == "_raw_params" && value.is_string()) {
            const core::Value split = SCSCTL_TRY(sys::parse_key_values(value.get_ref<const std::string&>()));
            for (const auto& [pair_key, pair_value] : split.items()) {
                out[pair_key] = pair_value;
            }
        } else {
            out[key] = value;
        }
    }
    return out;
}

class SetFactModule final : public Module {
public:
    std::string_view name() const override { return "set_fact"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        std::vector<std::string> errors;
        auto pairs = pairs_of(args);
        if (!pairs) {
            errors.push_back(pairs.error().message);
            return errors;
        }
        pairs->erase("cacheable");
        if (pairs->empty()) {
            errors.emplace_back("No key/value pairs provided, at least one is required for this action to succeed");
        }
        for (const auto& [key, value] : pairs->items()) {
            if (!valid_name(key) && key.find("{{") == std::string::npos) {
                errors.push_back("The variable name '" + key +
                                 "' is not valid. Variables must start with a letter or underscore character, "
                                 "and contain only letters, numbers and underscores.");
            }
        }
        return errors;
    }

    core::Result<Decision> decide(const core::Value& args, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)probe;
        (void)context;
        core::Value pairs = SCSCTL_ARG(pairs_of(args));
        const bool cacheable = SCSCTL_ARG(sys::arg_bool(pairs, "cacheable", false));
        pairs.erase("cacheable");
        Decision decision;
        core::Value facts = core::Value::object();
        for (auto& [key, value] : pairs.items()) {
            if (!valid_name(key)) {
                return sys::failed_decision("The variable name '" + key + "' is not valid.");
            }
            // Ansible (non-native Jinja) turns the strings true/false/yes/no into booleans.
            std::string lower = value.is_string() ? value.get<std::string>() : "";
            for (char& c : lower) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            const bool word = lower == "true" || lower == "false" || lower == "yes" || lower == "no";
            facts[key] = word ? core::Value(lower == "true" || lower == "yes") : value;
        }
        decision.result["ansible_facts"] = std::move(facts);
        decision.result["_ansible_facts_cacheable"] = cacheable;
        return decision;
    }
};

} // namespace

const Module& set_fact_module()
{
    static const SetFactModule k_module;
    return k_module;
}

} // namespace scsctl::modules
