// ovn-sbctl talks to the local southbound database (its unix socket), so the check
// needs nothing open towards the controller; become because the socket is root's.
// --no-leader-only: a RAFT follower answers reads from its own copy.
#include "health/ovn_chassis_check.hpp"

#include "health/layer_check_support.hpp"
#include "health/ovn_chassis.hpp"

namespace scsctl::health {

namespace {

std::string joined(const std::vector<std::string>& names)
{
    std::string text;
    for (const auto& name : names) {
        text += (text.empty() ? "" : ", ") + name;
    }
    return text;
}

} // namespace

std::vector<CheckResult> OvnChassisCheck::run(const CheckContext& context) const
{
    std::vector<CheckResult> results;
    const auto outcomes = run_command_on(context, context.hosts,
                                         "ovn-sbctl --no-leader-only --timeout=10 --format=json --columns=name,hostname list Chassis", true);
    for (const auto& outcome : outcomes) {
        const auto took = std::chrono::milliseconds(static_cast<long>(outcome.duration_ms));
        if (outcome.status != model::HostStatus::ok || outcome.rc != 0) {
            const std::string said = outcome.status == model::HostStatus::unreachable
                                         ? "unreachable: " + first_line_of(outcome.error)
                                         : "ovn-sbctl failed (exit " + std::to_string(outcome.rc) +
                                               "): " + first_line_of(outcome.stderr_text + outcome.error);
            results.push_back(make_result(*this, outcome.host, CheckStatus::fail, said, took));
            continue;
        }
        auto table = parse_chassis_table(nlohmann::json::parse(outcome.stdout_text, nullptr, false));
        if (!table) {
            results.push_back(make_result(*this, outcome.host, CheckStatus::fail, table.error().message, took));
            continue;
        }
        const auto missing = missing_chassis(m_expected, *table);
        if (missing.empty()) {
            results.push_back(make_result(*this, outcome.host, CheckStatus::pass,
                                          std::to_string(m_expected.size()) + " of " +
                                              std::to_string(m_expected.size()) + " chassis registered",
                                          took));
        } else {
            results.push_back(make_result(*this, outcome.host, CheckStatus::fail,
                                          "not registered: " + joined(missing) + " (" +
                                              std::to_string(m_expected.size() - missing.size()) + " of " +
                                              std::to_string(m_expected.size()) + " chassis registered)",
                                          took));
        }
    }
    return results;
}

} // namespace scsctl::health
