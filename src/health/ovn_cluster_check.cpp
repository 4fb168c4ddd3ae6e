// Both databases' status in one command, separated by a marker line, so that one SSH
// round trip per central answers the check.
#include "health/ovn_cluster_check.hpp"

#include "health/layer_check_support.hpp"
#include "health/ovn_cluster.hpp"

namespace scsctl::health {

namespace {

constexpr std::string_view k_separator = "--scsctl-next-database--";

} // namespace

std::vector<CheckResult> OvnClusterCheck::run(const CheckContext& context) const
{
    std::vector<CheckResult> results;
    const std::string command = "ovs-appctl -t /var/run/ovn/ovnnb_db.ctl cluster/status OVN_Northbound && echo " +
                                std::string(k_separator) +
                                " && ovs-appctl -t /var/run/ovn/ovnsb_db.ctl cluster/status OVN_Southbound";
    for (const auto& outcome : run_command_on(context, context.hosts, command, true)) {
        const auto took = std::chrono::milliseconds(static_cast<long>(outcome.duration_ms));
        if (outcome.status != model::HostStatus::ok || outcome.rc != 0) {
            const std::string said = outcome.status == model::HostStatus::unreachable
                                         ? "unreachable: " + first_line_of(outcome.error)
                                         : "cluster/status failed (exit " + std::to_string(outcome.rc) +
                                               "): " + first_line_of(outcome.stderr_text + outcome.error);
            results.push_back(make_result(*this, outcome.host, CheckStatus::fail, said, took));
            continue;
        }
        const std::string_view text = outcome.stdout_text;
        const auto split = text.find(k_separator);
        std::string problems;
        std::string summary;
        for (const auto part :
             {text.substr(0, split),
              split == std::string_view::npos ? std::string_view{} : text.substr(split + k_separator.size())}) {
            const auto status = parse_cluster_status(part);
            if (!status) {
                problems += (problems.empty() ? "" : "; ") + status.error().message;
                continue;
            }
            const auto problem = raft_problem(*status, m_members);
            problems += problem.empty() ? "" : (problems.empty() ? "" : "; ") + problem;
            summary += (summary.empty() ? "" : ", ") + raft_summary(*status);
        }
        if (problems.empty()) {
            results.push_back(make_result(
                *this, outcome.host, CheckStatus::pass,
                summary + "; " + std::to_string(m_members) + " of " + std::to_string(m_members) + " servers", took));
        } else {
            results.push_back(make_result(*this, outcome.host, CheckStatus::fail, problems, took));
        }
    }
    return results;
}

} // namespace scsctl::health
