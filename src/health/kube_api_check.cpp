// See kube_api_check.hpp. /readyz is readable without credentials on a default API
// server (system:public-info-viewer); the node list needs the token.
#include "health/kube_api_check.hpp"

#include "health/api_endpoints.hpp"
#include "health/http_probe.hpp"
#include "health/layer_check_support.hpp"

namespace scsctl::health {

namespace {

ApiVerdict probe(const ApiEndpoint& endpoint)
{
    auto readyz = http_get({endpoint.base_url + "/readyz", endpoint.ca_file, "", std::chrono::seconds(10)});
    if (!readyz) {
        return {false, readyz.error().message};
    }
    auto verdict = judge_readyz(readyz->status, readyz->body);
    const auto latency = std::to_string(readyz->elapsed.count()) + " ms";
    if (!verdict.ok) {
        return verdict;
    }
    if (endpoint.token.empty()) {
        return {true, "readyz ok in " + latency + "; node readiness not checked (no k8s_api_token)"};
    }
    auto nodes = http_get({endpoint.base_url + "/api/v1/nodes", endpoint.ca_file, endpoint.token, std::chrono::seconds(10)});
    if (!nodes) {
        return {false, nodes.error().message};
    }
    auto node_verdict = judge_node_list(nodes->status, nodes->body);
    return {node_verdict.ok, "readyz ok in " + latency + "; " + node_verdict.detail};
}

} // namespace

std::vector<CheckResult> probe_endpoints(const HealthCheck& check, const CheckContext& context,
                                         const std::map<std::string, ApiEndpoint>& endpoints,
                                         const std::string& missing,
                                         const std::function<ApiVerdict(const ApiEndpoint&)>& probe)
{
    std::vector<CheckResult> results;
    for (const auto& host : context.hosts) {
        const auto found = endpoints.find(host.name);
        if (found == endpoints.end()) {
            results.push_back(make_result(check, host.name, CheckStatus::error, missing));
            continue;
        }
        const auto started = std::chrono::steady_clock::now();
        const auto verdict = probe(found->second);
        const auto took =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        results.push_back(make_result(check, host.name, verdict.ok ? CheckStatus::pass : CheckStatus::fail,
                                      verdict.detail + " (" + found->second.base_url + ")", took));
    }
    return results;
}

std::vector<CheckResult> KubeApiCheck::run(const CheckContext& context) const
{
    return probe_endpoints(*this, context, m_endpoints, "no API endpoint for the host", probe);
}

} // namespace scsctl::health
