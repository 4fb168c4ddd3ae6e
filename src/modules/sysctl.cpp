// The sysctl module: keeps `name=value` in sysctl_file (an upload of the edited file,
// with a diff), reloads it and, with sysctl_set, sets the live value. Depends on
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

const std::array<sys::ArgSpec, 7> k_args = {{
    {"name", sys::ArgType::string, {"key"}, {}, true},
    {"value", sys::ArgType::string, {"val"}},
    {"state", sys::ArgType::string, {}, {"present", "absent"}},
    {"reload", sys::ArgType::boolean},
    {"sysctl_file", sys::ArgType::string},
    {"sysctl_set", sys::ArgType::boolean},
    {"ignoreerrors", sys::ArgType::boolean},
}};

/// Whitespace runs collapsed to one space, ends trimmed (Ansible compares values so).
std::string normalized(const std::string& text)
{
    std::istringstream in(text);
    std::string out;
    for (std::string word; in >> word;) {
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

/// The file with `name`'s lines replaced by `line` (first occurrence; others dropped),
/// appended when missing; `line` empty removes them.
std::string edited(const std::string& before, const std::string& name, const std::string& line)
{
    std::istringstream in(before);
    std::string out;
    bool placed = false;
    for (std::string current; std::getline(in, current);) {
        const auto equals = current.find('=');
        const bool comment = normalized(current).starts_with('#') || normalized(current).starts_with(';');
        if (!comment && equals != std::string::npos && normalized(current.substr(0, equals)) == name) {
            // A line that already holds the value keeps its spelling ("a = 1" for "a=1").
            const bool same = !line.empty() && normalized(current.substr(equals + 1)) == normalized(line.substr(line.find('=') + 1));
            if (!placed && !line.empty()) {
                out += (same ? current : line) + "\n";
            }
            placed = true;
            continue;
        }
        out += current + "\n";
    }
    if (!placed && !line.empty()) {
        out += line + "\n";
    }
    return out;
}

class SysctlModule final : public Module {
public:
    std::string_view name() const override { return "sysctl"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        auto errors = sys::check_args(args, k_args);
        const core::Value canonical = sys::canonical_args(args, k_args);
        if (sys::arg_string(canonical, "state").value_or("present") == "present" && !canonical.contains("value")) {
            errors.emplace_back("value cannot be None");
        }
        return errors;
    }

    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)context;
        const core::Value canonical = sys::canonical_args(args, k_args);
        const std::string name = sys::arg_string(canonical, "name").value_or("");
        ProbeScript script;
        script.section("current", "sysctl -n -e " + shell_quote(name) + " 2>/dev/null");
        script.content("file", sys::arg_string(canonical, "sysctl_file").value_or("/etc/sysctl.conf"));
        script.raw("exit 0");
        return script.str();
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override;
};

core::Result<Decision> SysctlModule::decide(const core::Value& raw, const StepResult& probe,
                                            const TaskContext& context) const
{
    (void)context;
    const core::Value args = sys::canonical_args(raw, k_args);
    const std::string name = normalized(sys::arg_string(args, "name").value_or(""));
    std::string value = sys::arg_string(args, "value").value_or("");
    const auto boolean = args.contains("value") && args["value"].is_boolean() ? sys::to_bool(args["value"]) : std::nullopt;
    if (boolean) {
        value = *boolean ? "1" : "0";
    }
    value = normalized(value);
    const std::string state = sys::arg_string(args, "state").value_or("present");
    const std::string file = sys::arg_string(args, "sysctl_file").value_or("/etc/sysctl.conf");
    const bool reload = SCSCTL_ARG(sys::arg_bool(args, "reload", true));
    const bool set_live = SCSCTL_ARG(sys::arg_bool(args, "sysctl_set", false));
    const bool ignore = SCSCTL_ARG(sys::arg_bool(args, "ignoreerrors", false));
    const ProbeOutput output = ProbeOutput::parse(probe.stdout_text);
    const std::string before = SCSCTL_ARG(output.decoded("file")).value_or("");
    const std::string current = normalized(output.get("current").value_or(""));
    const std::string after = edited(before, name, state == "present" ? name + "=" + value : "");

    Decision decision;
    if (after != before) {
        decision.changed = true;
        decision.steps.emplace_back(UploadStep{file, std::nullopt, after, std::nullopt, std::nullopt, std::nullopt});
        decision.diffs.push_back(Diff{file, file, before, after});
    }
    if (state == "present" && set_live && current != value) {
        decision.changed = true;
        decision.steps.emplace_back(
            CommandStep{"sysctl -w " + shell_quote(name + "=" + value), "", std::chrono::milliseconds(0)});
    }
    if (after != before && reload) {
        decision.steps.emplace_back(CommandStep{"sysctl " + std::string(ignore ? "-e " : "") + "-p " + shell_quote(file),
                                                "", std::chrono::milliseconds(0)});
    }
    if (!decision.changed) {
        decision.reason = name + " already " + (state == "present" ? "set to " + value : "absent") + " in " + file;
    }
    return decision;
}

} // namespace

const Module& sysctl_module()
{
    static const SysctlModule k_module;
    return k_module;
}

} // namespace scsctl::modules
