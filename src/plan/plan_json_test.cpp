// The plan file: written and read back unchanged; a truncated, mistyped or inconsistent
// file is a one-line error naming the file and the field.
#include <catch2/catch.hpp>

#include "plan/plan_json.hpp"
#include "temp_dir.hpp"

using namespace scsctl;

namespace {

plan::Plan sample()
{
    plan::Plan plan;
    plan.inventory_sources = {"inv/hosts.yml"};
    plan.inventory_sha256 = std::string(64, 'a');
    plan.playbook_root = "/p";
    plan.limit = "n1";
    plan::LayerPlan kvm{"kvm", "0.1.0", {"baremetal"}, {"n1"}, "/p/kvm", "/p/kvm/deploy.yml", std::string(64, 'b'), {}};
    plan::PlayPlan play{"Deploy kvm", "kvm", {"n1"}, false, {}};
    play.tasks.push_back({"write", "copy", {"t1"}, "hypervisor", "/p/kvm/roles/hypervisor/tasks/main.yml", 3, false, false});
    play.tasks.push_back({"", "include_tasks", {}, "", "/p/kvm/deploy.yml", 9, true, false});
    kvm.plays.push_back(play);
    plan.layers.push_back(kvm);
    plan.layers.push_back(plan::LayerPlan{"keycloak", "0.1.0", {"kubernetes"}, {}, "/p/keycloak", "", "", {}});
    return plan;
}

} // namespace

TEST_CASE("plan json: top-level layers in order, and a round trip", "[plan]")
{
    const auto json = plan::plan_to_json(sample());
    CHECK(json["layers"] == core::Value::array({"kvm", "keycloak"}));
    CHECK(json["layer_plans"][1]["playbook"].is_null());
    CHECK(json["inventory"]["sha256"] == std::string(64, 'a'));
    auto back = plan::plan_from_json(json, "p.json");
    REQUIRE(back);
    CHECK(plan::plan_to_json(*back) == json);
    CHECK(back->layers[0].plays[0].tasks[1].dynamic);
    CHECK(back->layers[1].playbook.empty());
}

TEST_CASE("plan json: bad files are one-line errors", "[plan]")
{
    auto json = plan::plan_to_json(sample());
    SECTION("a field of the wrong type")
    {
        json["layer_plans"][0]["plays"][0]["tasks"][0]["line"] = "three";
        auto read = plan::plan_from_json(json, "p.json");
        REQUIRE_FALSE(read);
        CHECK(read.error().str() ==
              "p.json: not a plan file: $.layer_plans[0].plays[0].tasks[0].line: expected an integer");
    }
    SECTION("a missing field")
    {
        json["inventory"].erase("sha256");
        auto read = plan::plan_from_json(json, "p.json");
        REQUIRE_FALSE(read);
        CHECK(read.error().str() == "p.json: not a plan file: $.inventory.sha256: missing");
    }
    SECTION("names that do not match the layer plans")
    {
        json["layers"] = core::Value::array({"keycloak", "kvm"});
        auto read = plan::plan_from_json(json, "p.json");
        REQUIRE_FALSE(read);
        CHECK(read.error().message.find("$.layers: does not match") != std::string::npos);
    }
    SECTION("another schema")
    {
        json["schema"] = 2;
        auto read = plan::plan_from_json(json, "p.json");
        REQUIRE_FALSE(read);
        CHECK(read.error().message.find("plan schema 2 is not supported") != std::string::npos);
    }
    SECTION("not an object")
    {
        auto read = plan::plan_from_json(core::Value::array(), "p.json");
        REQUIRE_FALSE(read);
        CHECK(read.error().str() == "p.json: not a plan file: $: expected an object");
    }
}

TEST_CASE("plan json: a file that is not JSON is located", "[plan]")
{
    testing::TempDir dir;
    const auto path = dir.write("p.json", "{\n  \"schema\": 1,\n  oops\n}\n");
    auto read = plan::read_plan_file(path);
    REQUIRE_FALSE(read);
    CHECK(read.error().str().starts_with(path + ":3:"));
    auto missing = plan::read_plan_file((dir.path() / "nope.json").string());
    CHECK_FALSE(missing);
}
