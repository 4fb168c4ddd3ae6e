// The keycloak layer's check, from the controller over HTTPS (http_probe): each Keycloak
// host's OIDC discovery document for the realm (keycloak_url + /realms/REALM/.well-known/
// openid-configuration) answers, its issuer is keycloak_url/realms/REALM, and its
// jwks_uri answers with signing keys. keycloak_url defaults to https://ADDRESS:8443,
// keycloak_ca to the system's CAs. Depends on health's support, http_probe, api_endpoints.
#pragma once

#include <map>

#include "health/kube_api_check.hpp"

namespace scsctl::health {

class KeycloakOidcCheck final : public FixedHealthCheck {
  public:
    /// `endpoints`: by host name, base_url = keycloak_url, extra = the realm.
    explicit KeycloakOidcCheck(std::map<std::string, ApiEndpoint> endpoints)
        : FixedHealthCheck("keycloak-oidc", "keycloak", "keycloak", false), m_endpoints(std::move(endpoints))
    {
    }
    std::vector<CheckResult> run(const CheckContext& context) const override;

  private:
    std::map<std::string, ApiEndpoint> m_endpoints;
};

} // namespace scsctl::health
