// One status read for all monitors (ceph_documents: librados first, the `ceph` command
// over the transport when the monitors cannot be reached from the controller); each
// monitor's result adds whether it is in quorum.
#include "health/ceph_cluster_check.hpp"

#include <algorithm>

#include "health/ceph_documents.hpp"
#include "health/ceph_status.hpp"
#include "health/layer_check_support.hpp"

namespace scsctl::health {

namespace {

bool in_quorum(const CephStatusSummary& summary, const std::string& host)
{
    return std::find(summary.quorum.begin(), summary.quorum.end(), host) != summary.quorum.end();
}

} // namespace

std::vector<CheckResult> CephClusterCheck::run(const CheckContext& context) const
{
    std::vector<CheckResult> results;
    if (context.hosts.empty()) {
        return results;
    }
    const auto started = std::chrono::steady_clock::now();
    const CephDocuments read = read_ceph_documents(context, {"status"});
    const auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (!read.error.empty()) {
        for (const auto& host : context.hosts) {
            results.push_back(make_result(*this, host.name, CheckStatus::fail, read.error, took));
        }
        return results;
    }
    const CephStatusSummary summary = summarize_ceph_status(read.answers.front());
    const auto problems = ceph_status_problems(summary);
    std::string problem_text;
    for (const auto& problem : problems) {
        problem_text += (problem_text.empty() ? "" : "; ") + problem;
    }
    const std::string described = describe_ceph_status(summary) + " (" + read.source + ")";
    for (const auto& host : context.hosts) {
        if (!problems.empty()) {
            results.push_back(make_result(*this, host.name, CheckStatus::fail, problem_text + " — " + described, took));
        } else if (!in_quorum(summary, host.name)) {
            results.push_back(make_result(*this, host.name, CheckStatus::fail,
                                          "monitor " + host.name + " is not in quorum — " + described, took));
        } else {
            results.push_back(make_result(*this, host.name, CheckStatus::pass, described, took));
        }
    }
    return results;
}

} // namespace scsctl::health
