// The kubernetes layer's API check, from the controller over HTTPS (http_probe): each
// control plane host's API server answers /readyz with "ok", and, when a bearer token is
// configured (`k8s_api_token`), its node list has every node Ready. Endpoints from the
// layer's variables (k8s_api_port, default 6443; k8s_api_ca). One result per host of
// k8s_control_plane. Depends on health's support, http_probe and api_endpoints.
#pragma once

#include <functional>
#include <map>

#include "health/api_endpoints.hpp"
#include "health/health_check.hpp"

namespace scsctl::health {

struct ApiEndpoint {
    std::string base_url; ///< "https://10.0.0.5:6443"
    std::string ca_file;  ///< "" = the system's CAs
    std::string token;    ///< a secret; "" = not set
    std::string extra;    ///< the Keycloak realm (unused by the Kubernetes check)
};

/// What the HTTPS API checks (k8s-api, keycloak-oidc) share: one result per target host,
/// `probe` run on the host's endpoint and timed (the detail names the endpoint), an error
/// `missing` for a host without one.
std::vector<CheckResult> probe_endpoints(const HealthCheck& check, const CheckContext& context,
                                         const std::map<std::string, ApiEndpoint>& endpoints,
                                         const std::string& missing,
                                         const std::function<ApiVerdict(const ApiEndpoint&)>& probe);

class KubeApiCheck final : public FixedHealthCheck {
  public:
    explicit KubeApiCheck(std::map<std::string, ApiEndpoint> endpoints)
        : FixedHealthCheck("k8s-api", "kubernetes", "k8s_control_plane", false), m_endpoints(std::move(endpoints))
    {
    }
    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    std::map<std::string, ApiEndpoint> m_endpoints; ///< by host name
};

} // namespace scsctl::health
