// The keycloak layer's check, from the controller over HTTPS (http_probe): each Keycloak
// host's OIDC discovery document for the realm (keycloak_url + /realms/REALM/.well-known/
// openid-configuration) answers, its issuer is keycloak_url/realms/REALM, and its
// jwks_uri answers with signing keys. keycloak_url defaults to https://ADDRESS:8443,
// keycloak_ca to the system's CAs. Depends on health's support, http_probe, api_endpoints.
#pragma once

#include <map>

#include "health/kube_api_check.hpp"

namespace scsctl::health {

class KeycloakOidcCheck final : public HealthCheck {
  public:
    /// `endpoints`: by host name, base_url = keycloak_url, extra = the realm.
    explicit KeycloakOidcCheck(std::map<std::string, ApiEndpoint> endpoints) : m_endpoints(std::move(endpoints)) {}
    const std::string& name() const override { return m_name; }
    const std::string& layer() const override { return m_layer; }
    const std::string& hosts() const override { return m_hosts; }
    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    std::string m_name = "keycloak-oidc";
    std::string m_layer = "keycloak";
    std::string m_hosts = "keycloak";
    std::map<std::string, ApiEndpoint> m_endpoints;
};

} // namespace scsctl::health
