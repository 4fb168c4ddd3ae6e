// Verdicts on the HTTP answers of the Kubernetes API server and Keycloak: readyz bodies,
// NodeLists with Ready conditions, OIDC discovery documents and JWKS.
#include <catch2/catch.hpp>

#include "health/api_endpoints.hpp"

using namespace scsctl::health;

TEST_CASE("readyz: ok, or the failing checks the server lists", "[health_api]")
{
    CHECK(judge_readyz(200, "ok").ok);
    CHECK(judge_readyz(200, "ok\n").ok);
    const auto failing = judge_readyz(500, "[+]ping ok\n[-]etcd failed: reason withheld\n[-]informer-sync failed\n"
                                           "readyz check failed\n");
    CHECK_FALSE(failing.ok);
    CHECK(failing.detail == "readyz HTTP 500: etcd failed: reason withheld, informer-sync failed");
    CHECK(judge_readyz(403, "forbidden: User \"system:anonymous\"\nmore").detail ==
          "readyz HTTP 403: forbidden: User \"system:anonymous\"");
    CHECK_FALSE(judge_readyz(200, "not ok").ok);
}

TEST_CASE("node list: every node's Ready condition must be True", "[health_api]")
{
    const std::string list = R"({"kind":"NodeList","items":[
        {"metadata":{"name":"cp1"},"status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady"}]}},
        {"metadata":{"name":"w1"},"status":{"conditions":[{"type":"DiskPressure","status":"False"},
                                                          {"type":"Ready","status":"Unknown","reason":"NodeStatusUnknown"}]}},
        {"metadata":{"name":"w2"},"status":{}}]})";
    const auto verdict = judge_node_list(200, list);
    CHECK_FALSE(verdict.ok);
    CHECK(verdict.detail == "1/3 nodes Ready: w1 Ready=Unknown (NodeStatusUnknown), w2 Ready=missing");
    CHECK(judge_node_list(200, R"({"items":[{"metadata":{"name":"a"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}]})")
              .detail == "1/1 nodes Ready");
    CHECK(judge_node_list(200, R"({"items":[]})").detail == "nodes: the cluster has no nodes");
    CHECK(judge_node_list(401, R"({"kind":"Status","code":401})").detail == "nodes HTTP 401: {\"kind\":\"Status\",\"code\":401}");
    CHECK(judge_node_list(200, "[]").detail == "nodes: the answer is not a NodeList");
}

TEST_CASE("OIDC discovery: the issuer must match and the endpoints be named", "[health_api]")
{
    const std::string issuer = "https://sso.example.com/realms/scs";
    const std::string document = R"({"issuer":"https://sso.example.com/realms/scs",
        "authorization_endpoint":"https://sso.example.com/realms/scs/protocol/openid-connect/auth",
        "token_endpoint":"https://sso.example.com/realms/scs/protocol/openid-connect/token",
        "jwks_uri":"https://sso.example.com/realms/scs/protocol/openid-connect/certs"})";
    const auto good = judge_oidc_discovery(200, document, issuer);
    CHECK(good.ok);
    CHECK(good.detail == "https://sso.example.com/realms/scs/protocol/openid-connect/certs");
    CHECK(judge_oidc_discovery(200, document, "https://10.0.0.5:8443/realms/scs").detail ==
          "discovery: issuer 'https://sso.example.com/realms/scs' is not 'https://10.0.0.5:8443/realms/scs'");
    CHECK(judge_oidc_discovery(200, R"({"issuer":"https://sso.example.com/realms/scs","jwks_uri":""})", issuer).detail ==
          "discovery: no jwks_uri, authorization_endpoint, token_endpoint");
    CHECK(judge_oidc_discovery(404, R"({"error":"Realm does not exist"})", issuer).detail ==
          "discovery HTTP 404: {\"error\":\"Realm does not exist\"}");
    CHECK(judge_oidc_discovery(200, "<html>", issuer).detail == "discovery: the answer is not a JSON object");
}

TEST_CASE("JWKS: a keys array with at least one key", "[health_api]")
{
    CHECK(judge_jwks(200, R"({"keys":[{"kid":"a"},{"kid":"b"}]})").detail == "2 signing keys");
    CHECK(judge_jwks(200, R"({"keys":[]})").detail == "jwks: no signing keys");
    CHECK_FALSE(judge_jwks(200, R"({})").ok);
    CHECK_FALSE(judge_jwks(500, "").ok);
    CHECK(https_base("10.0.0.5", "6443") == "https://10.0.0.5:6443");
    CHECK(https_base("fd00::5", "6443") == "https://[fd00::5]:6443");
    CHECK(https_base("cp1.example.com", "443") == "https://cp1.example.com:443");
}
