// The registry table and the dependency order: built-ins in their documented order, ties
// by registry order, cycles and unknown names refused, --layers selecting exactly.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "layers/layer_order.hpp"
#include "layers/registry.hpp"

using namespace scsctl::layers;

namespace {

std::vector<std::string> names(const std::vector<const LayerDescriptor*>& layers)
{
    std::vector<std::string> out;
    for (const auto* layer : layers) {
        out.emplace_back(layer->name);
    }
    return out;
}

constexpr std::string_view k_on_a[] = {"a"};
constexpr std::string_view k_on_c[] = {"c"};
constexpr std::string_view k_on_b[] = {"b"};
constexpr std::string_view k_on_zz[] = {"zz"};

} // namespace

TEST_CASE("built-in layers list in dependency order, as the registry", "[layers]")
{
    auto order = dependency_order(builtin_layers());
    REQUIRE(order);
    CHECK(names(*order) ==
          std::vector<std::string>{"baremetal", "kvm", "ceph", "ovn", "openstack", "kubernetes", "keycloak"});
    for (const auto& layer : builtin_layers()) {
        CHECK(layer.playbooks.size() == 3);
        CHECK(find_builtin(layer.name) == &layer);
    }
    CHECK(find_builtin("nope") == nullptr);
}

TEST_CASE("dependencies come first; ties keep registry order", "[layers]")
{
    // c depends on nothing but is listed after b, which depends on c.
    const LayerDescriptor table[] = {
        {.name = "a", .depends_on = k_on_b},
        {.name = "b", .depends_on = k_on_c},
        {.name = "c"},
        {.name = "d"},
    };
    auto order = dependency_order(table);
    REQUIRE(order);
    CHECK(names(*order) == std::vector<std::string>{"c", "b", "a", "d"});
}

TEST_CASE("cycles and unknown dependencies are errors", "[layers]")
{
    const LayerDescriptor cycle[] = {{.name = "a", .depends_on = k_on_b}, {.name = "b", .depends_on = k_on_a}};
    auto order = dependency_order(cycle);
    REQUIRE_FALSE(order);
    CHECK(order.error().message == "layer dependencies form a cycle among: a, b");

    const LayerDescriptor unknown[] = {{.name = "a", .depends_on = k_on_zz}};
    auto bad = dependency_order(unknown);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message == "layer 'a' depends on unknown layer 'zz'");
}

TEST_CASE("--layers selects exactly the named layers, in dependency order", "[layers]")
{
    auto selected = select_layers(builtin_layers(), "keycloak, ceph");
    REQUIRE(selected);
    CHECK(names(*selected) == std::vector<std::string>{"ceph", "keycloak"});

    auto one = select_layers(builtin_layers(), "openstack");
    REQUIRE(one);
    CHECK(names(*one) == std::vector<std::string>{"openstack"});
}

TEST_CASE("--layers refuses unknown and empty names", "[layers]")
{
    auto typo = select_layers(builtin_layers(), "ceph,kubernets");
    REQUIRE_FALSE(typo);
    CHECK(typo.error().kind == scsctl::core::ErrorKind::usage);
    CHECK(typo.error().message == "--layers: unknown layer 'kubernets' (did you mean 'kubernetes'?)");

    CHECK_FALSE(select_layers(builtin_layers(), ""));
    CHECK_FALSE(select_layers(builtin_layers(), "ceph,,ovn"));
}
