// The plan of the test layers (tests/layers/playbooks) on a small inventory: layers in
// the order given, hosts per play under --limit, tasks expanded through roles and
// static imports, dynamic includes marked, a layer without deploy.yml, and the hashes.
#include <catch2/catch.hpp>

#include "inventory/loader.hpp"
#include "layers/layer_order.hpp"
#include "layers/registry.hpp"
#include "plan/plan_builder.hpp"
#include "playbook/test_helpers.hpp"
#include "temp_dir.hpp"

using namespace scsctl;

namespace {

const std::string k_playbooks = std::string(SCSCTL_SOURCE_DIR) + "/tests/layers/playbooks";

constexpr const char* k_inventory = R"(all:
  vars:
    deploy_test_dir: /tmp
  children:
    kvm:
      hosts:
        n1:
        n2:
    ceph_osd:
      hosts:
        n2:
        n3:
    keycloak:
      hosts:
        n1:
)";

struct Fixture {
    testing::TempDir dir;
    inventory::LoadResult loaded;
    Fixture()
    {
        inventory::LoadOptions options;
        options.sources = {dir.write("inv/hosts.yml", k_inventory)};
        loaded = inventory::load_inventory(options);
        REQUIRE_FALSE(loaded.diagnostics.has_errors());
    }
    plan::Plan build(const std::string& layers, const std::string& limit = "")
    {
        plan::PlanRequest request;
        request.inventory = &loaded.inventory;
        request.inventory_sources = {(dir.path() / "inv/hosts.yml").string()};
        request.layers = *layers::select_layers(layers::builtin_layers(), layers);
        request.playbook_root = k_playbooks;
        request.limit = limit;
        request.load_options = playbook::testing::test_options();
        core::Diagnostics diagnostics;
        auto built = plan::build_plan(request, diagnostics);
        INFO(playbook::testing::messages(diagnostics));
        REQUIRE_FALSE(diagnostics.has_errors());
        REQUIRE(built);
        return *built;
    }
};

} // namespace

TEST_CASE("plan: layers in dependency order with their plays, hosts and tasks", "[plan]")
{
    Fixture fixture;
    const auto plan = fixture.build("ceph,keycloak,kvm");
    REQUIRE(plan.layers.size() == 3);
    CHECK(plan.layers[0].name == "kvm");
    CHECK(plan.layers[1].name == "ceph");
    CHECK(plan.layers[2].name == "keycloak");

    const auto& kvm = plan.layers[0];
    CHECK(kvm.hosts == std::vector<std::string>{"n1", "n2"});
    CHECK(kvm.playbook == k_playbooks + "/kvm/deploy.yml");
    REQUIRE(kvm.plays.size() == 1);
    CHECK(kvm.plays[0].hosts == std::vector<std::string>{"n1", "n2"});
    const auto& tasks = kvm.plays[0].tasks;
    REQUIRE(tasks.size() == 4);
    CHECK(tasks[0].name == "write libvirt config");
    CHECK(tasks[0].role == "hypervisor");
    CHECK(tasks[0].action == "copy");
    CHECK(tasks[0].file.ends_with("roles/hypervisor/tasks/main.yml"));
    CHECK(tasks[0].line == 1);
    CHECK(tasks[1].name == "check libvirt config"); // through import_tasks
    CHECK(tasks[1].file.ends_with("checks.yml"));
    CHECK(tasks[2].tags == std::vector<std::string>{"record"});
    CHECK_FALSE(tasks[2].dynamic);
    CHECK(tasks[3].dynamic);
    CHECK(tasks[3].action == "include_tasks");

    CHECK(plan.layers[1].plays[0].hosts == std::vector<std::string>{"n2", "n3"});
    CHECK(plan.layers[2].playbook.empty()); // keycloak: no deploy playbook yet
    CHECK(plan.layers[2].plays.empty());
    CHECK(plan.layers[2].playbooks_sha256.empty());
    CHECK(plan.inventory_sha256.size() == 64);
    CHECK(kvm.playbooks_sha256.size() == 64);
    CHECK(kvm.playbooks_sha256 != plan.layers[1].playbooks_sha256);
}

TEST_CASE("plan: --limit narrows each play's and layer's hosts", "[plan]")
{
    Fixture fixture;
    const auto plan = fixture.build("kvm,ceph", "n2");
    CHECK(plan.limit == "n2");
    CHECK(plan.layers[0].hosts == std::vector<std::string>{"n2"});
    CHECK(plan.layers[0].plays[0].hosts == std::vector<std::string>{"n2"});
    CHECK(plan.layers[1].plays[0].hosts == std::vector<std::string>{"n2"});
}

TEST_CASE("plan: a playbook problem is a located diagnostic", "[plan]")
{
    Fixture fixture;
    testing::TempDir root;
    root.write("kvm/deploy.yml", "- hosts: kvm\n  tasks:\n    - name: bad\n      no_such_module: {}\n");
    plan::PlanRequest request;
    request.inventory = &fixture.loaded.inventory;
    request.layers = *layers::select_layers(layers::builtin_layers(), "kvm");
    request.playbook_root = root.path().string();
    request.load_options = playbook::testing::test_options();
    core::Diagnostics diagnostics;
    auto built = plan::build_plan(request, diagnostics);
    REQUIRE(diagnostics.has_errors());
    const std::string text = playbook::testing::messages(diagnostics);
    CHECK(text.find("kvm/deploy.yml:4:") != std::string::npos);
}

TEST_CASE("plan: a layer's hosts are its groups' hosts; a missing group adds none", "[plan]")
{
    Fixture fixture;
    const auto* ovn = layers::find_builtin("ovn");
    auto hosts = plan::layer_hosts(fixture.loaded.inventory, *ovn, "");
    REQUIRE(hosts);
    CHECK(hosts->empty());
    auto ceph = plan::layer_hosts(fixture.loaded.inventory, *layers::find_builtin("ceph"), "");
    CHECK(*ceph == std::vector<std::string>{"n2", "n3"});
}
