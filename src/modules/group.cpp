// The group module: groupadd/groupmod/groupdel after one getent probe. Depends on
// system_args and remote_probe.
#include <array>
#include <sstream>

#include "core/shell_quote.hpp"
#include "modules/remote_probe.hpp"
#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

using core::shell_quote;

const std::array<sys::ArgSpec, 6> k_args = {{
    {"name", sys::ArgType::string, {}, {}, true},
    {"gid", sys::ArgType::integer},
    {"state", sys::ArgType::string, {}, {"present", "absent"}},
    {"system", sys::ArgType::boolean},
    {"local", sys::ArgType::boolean},
    {"non_unique", sys::ArgType::boolean},
}};

class GroupModule final : public Module {
public:
    std::string_view name() const override { return "group"; }

    std::vector<std::string> validate(const core::Value& args) const override { return sys::check_args(args, k_args); }

    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)context;
        const std::string name = sys::arg_string(sys::canonical_args(args, k_args), "name").value_or("");
        ProbeScript script;
        script.raw("if g=$(getent group " + shell_quote(name) + "); then");
        script.section("group", "printf '%s\\n' \"$g\"");
        script.raw("fi; exit 0");
        return script.str();
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)context;
        const core::Value args = sys::canonical_args(raw, k_args);
        const std::string name = sys::arg_string(args, "name").value_or("");
        const std::string state = sys::arg_string(args, "state").value_or("present");
        const auto gid = SCSCTL_ARG(sys::arg_int(args, "gid"));
        const bool system = SCSCTL_ARG(sys::arg_bool(args, "system", false));
        const bool non_unique = SCSCTL_ARG(sys::arg_bool(args, "non_unique", false));
        const auto line = ProbeOutput::parse(probe.stdout_text).get("group");
        std::optional<long long> current_gid;
        if (line) {
            std::vector<std::string> fields;
            std::istringstream in(*line);
            for (std::string field; std::getline(in, field, ':');) {
                fields.push_back(field);
            }
            current_gid = fields.size() >= 3 ? std::atoll(fields[2].c_str()) : 0;
        }
        Decision decision;
        auto run = [&](std::string script) {
            decision.steps.emplace_back(CommandStep{std::move(script), "", std::chrono::milliseconds(0)});
            decision.changed = true;
        };
        const std::string gid_option = gid ? " -g " + std::to_string(*gid) + (non_unique ? " -o" : "") : "";
        if (state == "absent" && current_gid) {
            run("groupdel " + shell_quote(name));
        } else if (state == "present" && !current_gid) {
            run("groupadd" + gid_option + (system ? " -r" : "") + " " + shell_quote(name));
        } else if (state == "present" && gid && *gid != *current_gid) {
            run("groupmod" + gid_option + " " + shell_quote(name));
        }
        decision.result["name"] = name;
        decision.result["state"] = state;
        if (state == "present") {
            decision.result["gid"] = gid ? core::Value(*gid) : (current_gid ? core::Value(*current_gid) : core::Value());
            decision.result["system"] = system;
        }
        if (!decision.changed) {
            decision.reason = "group " + name + (state == "present" ? " exists" : " is absent");
        }
        return decision;
    }
};

} // namespace

const Module& group_module()
{
    static const GroupModule k_module;
    return k_module;
}

} // namespace scsctl::modules
