// Service state: the probe (systemctl show/is-active/is-enabled, or the init script's
// status and rc links) and the decision shared by service and systemd.
#include "modules/service_support.hpp"

#include <sstream>

#include "core/shell_quote.hpp"
#include "modules/remote_probe.hpp"

namespace scsctl::modules {

namespace {

using core::shell_quote;

std::string first_line(const std::optional<std::string>& text)
{
    if (!text) {
        return "";
    }
    return text->substr(0, text->find('\n'));
}

/// `systemctl CMD NAME` or the init script / update-rc.d equivalent.
std::string control_command(const ServiceRequest& request, const ServiceState& state, const std::string& action)
{
    const std::string quoted = shell_quote(request.name);
    if (action == "daemon-reload") {
        return "systemctl daemon-reload";
    }
    if (state.systemd && !request.force_sysv) {
        return std::string("systemctl ") + (request.no_block ? "--no-block " : "") + action + " " + quoted;
    }
    if (action == "enable" || action == "disable") {
        return "if command -v update-rc.d >/dev/null 2>&1; then update-rc.d " + quoted + " " +
               (action == "enable" ? "defaults >/dev/null && update-rc.d " + quoted + " enable" : "disable") +
               "; elif command -v chkconfig >/dev/null 2>&1; then chkconfig " + quoted + " " +
               (action == "enable" ? "on" : "off") + "; else echo 'no update-rc.d or chkconfig' >&2; exit 1; fi";
    }
    return "/etc/init.d/" + quoted + " " + action + (request.arguments.empty() ? "" : " " + request.arguments);
}

} // namespace

std::string service_probe(std::string_view name)
{
    const std::string quoted = shell_quote(name);
    ProbeScript script;
    script.raw("if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then");
    script.section("systemd", "echo yes");
    script.section("show", "systemctl show " + quoted +
                               " -p LoadState -p ActiveState -p SubState -p UnitFileState 2>/dev/null");
    script.section("is_enabled", "systemctl is-enabled " + quoted + " 2>/dev/null; echo \"rc=$?\"");
    script.raw("fi");
    script.raw("if [ -x /etc/init.d/" + quoted + " ]; then");
    script.section("sysv_status", "/etc/init.d/" + quoted + " status >/dev/null 2>&1 </dev/null; echo $?");
    script.section("sysv_links", "ls /etc/rc2.d /etc/rc3.d /etc/rc4.d /etc/rc5.d 2>/dev/null | grep -c '^S[0-9]*'" +
                                     shell_quote(std::string(name) + "$") + " || true");
    script.raw("fi");
    script.raw("exit 0");
    return script.str();
}

ServiceState parse_service_probe(std::string_view stdout_text)
{
    const ProbeOutput output = ProbeOutput::parse(stdout_text);
    ServiceState state;
    state.sysv = output.has("sysv_status");
    if (output.has("systemd")) {
        state.systemd = true;
        std::istringstream in(output.get("show").value_or(""));
        for (std::string line; std::getline(in, line);) {
            const auto equals = line.find('=');
            if (equals != std::string::npos) {
                state.status[line.substr(0, equals)] = line.substr(equals + 1);
            }
        }
        const std::string load = state.status.value("LoadState", "not-found");
        const std::string active = state.status.value("ActiveState", "inactive");
        const std::string enabled_text = output.get("is_enabled").value_or("");
        state.found = load != "not-found" || state.sysv;
        state.masked = load == "masked" || enabled_text.starts_with("masked");
        state.running = active == "active" || active == "activating" || active == "reloading";
        state.enabled = enabled_text.find("rc=0") != std::string::npos;
        return state;
    }
    state.found = state.sysv;
    state.running = state.sysv && first_line(output.get("sysv_status")) == "0";
    state.enabled = state.sysv && first_line(output.get("sysv_links")) != "0" && !first_line(output.get("sysv_links")).empty();
    return state;
}

Decision decide_service(const ServiceRequest& request, const ServiceState& state, bool systemd_module,
                        const TaskContext& context)
{
    Decision decision;
    if (systemd_module && !state.systemd) {
        decision.failed = true;
        decision.result["msg"] = "systemd is not the running init system on " + context.host;
        return decision;
    }
    const bool needs_unit = request.state || request.enabled || (request.masked && !*request.masked);
    if (!state.found && needs_unit && !request.daemon_reload && !request.masked.value_or(false)) {
        decision.failed = true;
        decision.result["msg"] = systemd_module ? "Could not find the requested service " + request.name + ": host"
                                                : "Could not find the requested service " + request.name + ": ";
        return decision;
    }
    auto run = [&](const std::string& action, bool changes) {
        decision.steps.emplace_back(CommandStep{control_command(request, state, action), "", std::chrono::milliseconds(0)});
        decision.changed = decision.changed || changes;
    };
    if (request.daemon_reload) {
        run("daemon-reload", false);
    }
    if (request.masked && *request.masked != state.masked) {
        run(*request.masked ? "mask" : "unmask", true);
    }
    if (request.enabled && (*request.enabled != state.enabled || (state.masked && !request.masked))) {
        run(*request.enabled ? "enable" : "disable", true);
    }
    if (request.state) {
        const std::string& want = *request.state;
        if (want == "started" && !state.running) {
            run("start", true);
        } else if (want == "stopped" && state.running) {
            run("stop", true);
        } else if (want == "restarted") {
            run("restart", true);
        } else if (want == "reloaded") {
            run(state.running ? "reload" : "start", true);
        }
    }
    decision.result["name"] = request.name;
    if (request.state) {
        decision.result["state"] = *request.state == "reloaded" || *request.state == "restarted" || *request.state == "started"
                                       ? "started"
                                       : "stopped";
    }
    if (request.enabled) {
        decision.result["enabled"] = *request.enabled;
    }
    if (systemd_module || state.systemd) {
        decision.result["status"] = state.status;
    }
    if (decision.steps.empty()) {
        decision.reason = "service " + request.name + " is already in the requested state";
    }
    return decision;
}

} // namespace scsctl::modules
