// Judging the answers of the HTTP APIs scsctl's health asks from the controller: the
// Kubernetes API server's /readyz and node list, Keycloak's OIDC discovery document and
// its JWKS. Pure: status codes and bodies in, one-line verdicts out. Depends on
// nlohmann-json only.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace scsctl::health {

struct ApiVerdict {
    bool ok = false;
    std::string detail; ///< one line
};

/// /readyz: ready when the status is 200 and the body is "ok"; otherwise the failing
/// checks the server lists ("[-]etcd failed: reason withheld").
ApiVerdict judge_readyz(long status, const std::string& body);

/// /api/v1/nodes (a NodeList): every node's Ready condition must be "True"; the detail
/// names the nodes that are not ready with the condition's reason.
ApiVerdict judge_node_list(long status, const std::string& body);

/// /realms/REALM/.well-known/openid-configuration: a JSON object whose "issuer" equals
/// `expected_issuer` and which names jwks_uri, authorization_endpoint and token_endpoint.
/// On success `detail` is the jwks_uri to fetch next.
ApiVerdict judge_oidc_discovery(long status, const std::string& body, const std::string& expected_issuer);

/// The jwks_uri's answer: a JSON object with a non-empty "keys" array.
ApiVerdict judge_jwks(long status, const std::string& body);

/// "https://ADDRESS:PORT" with IPv6 addresses in brackets.
std::string https_base(const std::string& address, const std::string& port);

} // namespace scsctl::health
