// The dependency rule of deploy: satisfied by the same deploy, an earlier successful
// deploy, or a dependency with no hosts (which then stands in for its own dependencies).
#include <catch2/catch.hpp>

#include <set>

#include "layers/registry.hpp"
#include "plan/dependencies.hpp"

using namespace scsctl;

namespace {

struct Facts {
    std::set<std::string, std::less<>> in_deploy;
    std::set<std::string, std::less<>> without_hosts;
    std::set<std::string, std::less<>> deployed;

    std::vector<plan::MissingDependency> missing(std::vector<std::string> names) const
    {
        std::vector<const layers::LayerDescriptor*> selected;
        for (const auto& name : names) {
            selected.push_back(layers::find_builtin(name));
        }
        plan::DependencyFacts facts;
        facts.in_this_deploy = [this](std::string_view name) { return in_deploy.contains(name); };
        facts.has_hosts = [this](std::string_view name) { return !without_hosts.contains(name); };
        facts.deployed_before = [this](std::string_view name) { return deployed.contains(name); };
        return plan::missing_dependencies(selected, layers::builtin_layers(), facts);
    }
};

} // namespace

TEST_CASE("dependencies: never deployed, with hosts, not in this deploy: missing", "[plan]")
{
    Facts facts;
    facts.in_deploy = {"openstack"};
    const auto missing = facts.missing({"openstack"});
    REQUIRE(missing.size() == 3);
    CHECK(missing[0].layer == "openstack");
    CHECK(missing[0].dependency == "kvm");
    CHECK(missing[1].dependency == "ceph");
    CHECK(missing[2].dependency == "ovn");
}

TEST_CASE("dependencies: satisfied by this deploy, an earlier deploy, or no hosts", "[plan]")
{
    Facts facts;
    facts.in_deploy = {"kvm", "openstack"};
    facts.deployed = {"ceph"};
    facts.without_hosts = {"ovn", "baremetal"};
    CHECK(facts.missing({"kvm", "openstack"}).empty());
}

TEST_CASE("dependencies: a host-less dependency stands in for its own", "[plan]")
{
    Facts facts;
    facts.without_hosts = {"openstack"}; // kubernetes -> openstack (no hosts) -> kvm, ceph, ovn
    facts.deployed = {"kvm", "ceph"};
    const auto missing = facts.missing({"kubernetes"});
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].layer == "kubernetes");
    CHECK(missing[0].dependency == "ovn");
}
