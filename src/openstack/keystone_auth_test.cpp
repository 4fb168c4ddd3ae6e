// Tests for the Keystone v3 side without a server: request bodies for password and
// application credential logins, missing settings named with their OS_* variable and flag,
// token responses, endpoint choice and URL expansion. The real Keystone is in
// tests/integration/openstack_client_test.sh.
#include <catch2/catch.hpp>

#include "openstack/http.hpp"
#include "openstack/keystone_auth.hpp"
#include "openstack/session.hpp"

using namespace scsctl::openstack;

namespace {

CloudConfig config_of(std::map<std::string, std::string> values)
{
    CloudConfig config;
    for (auto& [key, value] : values) {
        config.settings[key] = Setting{value, "test"};
    }
    return config;
}

} // namespace

TEST_CASE("the v3 URL of auth_url, written with or without /v3", "[openstack]")
{
    CHECK(identity_v3_url("http://k:5000").value() == "http://k:5000/v3");
    CHECK(identity_v3_url("http://k:5000/v3/").value() == "http://k:5000/v3");
    CHECK(identity_v3_url("https://cloud.example/identity").value() == "https://cloud.example/identity/v3");
    CHECK_FALSE(identity_v3_url("http://k:5000/v2.0"));
    const auto empty = identity_v3_url("");
    REQUIRE_FALSE(empty);
    CHECK(empty.error().message == "no Keystone URL: set auth_url (OS_AUTH_URL, --os-auth-url)");
}

TEST_CASE("a password login names the user and project with their domains", "[openstack]")
{
    const auto body = auth_request_body(config_of({{"username", "alice"},
                                                   {"password", "pw"},
                                                   {"user_domain_name", "Default"},
                                                   {"project_name", "ops"},
                                                   {"project_domain_id", "default"}}));
    REQUIRE(body);
    const auto& auth = (*body)["auth"];
    CHECK(auth["identity"]["methods"] == nlohmann::json::array({"password"}));
    CHECK(auth["identity"]["password"]["user"] ==
          nlohmann::json{{"name", "alice"}, {"domain", {{"name", "Default"}}}, {"password", "pw"}});
    CHECK(auth["scope"]["project"] == nlohmann::json{{"name", "ops"}, {"domain", {{"id", "default"}}}});
}

TEST_CASE("missing login settings are named with their variable and flag, without secrets", "[openstack]")
{
    auto body = auth_request_body(config_of({{"username", "alice"}, {"password", "pw"}, {"project_name", "ops"}}));
    REQUIRE_FALSE(body);
    CHECK(body.error().message == "the user given by name needs its domain: set user_domain_name (OS_USER_DOMAIN_NAME, "
                                  "--os-user-domain-name) or user_domain_id (OS_USER_DOMAIN_ID, --os-user-domain-id)");
    body = auth_request_body(config_of({{"user_id", "u1"}, {"project_id", "p1"}}));
    REQUIRE_FALSE(body);
    CHECK(body.error().message == "no password: set password (OS_PASSWORD, --os-password)");
    body = auth_request_body(config_of({{"user_id", "u1"}, {"password", "hunter2"}}));
    REQUIRE_FALSE(body);
    CHECK(body.error().message.starts_with("no project to scope the token to"));
    CHECK(body.error().message.find("hunter2") == std::string::npos);
}

TEST_CASE("an application credential login carries no scope", "[openstack]")
{
    const auto body = auth_request_body(config_of({{"auth_type", "v3applicationcredential"},
                                                   {"application_credential_id", "ac1"},
                                                   {"application_credential_secret", "s"}}));
    REQUIRE(body);
    CHECK((*body)["auth"] ==
          nlohmann::json{{"identity",
                          {{"methods", {"application_credential"}},
                           {"application_credential", {{"id", "ac1"}, {"secret", "s"}}}}}});
    const auto by_name = auth_request_body(
        config_of({{"application_credential_name", "ci"}, {"application_credential_secret", "s"}}));
    REQUIRE_FALSE(by_name);
    CHECK(by_name.error().message.starts_with("an application credential given by name needs its user"));
}

TEST_CASE("a token response gives project, roles and catalog", "[openstack]")
{
    const auto body = nlohmann::json::parse(R"({"token": {
        "project": {"id": "p1", "name": "ops"},
        "roles": [{"id": "r1", "name": "member"}, {"id": "r2", "name": "reader"}],
        "catalog": [{"type": "compute", "name": "nova", "endpoints": [
            {"interface": "public", "region_id": "RegionOne", "region": "RegionOne", "url": "http://n/v2.1"},
            {"interface": "internal", "region_id": "RegionOne", "url": "http://n-int/v2.1"}]},
          {"type": "volumev3", "name": "cinder", "endpoints": [
            {"interface": "public", "region_id": "RegionTwo", "url": "http://c2/v3/$(project_id)s"},
            {"interface": "public", "region_id": "RegionOne", "url": "http://c1/v3/%(tenant_id)s"}]}]}})");
    const auto token = parse_token_response("gAAAA", body);
    REQUIRE(token);
    CHECK(token->project_name == "ops");
    CHECK(token->roles == std::vector<std::string>{"member", "reader"});
    REQUIRE(token->catalog.size() == 2);
    CHECK(find_endpoint(token->catalog, "compute", "internal", "")->url == "http://n-int/v2.1");
    CHECK(find_endpoint(token->catalog, "compute", "admin", "") == nullptr);
    CHECK(find_endpoint(token->catalog, "block-storage", "public", "RegionOne")->url == "http://c1/v3/%(tenant_id)s");
    CHECK(find_endpoint(token->catalog, "volumev3", "public", "")->region == "RegionTwo");
    CHECK(find_endpoint(token->catalog, "network", "public", "") == nullptr);
    CHECK(expand_endpoint_url("http://c2/v3/$(project_id)s", "p1") == "http://c2/v3/p1");
    CHECK(expand_endpoint_url("http://c1/v3/%(tenant_id)s/x", "p1") == "http://c1/v3/p1/x");
    CHECK_FALSE(parse_token_response("", body));
    CHECK_FALSE(parse_token_response("t", nlohmann::json::parse(R"({"error": {}})")));
}

TEST_CASE("a URL's origin drops path, query and user info", "[openstack]")
{
    CHECK(url_origin("https://user:pw@k.example:5000/v3/auth/tokens?x=1") == "https://k.example:5000");
    CHECK(url_origin("http://127.0.0.1:9/") == "http://127.0.0.1:9");
}

TEST_CASE("connecting to a closed port is 'unreachable' and never shows the password", "[openstack]")
{
    CloudConfig config = config_of({{"auth_url", "http://127.0.0.1:9/v3"},
                                    {"username", "alice"},
                                    {"password", "hunter2-secret"},
                                    {"user_domain_name", "Default"},
                                    {"project_name", "ops"},
                                    {"project_domain_name", "Default"}});
    const auto api = connect_with(config, 5);
    REQUIRE_FALSE(api);
    CHECK(api.error().kind == scsctl::core::ErrorKind::unreachable);
    CHECK(api.error().message ==
          "Keystone at http://127.0.0.1:9/v3 (cloud settings: OS_* and --os-*): http://127.0.0.1:9: connection refused");
}
