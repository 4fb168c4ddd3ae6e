// The libcurl session against a real Keystone, Nova API, Glance, Cinder API and Neutron API:
// hidden tests (tag [openstack_live]) that tests/integration/openstack_client_test.sh runs
// after starting tests/support/openstack/fixture.sh and seeding it. They read the fixture's
// clouds.yaml through OS_CLIENT_CONFIG_FILE, as an operator's client would.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include "openstack/catalog_probe.hpp"
#include "openstack/connect.hpp"

using namespace scsctl::openstack;

namespace {

std::unique_ptr<CloudApi> live(const std::string& cloud, std::map<std::string, std::string> overrides = {})
{
    if (std::getenv("OS_CLIENT_CONFIG_FILE") == nullptr) {
        FAIL("OS_CLIENT_CONFIG_FILE is not set: run tests/integration/openstack_client_test.sh");
    }
    ConnectOptions options;
    options.cloud = cloud;
    options.overrides = std::move(overrides);
    auto api = connect(options);
    if (!api) {
        FAIL(api.error().str());
    }
    return std::move(*api);
}

const nlohmann::json* named(const nlohmann::json& list, const std::string& name)
{
    for (const auto& item : list) {
        if (item.value("name", "") == name) {
            return &item;
        }
    }
    return nullptr;
}

ApiResponse get(CloudApi& api, const std::string& type, const std::string& path,
                std::map<std::string, std::string> headers = {})
{
    auto response = api.send(ApiRequest{"GET", type, path, std::nullopt, std::move(headers)});
    if (!response) {
        FAIL(response.error().str());
    }
    return std::move(*response);
}

} // namespace

TEST_CASE("live: admin and member tokens carry their project, roles and the catalog", "[.][openstack_live]")
{
    auto admin = live("admin");
    CHECK(admin->project_name() == "admin");
    CHECK(std::find(admin->roles().begin(), admin->roles().end(), "admin") != admin->roles().end());
    std::vector<std::string> types;
    for (const auto& service : admin->catalog()) {
        types.push_back(service.type);
        CHECK(service.endpoints.size() == 3);
    }
    std::sort(types.begin(), types.end());
    CHECK(types == std::vector<std::string>{"compute", "identity", "image", "network", "volumev3"});

    auto member = live("member");
    CHECK(member->project_name() == "demo");
    CHECK(std::find(member->roles().begin(), member->roles().end(), "member") != member->roles().end());
    CHECK(std::find(member->roles().begin(), member->roles().end(), "admin") == member->roles().end());
    for (const auto& probe : probe_catalog(*member)) {
        CHECK(probe.answers);
        CHECK(probe.status > 0);
    }
}

TEST_CASE("live: Nova flavors/detail shows extra_specs from microversion 2.61 on", "[.][openstack_live]")
{
    auto member = live("member");
    const auto plain = get(*member, "compute", "/flavors/detail");
    REQUIRE(plain.status == 200);
    const auto* flavor = named(plain.body["flavors"], "SCS-2V-4");
    REQUIRE(flavor != nullptr);
    CHECK_FALSE(flavor->contains("extra_specs"));

    const auto versioned = get(*member, "compute", "/flavors/detail", {{"OpenStack-API-Version", "compute 2.61"}});
    REQUIRE(versioned.status == 200);
    CHECK(versioned.headers.at("openstack-api-version") == "compute 2.61");
    flavor = named(versioned.body["flavors"], "SCS-2V-4");
    REQUIRE(flavor != nullptr);
    CHECK((*flavor)["extra_specs"]["scs:cpu-type"] == "shared-core");
    CHECK((*flavor)["extra_specs"]["scs:name-v2"] == "SCS-2V-4");
}

TEST_CASE("live: Glance images, Cinder types and Neutron security groups", "[.][openstack_live]")
{
    auto member = live("member");
    const auto images = get(*member, "image", "/v2/images");
    REQUIRE(images.status == 200);
    const auto* image = named(images.body["images"], "scs-test-image");
    REQUIRE(image != nullptr);
    CHECK((*image)["os_distro"] == "debian");

    // "block-storage" is found as the catalog's volumev3; $(project_id)s is expanded.
    const auto types = get(*member, "block-storage", "/types");
    REQUIRE(types.status == 200);
    const auto* type = named(types.body["volume_types"], "scs-ssd");
    REQUIRE(type != nullptr);
    CHECK((*type)["description"] == "SSD volumes");

    auto admin = live("admin");
    const auto admin_types = get(*admin, "volumev3", "/types");
    REQUIRE(admin_types.status == 200);
    type = named(admin_types.body["volume_types"], "scs-ssd");
    REQUIRE(type != nullptr);
    CHECK((*type)["extra_specs"]["volume_backend_name"] == "ssd");

    const auto groups = get(*admin, "network", "/v2.0/security-groups?name=scs-web");
    REQUIRE(groups.status == 200);
    REQUIRE(groups.body["security_groups"].size() == 1);
    bool ssh = false;
    for (const auto& rule : groups.body["security_groups"][0]["security_group_rules"]) {
        ssh = ssh || (rule["direction"] == "ingress" && rule["port_range_min"] == 22 && rule["protocol"] == "tcp");
    }
    CHECK(ssh);
}

TEST_CASE("live: JSON bodies are sent; HTTP errors are responses, not errors", "[.][openstack_live]")
{
    auto member = live("member");
    const nlohmann::json flavor = {{"flavor", {{"name", "member-may-not"}, {"vcpus", 1}, {"ram", 512}, {"disk", 0}}}};
    auto refused = member->send(ApiRequest{"POST", "compute", "/flavors", flavor, {}});
    REQUIRE(refused);
    CHECK(refused->status == 403);

    auto admin = live("admin");
    auto created = admin->send(ApiRequest{"POST", "compute", "/flavors", flavor, {}});
    REQUIRE(created);
    CHECK(created->status == 200);
    CHECK(created->body["flavor"]["name"] == "member-may-not");
    const std::string id = created->body["flavor"]["id"];
    auto deleted = admin->send(ApiRequest{"DELETE", "compute", "/flavors/" + id, std::nullopt, {}});
    REQUIRE(deleted);
    CHECK(deleted->status == 202);
    CHECK(get(*admin, "compute", "/flavors/" + id).status == 404);
}

TEST_CASE("live: a service or region missing from the catalog is an error", "[.][openstack_live]")
{
    auto member = live("member");
    auto missing = member->send(ApiRequest{"GET", "key-manager", "/v1/secrets", std::nullopt, {}});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message ==
          "no 'key-manager' service with a public endpoint in region RegionOne in the catalog");

    auto elsewhere = live("member", {{"region_name", "RegionTwo"}});
    auto none = elsewhere->send(ApiRequest{"GET", "compute", "/flavors", std::nullopt, {}});
    REQUIRE_FALSE(none);
    CHECK(none.error().message == "no 'compute' service with a public endpoint in region RegionTwo in the catalog");

    auto internal = live("member", {{"interface", "internal"}});
    CHECK(get(*internal, "compute", "/flavors").status == 200);
}
