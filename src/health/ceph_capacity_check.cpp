// See ceph_capacity_check.hpp. The verdict is the cluster's, so every monitor host gets
// the same one; the source (librados or the host the `ceph` command ran on) ends the detail.
#include "health/ceph_capacity_check.hpp"

#include "health/ceph_capacity.hpp"
#include "health/ceph_documents.hpp"
#include "health/layer_check_support.hpp"

namespace scsctl::health {

std::vector<CheckResult> CephCapacityCheck::run(const CheckContext& context) const
{
    std::vector<CheckResult> results;
    if (context.hosts.empty()) {
        return results;
    }
    const auto started = std::chrono::steady_clock::now();
    const CephDocuments read = read_ceph_documents(context, {"df", "osd dump"});
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    CheckStatus status = CheckStatus::fail;
    std::string detail = read.error;
    if (read.error.empty()) {
        const auto verdict = judge_ceph_capacity(parse_ceph_df(read.answers.at(0)), parse_osd_ratios(read.answers.at(1)));
        status = verdict.level == CapacityLevel::full ? CheckStatus::fail : CheckStatus::pass;
        detail = verdict.detail + " (" + read.source + ")";
    }
    for (const auto& host : context.hosts) {
        results.push_back(make_result(*this, host.name, status, detail, took));
    }
    return results;
}

} // namespace scsctl::health
