// Declarative command checks and the generic reachability check, both run through
// exec::run_adhoc: the same transport, host-key policy and become handling as `exec`.
#include "health/command_check.hpp"

namespace scsctl::health {

namespace {

std::string first_line(std::string_view text, std::size_t limit = 160)
{
    while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) {
        text.remove_prefix(1);
    }
    text = text.substr(0, text.find('\n'));
    return text.size() > limit ? std::string(text.substr(0, limit)) + "..." : std::string(text);
}

std::chrono::milliseconds millis(double ms)
{
    return std::chrono::milliseconds(static_cast<long>(ms));
}

CheckResult base_result(const HealthCheck& check, const model::CommandOutcome& outcome)
{
    CheckResult result;
    result.layer = check.layer();
    result.check = check.name();
    result.host = outcome.host;
    result.duration = millis(outcome.duration_ms);
    return result;
}

std::vector<model::CommandOutcome> run_on(const CheckContext& context, const std::string& command,
                                          std::chrono::milliseconds timeout, bool force_become)
{
    std::vector<exec::AdhocHost> hosts = context.hosts;
    if (force_become) {
        for (auto& host : hosts) {
            if (!host.connection.become) {
                host.connection.become = host.connection.become_settings;
            }
        }
    }
    exec::AdhocOptions options;
    options.command = command;
    options.forks = context.forks;
    options.timeout = timeout;
    return exec::run_adhoc(context.pool, hosts, options);
}

} // namespace

const char* status_name(CheckStatus status)
{
    switch (status) {
    case CheckStatus::pass:
        return "pass";
    case CheckStatus::fail:
        return "fail";
    case CheckStatus::error:
        return "error";
    }
    return "error";
}

CommandCheck::CommandCheck(std::string layer, layers::DeclaredCheck declared)
    : m_layer(std::move(layer)), m_declared(std::move(declared))
{
    if (!m_declared.stdout_regex.empty()) {
        regex::Flags flags;
        flags.multiline = true;
        auto compiled = regex::PythonRegex::compile(m_declared.stdout_regex, flags);
        if (compiled) {
            m_stdout = std::move(*compiled);
        } else {
            m_regex_error = compiled.error().message;
        }
    }
}

CheckResult CommandCheck::judge(const model::CommandOutcome& outcome) const
{
    CheckResult result = base_result(*this, outcome);
    result.status = CheckStatus::fail;
    if (outcome.status == model::HostStatus::unreachable) {
        result.detail = "unreachable: " + first_line(outcome.error);
        return result;
    }
    if (!outcome.exit_signal.empty() || (outcome.rc < 0 && !outcome.error.empty())) {
        result.detail = first_line(outcome.error);
        return result;
    }
    if (outcome.rc != m_declared.expect_rc) {
        const auto said = first_line(outcome.stderr_text.empty() ? outcome.stdout_text : outcome.stderr_text);
        result.detail = "exit status " + std::to_string(outcome.rc) + ", expected " +
                        std::to_string(m_declared.expect_rc) + (said.empty() ? "" : ": " + said);
        return result;
    }
    if (m_stdout) {
        auto found = m_stdout->search(outcome.stdout_text);
        if (!found) {
            result.status = CheckStatus::error;
            result.detail = "stdout regex: " + found.error().message;
            return result;
        }
        if (!*found) {
            result.detail = "stdout '" + first_line(outcome.stdout_text, 80) + "' does not match '" +
                            m_declared.stdout_regex + "'";
            return result;
        }
    }
    result.status = CheckStatus::pass;
    result.detail = "exit status " + std::to_string(outcome.rc) +
                    (m_stdout ? ", stdout matches '" + m_declared.stdout_regex + "'" : "");
    return result;
}

std::vector<CheckResult> CommandCheck::run(const CheckContext& context) const
{
    std::vector<CheckResult> results;
    if (!m_regex_error.empty()) {
        for (const auto& host : context.hosts) {
            results.push_back({m_layer, m_declared.name, host.name, CheckStatus::error,
                               "expect.stdout '" + m_declared.stdout_regex + "' is not a valid regex: " + m_regex_error,
                               {}});
        }
        return results;
    }
    for (const auto& outcome : run_on(context, m_declared.command, m_declared.timeout, m_declared.become)) {
        results.push_back(judge(outcome));
    }
    return results;
}

std::vector<CheckResult> ReachableCheck::run(const CheckContext& context) const
{
    std::vector<CheckResult> results;
    const auto outcomes = run_on(context, "true", std::chrono::seconds(30), false);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        CheckResult result = base_result(*this, outcomes[i]);
        const bool sudo = context.hosts[i].connection.become.has_value();
        if (outcomes[i].status == model::HostStatus::ok) {
            result.detail = sudo ? "reachable, sudo works" : "reachable, runs commands";
        } else {
            result.status = CheckStatus::fail;
            result.detail = (outcomes[i].status == model::HostStatus::unreachable ? "unreachable: " : "") +
                            first_line(outcomes[i].error);
        }
        results.push_back(std::move(result));
    }
    return results;
}

} // namespace scsctl::health
