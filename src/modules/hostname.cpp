// The hostname module: hostnamectl where systemd runs (use: systemd), else
// /etc/hostname plus `hostname` (use: debian, alpine, generic). Depends on system_args.
#include <array>

#include "core/shell_quote.hpp"
#include "modules/remote_probe.hpp"
#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

using core::shell_quote;

const std::array<sys::ArgSpec, 2> k_args = {{
    {"name", sys::ArgType::string, {}, {}, true},
    {"use", sys::ArgType::string, {}, {"systemd", "debian", "alpine", "generic", "redhat", "sles", "openrc"}},
}};

std::string first_line(const std::string& text)
{
    return text.substr(0, text.find('\n'));
}

class HostnameModule final : public Module {
public:
    std::string_view name() const override { return "hostname"; }

    std::vector<std::string> validate(const core::Value& args) const override { return sys::check_args(args, k_args); }

    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)args;
        (void)context;
        ProbeScript script;
        script.raw("if command -v hostnamectl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then");
        script.section("systemd", "echo yes");
        script.section("static", "hostnamectl --static 2>/dev/null || cat /etc/hostname 2>/dev/null");
        script.raw("fi");
        script.section("current", "hostname 2>/dev/null || uname -n");
        script.content("etc_hostname", "/etc/hostname");
        script.raw("exit 0");
        return script.str();
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)context;
        const core::Value args = sys::canonical_args(raw, k_args);
        const std::string name = sys::arg_string(args, "name").value_or("");
        const ProbeOutput output = ProbeOutput::parse(probe.stdout_text);
        const bool systemd_running = output.has("systemd");
        const std::string use = sys::arg_string(args, "use").value_or(systemd_running ? "systemd" : "generic");
        if (use == "systemd" && !systemd_running) {
            return sys::failed_decision("use=systemd needs hostnamectl and a running systemd");
        }
        const std::string current = first_line(output.get("current").value_or(""));
        const std::string stored = first_line(use == "systemd" ? output.get("static").value_or("")
                                                               : SCSCTL_ARG(output.decoded("etc_hostname")).value_or(""));
        Decision decision;
        if (current != name || stored != name) {
            decision.changed = true;
            if (use == "systemd") {
                decision.steps.emplace_back(
                    CommandStep{"hostnamectl set-hostname " + shell_quote(name), "", std::chrono::milliseconds(0)});
            } else {
                decision.steps.emplace_back(
                    UploadStep{"/etc/hostname", std::nullopt, name + "\n", std::nullopt, std::nullopt, std::nullopt});
                decision.steps.emplace_back(CommandStep{"hostname " + shell_quote(name), "", std::chrono::milliseconds(0)});
            }
            decision.diffs.push_back(Diff{"", "", "hostname = " + current + "\n", "hostname = " + name + "\n"});
        } else {
            decision.reason = "hostname is already " + name;
        }
        const auto dot = name.find('.');
        decision.result["ansible_facts"] = {
            {"ansible_hostname", name.substr(0, dot)},
            {"ansible_nodename", name},
            {"ansible_fqdn", name},
            {"ansible_domain", dot == std::string::npos ? "" : name.substr(dot + 1)},
        };
        decision.result["name"] = name;
        return decision;
    }
};

} // namespace

const Module& hostname_module()
{
    static const HostnameModule k_module;
    return k_module;
}

} // namespace scsctl::modules
