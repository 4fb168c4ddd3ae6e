// openstack-api: token, catalog, every endpoint answering (see openstack_api_check.hpp).
// Pass: a token and every endpoint answers (HTTP < 500); fail: the login is refused or an
// endpoint does not answer; error: the settings are wrong (no such cloud, no password).
#include "health/openstack_api_check.hpp"

#include "health/layer_check_support.hpp"
#include "openstack/catalog_probe.hpp"
#include "openstack/connect.hpp"

namespace scsctl::health {

namespace {

struct Verdict {
    CheckStatus status;
    std::string detail;
};

Verdict evaluate(const std::string& cloud)
{
    openstack::ConnectOptions options;
    options.cloud = cloud;
    options.timeout_seconds = 20;
    auto api = openstack::connect(options);
    if (!api) {
        const bool settings = api.error().kind == core::ErrorKind::config || api.error().kind == core::ErrorKind::usage;
        return {settings ? CheckStatus::error : CheckStatus::fail, first_line_of(api.error().message, 300)};
    }
    const auto probes = openstack::probe_catalog(**api);
    std::size_t silent = 0;
    std::string first_problem;
    const openstack::EndpointProbe* slowest = nullptr;
    for (const auto& probe : probes) {
        if (!probe.answers) {
            if (silent++ == 0) {
                first_problem = probe.service_type + " " + probe.endpoint.interface + " " + probe.endpoint.url + ": " +
                                probe.problem;
            }
        } else if (slowest == nullptr || probe.latency > slowest->latency) {
            slowest = &probe;
        }
    }
    const std::string token = "cloud '" + cloud + "': token for project " + (*api)->project_name() + " in " +
                              std::to_string((*api)->auth_latency().count()) + " ms";
    if (probes.empty()) {
        return {CheckStatus::fail, token + ", but the catalog is empty"};
    }
    if (silent > 0) {
        return {CheckStatus::fail, token + "; " + std::to_string(silent) + " of " + std::to_string(probes.size()) +
                                       " endpoints do not answer, first: " + first_problem};
    }
    return {CheckStatus::pass, token + "; all " + std::to_string(probes.size()) + " endpoints answer, slowest " +
                                   slowest->service_type + " " + slowest->endpoint.interface + " " +
                                   std::to_string(slowest->latency.count()) + " ms"};
}

} // namespace

std::vector<CheckResult> OpenStackApiCheck::run(const CheckContext& context) const
{
    const auto started = std::chrono::steady_clock::now();
    const Verdict verdict = evaluate(m_cloud);
    const auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    std::vector<CheckResult> results;
    for (const auto& host : context.hosts) {
        results.push_back(make_result(*this, host.name, verdict.status, verdict.detail, took));
    }
    return results;
}

} // namespace scsctl::health
