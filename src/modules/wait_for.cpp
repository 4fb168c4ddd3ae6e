// The wait_for module: one POSIX sh loop on the host waits for a TCP port (nc, bash's
// /dev/tcp, or /proc/net/tcp for local listeners) or a file. Depends on system_args.
#include <array>
#include <cmath>
#include <sstream>

#include "core/shell_quote.hpp"
#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

using core::shell_quote;

const std::array<sys::ArgSpec, 12> k_args = {{
    {"host", sys::ArgType::string},
    {"port", sys::ArgType::integer},
    {"path", sys::ArgType::string},
    {"state", sys::ArgType::string, {}, {"started", "stopped", "present", "absent"}},
    {"search_regex", sys::ArgType::string},
    {"delay", sys::ArgType::number},
    {"timeout", sys::ArgType::number},
    {"sleep", sys::ArgType::number},
    {"connect_timeout", sys::ArgType::number},
    {"msg", sys::ArgType::string},
    {"exclude_hosts", sys::ArgType::list},
    {"active_connection_states", sys::ArgType::list},
}};

struct Tools {
    bool nc = false;
    bool bash = false;
    bool timeout = false;
};

Tools tools_from(const std::string& text)
{
    Tools out;
    std::istringstream in(text);
    for (std::string word; in >> word;) {
        out.nc = out.nc || word == "nc";
        out.bash = out.bash || word == "bash";
        out.timeout = out.timeout || word == "timeout";
    }
    return out;
}

bool is_local(const std::string& host)
{
    return host == "127.0.0.1" || host == "localhost" || host == "0.0.0.0" || host == "::1" || host == "::";
}

/// A sh command whose exit status says whether the port answers (and, with a regex,
/// whether what it sends matches); "" when the host has no way to test it.
std::string port_test(const std::string& host, long long port, const std::optional<std::string>& regex,
                      long long connect_timeout, const Tools& tools)
{
    const std::string ct = std::to_string(connect_timeout);
    const std::string grep = regex ? " | grep -E -q -- " + shell_quote(*regex) : "";
    if (tools.nc) {
        if (regex) {
            return "nc -w " + ct + " " + shell_quote(host) + " " + std::to_string(port) + " </dev/null 2>/dev/null" + grep;
        }
        return "nc -z -w " + ct + " " + shell_quote(host) + " " + std::to_string(port) + " >/dev/null 2>&1";
    }
    if (tools.bash) {
        const std::string inner = "exec 3<>/dev/tcp/" + host + "/" + std::to_string(port) + (regex ? "; cat <&3" : "");
        const std::string wrap = tools.timeout ? "timeout " + ct + " " : "";
        return wrap + "bash -c " + shell_quote(inner) + " 2>/dev/null" + grep;
    }
    if (is_local(host) && !regex) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%04llX", port);
        return "awk -v p=" + std::string(hex) +
               " 'FNR>1 { n=split($2,a,\":\"); if (a[n]==p && $4==\"0A\") f=1 } END { exit !f }' "
               "/proc/net/tcp /proc/net/tcp6 2>/dev/null";
    }
    return "";
}

std::string seconds_text(double seconds)
{
    std::ostringstream out;
    out << seconds;
    return out.str();
}

/// The waiting loop: exit 0 (printing elapsed=N) once `test` reaches the wanted
/// state, 1 after `timeout` seconds; with no test, just sleep the timeout.
std::string loop_script(const std::string& test, bool want_up, double delay, double timeout, double sleep)
{
    std::string script = "start=$(date +%s)\n";
    if (delay > 0) {
        script += "sleep " + seconds_text(delay) + "\n";
    }
    if (test.empty()) {
        script += "sleep " + seconds_text(timeout) + "\necho \"elapsed=$(( $(date +%s) - start ))\"\n";
    } else {
        script += "while :; do\n  if " + std::string(want_up ? "" : "! ") + "{ " + test +
                  "; }; then echo \"elapsed=$(( $(date +%s) - start ))\"; exit 0; fi\n"
                  "  if [ $(( $(date +%s) - start )) -ge " + std::to_string(std::llround(std::ceil(timeout))) +
                  " ]; then echo \"elapsed=$(( $(date +%s) - start ))\"; exit 1; fi\n"
                  "  sleep " + seconds_text(sleep) + "\ndone\n";
    }
    return script;
}

