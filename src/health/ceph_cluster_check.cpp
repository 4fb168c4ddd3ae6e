// The key never touches the controller's disk or any output: it is read from the
// monitor's keyring file into a string, handed to librados through rados_conf_set, and
// wiped. librados talks to every monitor's address (ansible_host) on Ceph's default
// ports; if that fails (a firewall, monitors on a private network), the same status
// document comes from `ceph status` on the first monitor that answers.
#include "health/ceph_cluster_check.hpp"

#include <string.h>

#include <algorithm>
#include <optional>

#include "health/ceph_status.hpp"
#include "health/layer_check_support.hpp"
#if SCSCTL_HAVE_RADOS
#include "health/rados_status.hpp"
#endif

namespace scsctl::health {

namespace {

struct StatusRead {
    nlohmann::json document;
    std::string source; ///< "librados" or "ceph status on HOST"
    std::string error;  ///< why neither way worked
};

#if SCSCTL_HAVE_RADOS
std::optional<nlohmann::json> status_through_librados(const CheckContext& context, std::string& why)
{
    auto keyring = run_command_on(context, {context.hosts.front()}, "cat /etc/ceph/ceph.client.admin.keyring", true);
    if (keyring.empty() || keyring.front().status != model::HostStatus::ok || keyring.front().rc != 0) {
        why = "no client.admin keyring on " + context.hosts.front().name;
        return std::nullopt;
    }
    RadosTarget target;
    for (const auto& host : context.hosts) {
        target.mon_host += (target.mon_host.empty() ? "" : ",") + host.connection.endpoint.target.address;
    }
    target.key = keyring_key(keyring.front().stdout_text);
    explicit_bzero(keyring.front().stdout_text.data(), keyring.front().stdout_text.size());
    auto status = rados_status(target);
    explicit_bzero(target.key.data(), target.key.size());
    if (!status) {
        why = status.error().message;
        return std::nullopt;
    }
    return std::move(*status);
}
#endif

StatusRead read_status(const CheckContext& context)
{
    StatusRead read;
    std::string librados_error = "scsctl was built without librados";
#if SCSCTL_HAVE_RADOS
    if (auto status = status_through_librados(context, librados_error)) {
        read.document = std::move(*status);
        read.source = "librados";
        return read;
    }
#endif
    for (const auto& host : context.hosts) {
        auto outcome = run_command_on(context, {host}, "ceph --connect-timeout 10 status --format json", true);
        if (outcome.empty() || outcome.front().status != model::HostStatus::ok || outcome.front().rc != 0) {
            continue;
        }
        auto parsed = nlohmann::json::parse(outcome.front().stdout_text, nullptr, false);
        if (!parsed.is_discarded()) {
            read.document = std::move(parsed);
            read.source = "ceph status on " + host.name;
            return read;
        }
    }
    read.error = "cannot read the cluster's status: librados: " + librados_error +
                 "; ceph status over SSH answered on no monitor";
    return read;
}

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
    const StatusRead read = read_status(context);
    const auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (!read.error.empty()) {
        for (const auto& host : context.hosts) {
            results.push_back(make_result(*this, host.name, CheckStatus::fail, read.error, took));
        }
        return results;
    }
    const CephStatusSummary summary = summarize_ceph_status(read.document);
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
