// Judging one host: reachability and sudo from the transport outcome, the other checks
// from the parsed facts (resource_checks.cpp, ports_check.cpp).
#include "preflight/evaluate.hpp"

#include <cstdio>

#include "transport/become.hpp"

namespace scsctl::preflight {

namespace {

std::string first_line(std::string_view text)
{
    while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) {
        text.remove_prefix(1);
    }
    text = text.substr(0, text.find('\n'));
    return std::string(text.substr(0, 160));
}

std::string failure_text(const transport::Failure& failure)
{
    std::string text = failure.message;
    const auto hint = transport::hint_for(failure.kind);
    if (!hint.empty()) {
        text += " (hint: " + std::string(hint) + ")";
    }
    return text;
}

/// Why the probe under sudo gave no facts ("" when it did).
std::string sudo_problem(const transport::CommandOutcome& outcome, bool become_password)
{
    if (!outcome) {
        if (outcome.error().kind == transport::FailureKind::sudo_password) {
            return become_password ? "sudo rejected the become password"
                                   : "sudo needs a password: set ansible_become_password (or allow NOPASSWD)";
        }
        return failure_text(outcome.error());
    }
    if (outcome->stdout_data.find(k_probe_header) != std::string::npos) {
        return "";
    }
    const auto said = first_line(transport::strip_sudo_prompt(outcome->stderr_data));
    return "sudo failed (exit status " + std::to_string(outcome->exit_status) + ")" + (said.empty() ? "" : ": " + said);
}

/// The checks not judged yet (those after the last row, in k_check_names order) get `status`.
void fill(HostReport& report, Status status, const std::string& detail)
{
    for (std::size_t i = report.checks.size(); i < std::size(k_check_names); ++i) {
        report.checks.push_back({k_check_names[i], status, detail});
    }
}

} // namespace

std::string gib_text(std::uint64_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GiB", static_cast<double>(bytes) / static_cast<double>(k_gib));
    return text;
}

HostReport evaluate_host(const std::string& host, const ProbeRun& run, const HostRequirements& requirements)
{
    HostReport report;
    report.host = host;
    if (run.with_become) {
        report.duration_ms = static_cast<double>(run.with_become->duration.count()) / 1000.0;
    }
    if (!run.with_become && run.with_become.error().unreachable()) {
        report.checks.push_back({"reachable", Status::fail, failure_text(run.with_become.error())});
        fill(report, Status::skip, "host unreachable");
        return report;
    }
    report.checks.push_back({"reachable", Status::pass, "SSH connection and login work"});
    const auto problem = sudo_problem(run.with_become, run.become_password);
    const transport::CommandOutcome* facts_from = &run.with_become;
    if (problem.empty()) {
        report.checks.push_back(
            {"sudo", Status::pass,
             run.become_password ? "sudo works with the become password" : "sudo works without a password"});
    } else {
        report.checks.push_back({"sudo", Status::fail, problem});
        facts_from = run.without_become ? &*run.without_become : nullptr;
    }
    if (facts_from == nullptr || !*facts_from) {
        fill(report, Status::fail,
             "probe did not run: " + (facts_from == nullptr ? problem : failure_text(facts_from->error())));
        return report;
    }
    auto facts = parse_probe_output((*facts_from)->stdout_data);
    if (!facts) {
        const auto said = first_line((*facts_from)->stderr_data);
        fill(report, Status::fail, "probe: " + facts.error().message + (said.empty() ? "" : " (" + said + ")"));
        return report;
    }
    report.checks.push_back(os_check(*facts));
    report.checks.push_back(disk_check(*facts, requirements));
    report.checks.push_back(memory_check(*facts, requirements));
    report.checks.push_back(time_check(*facts, requirements, run.window));
    report.checks.push_back(ports_check(*facts, requirements));
    return report;
}

CheckResult os_check(const HostFacts& facts)
{
    const auto value = [&](const char* key) {
        const auto found = facts.os_release.find(key);
        return found == facts.os_release.end() ? std::string() : found->second;
    };
    if (facts.os_release.empty()) {
        return {"os", Status::fail, "no /etc/os-release: cannot tell the operating system; scsctl deploys Debian 12"};
    }
    const auto pretty = value("PRETTY_NAME").empty() ? value("ID") + " " + value("VERSION_ID") : value("PRETTY_NAME");
    if (value("ID") == "debian" && value("VERSION_ID") == "12") {
        return {"os", Status::pass, pretty};
    }
    return {"os", Status::fail,
            "found " + pretty + " (ID=" + value("ID") + ", VERSION_ID=" + value("VERSION_ID") +
                "); scsctl deploys Debian 12 (bookworm)"};
}

} // namespace scsctl::preflight