class WaitForModule final : public Module {
public:
    std::string_view name() const override { return "wait_for"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        auto errors = sys::check_args(args, k_args);
        const core::Value canonical = sys::canonical_args(args, k_args);
        if (canonical.contains("port") && canonical.contains("path")) {
            errors.emplace_back("port and path parameter can not both be passed to wait_for");
        }
        for (const char* unsupported : {"exclude_hosts", "active_connection_states"}) {
            if (canonical.contains(unsupported)) {
                errors.push_back(std::string(unsupported) + " is not supported (state=drained is not implemented)");
            }
        }
        return errors;
    }

    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)args;
        (void)context;
        return std::string("for t in nc bash timeout; do command -v \"$t\" >/dev/null 2>&1 && echo \"$t\"; done; exit 0\n");
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override;

    core::Value finish(const Decision& decision, const std::vector<StepResult>& steps,
                       const TaskContext& context) const override
    {
        core::Value out = Module::finish(decision, steps, context);
        if (!steps.empty()) {
            const std::string& text = steps.back().stdout_text;
            const auto at = text.rfind("elapsed=");
            if (at != std::string::npos) {
                out["elapsed"] = std::atoll(text.c_str() + at + 8);
            }
            if (steps.back().rc == 1 && steps.back().error.empty()) {
                out["msg"] = decision.result.value("_timeout_msg", "Timeout");
                out.erase("stdout");
                out.erase("stderr");
                out.erase("rc");
            }
        }
        out.erase("_timeout_msg");
        return out;
    }
};

core::Result<Decision> WaitForModule::decide(const core::Value& raw, const StepResult& probe,
                                             const TaskContext& context) const
{
    (void)context;
    const core::Value args = sys::canonical_args(raw, k_args);
    const std::string host = sys::arg_string(args, "host").value_or("127.0.0.1");
    const auto port = SCSCTL_ARG(sys::arg_int(args, "port"));
    const auto path = sys::arg_string(args, "path");
    const auto regex = sys::arg_string(args, "search_regex");
    const std::string state = sys::arg_string(args, "state").value_or("started");
    const double delay = SCSCTL_ARG(sys::arg_seconds(args, "delay", 0));
    const double timeout = SCSCTL_ARG(sys::arg_seconds(args, "timeout", 300));
    const double sleep = SCSCTL_ARG(sys::arg_seconds(args, "sleep", 1));
    const double connect_timeout = SCSCTL_ARG(sys::arg_seconds(args, "connect_timeout", 5));
    const bool want_up = state == "started" || state == "present";

    Decision decision;
    decision.check_mode_unsupported = true;
    std::string test;
    std::string target;
    if (port) {
        test = port_test(host, *port, regex, std::max<long long>(1, std::llround(connect_timeout)), tools_from(probe.stdout_text));
        if (test.empty()) {
            return sys::failed_decision("cannot test TCP port " + std::to_string(*port) + " on this host: it has neither nc "
                                        "nor bash" + (is_local(host) ? "" : " (/proc/net/tcp works for local ports only)"));
        }
        target = host + ":" + std::to_string(*port);
        decision.result["_timeout_msg"] = "Timeout when waiting for " + target + (want_up ? "" : " to stop.");
    } else if (path) {
        test = regex ? "grep -E -q -- " + shell_quote(*regex) + " " + shell_quote(*path) + " 2>/dev/null"
                     : "[ -e " + shell_quote(*path) + " ]";
        decision.result["_timeout_msg"] =
            regex ? "Timeout when waiting for search string " + *regex + " in " + *path
                  : (want_up ? "Timeout when waiting for file " + *path : "Timeout when waiting for " + *path + " to be absent.");
    }
    if (const auto msg = sys::arg_string(args, "msg")) {
        decision.result["_timeout_msg"] = *msg;
    }
    const std::string script = loop_script(test, want_up, delay, timeout, sleep);
    decision.steps.emplace_back(CommandStep{script, "", std::chrono::milliseconds(0)});
    decision.result["elapsed"] = 0;
    decision.result["match_groupdict"] = core::Value::object();
    decision.result["match_groups"] = core::Value::array();
    decision.result["path"] = path ? core::Value(*path) : core::Value();
    decision.result["port"] = port ? core::Value(*port) : core::Value();
    decision.result["search_regex"] = regex ? core::Value(*regex) : core::Value();
    decision.result["state"] = state;
    return decision;
}

} // namespace

const Module& wait_for_module()
{
    static const WaitForModule k_module;
    return k_module;
}

} // namespace scsctl::modules
