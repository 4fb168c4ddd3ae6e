// See keycloak_oidc_check.hpp. The jwks_uri comes from the discovery document; it is
// fetched with the same CA (Keycloak serves both from the same frontend).
#include "health/keycloak_oidc_check.hpp"

#include "health/api_endpoints.hpp"
#include "health/http_probe.hpp"
#include "health/layer_check_support.hpp"

namespace scsctl::health {

namespace {

ApiVerdict probe(const ApiEndpoint& endpoint)
{
    const std::string issuer = endpoint.base_url + "/realms/" + endpoint.extra;
    auto discovery = http_get({issuer + "/.well-known/openid-configuration", endpoint.ca_file, "", std::chrono::seconds(10)});
    if (!discovery) {
        return {false, discovery.error().message};
    }
    auto verdict = judge_oidc_discovery(discovery->status, discovery->body, issuer);
    if (!verdict.ok) {
        return verdict;
    }
    const auto latency = std::to_string(discovery->elapsed.count()) + " ms";
    auto jwks = http_get({verdict.detail, endpoint.ca_file, "", std::chrono::seconds(10)});
    if (!jwks) {
        return {false, "jwks: " + jwks.error().message};
    }
    auto keys = judge_jwks(jwks->status, jwks->body);
    return {keys.ok, "realm " + endpoint.extra + ": discovery ok in " + latency + ", issuer matches; " + keys.detail};
}

} // namespace

std::vector<CheckResult> KeycloakOidcCheck::run(const CheckContext& context) const
{
    return probe_endpoints(*this, context, m_endpoints, "no Keycloak URL for the host", probe);
}

} // namespace scsctl::health
