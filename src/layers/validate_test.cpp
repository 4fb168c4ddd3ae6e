// Each validation rule on the minimal inventory (passes) and on its fixture under
// tests/layers/invalid/ (fails with one located message); the whole table on the example.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "inventory/loader.hpp"
#include "layers/layer_order.hpp"
#include "layers/registry.hpp"
#include "layers/validate.hpp"

using namespace scsctl::layers;
using scsctl::core::Diagnostics;

namespace {

const std::string k_root = std::string(SCSCTL_SOURCE_DIR) + "/";

scsctl::inventory::LoadResult load(const std::string& path)
{
    scsctl::inventory::LoadOptions options;
    options.sources = {k_root + path};
    auto result = scsctl::inventory::load_inventory(options);
    REQUIRE_FALSE(result.diagnostics.has_errors());
    return result;
}

/// Runs the rule named `rule` over every built-in layer of the inventory at `path`.
Diagnostics run_rule(const std::string& path, std::string_view rule)
{
    const auto loaded = load(path);
    const auto order = *dependency_order(builtin_layers());
    Diagnostics all;
    for (const auto& outcome : validate_layers(loaded.inventory, order)) {
        if (outcome.rule == rule) {
            all.merge(outcome.diagnostics);
        }
    }
    return all;
}

/// The single error's "file:line:col: message" with the source root cut off.
std::string only_error(const Diagnostics& diagnostics)
{
    REQUIRE(diagnostics.error_count() == 1);
    auto text = diagnostics.items().front().str();
    return text.starts_with(k_root) ? text.substr(k_root.size()) : text;
}

} // namespace

TEST_CASE("the minimal and the example inventory pass every rule", "[layers]")
{
    for (const char* path : {"tests/layers/minimal", "inventories/example"}) {
        const auto loaded = load(path);
        const auto order = *dependency_order(builtin_layers());
        const auto outcomes = validate_layers(loaded.inventory, order);
        CHECK(outcomes.size() == 4 * order.size() + 2); // four per-layer rules, two inventory-wide
        for (const auto& outcome : outcomes) {
            INFO(path << " " << outcome.rule << " " << outcome.layer);
            CHECK_FALSE(outcome.diagnostics.has_errors());
        }
    }
}

TEST_CASE("groups_present: a missing or empty required group", "[layers]")
{
    CHECK_FALSE(run_rule("tests/layers/minimal", "groups_present").has_errors());
    CHECK(only_error(run_rule("tests/layers/invalid/missing_group", "groups_present")) ==
          "tests/layers/invalid/missing_group/hosts.yml:1:1: group 'ovn_central' is missing (layer 'ovn' needs at "
          "least one host in it)");
    CHECK(only_error(run_rule("tests/layers/invalid/empty_group", "groups_present")) ==
          "tests/layers/invalid/empty_group/hosts.yml:27:5: group 'ovn_central' has no hosts (layer 'ovn' needs at "
          "least one)");
}

TEST_CASE("group_counts: Ceph monitors are an odd number", "[layers]")
{
    CHECK_FALSE(run_rule("tests/layers/minimal", "group_counts").has_errors());
    CHECK(only_error(run_rule("tests/layers/invalid/ceph_mon_count", "group_counts")) ==
          "tests/layers/invalid/ceph_mon_count/hosts.yml:16:5: group 'ceph_mon' has 2 hosts; layer 'ceph' needs an "
          "odd number (1, 3, 5, ...) for quorum");
}

TEST_CASE("required_variables: region variables without a default", "[layers]")
{
    CHECK_FALSE(run_rule("tests/layers/minimal", "required_variables").has_errors());
    CHECK(only_error(run_rule("tests/layers/invalid/missing_variable", "required_variables")) ==
          "tests/layers/invalid/missing_variable/hosts.yml:1:1: variable 'scs_release' is not set (layer 'baremetal' "
          "needs it for the region: set it on group 'all')");
}

TEST_CASE("variable_types: wrong types, empty OSD devices, bad CIDRs and BMC addresses", "[layers]")
{
    CHECK_FALSE(run_rule("tests/layers/minimal", "variable_types").has_errors());
    CHECK(
        only_error(run_rule("tests/layers/invalid/wrong_type", "variable_types")) ==
        "tests/layers/invalid/wrong_type/group_vars/all.yml:2:1: variable 'scs_release' must be a string, got a list");
    CHECK(only_error(run_rule("tests/layers/invalid/osd_devices", "variable_types")) ==
          "tests/layers/invalid/osd_devices/host_vars/node2.yml:1:1: variable 'ceph_osd_devices' of host 'node2' "
          "must not be empty");
    CHECK(only_error(run_rule("tests/layers/invalid/invalid_cidr", "variable_types")) ==
          "tests/layers/invalid/invalid_cidr/hosts.yml:4:5: variable 'network_cidr': '10.0.0.1/24' has host bits "
          "set (did you mean '10.0.0.0/24'?)");
    CHECK(only_error(run_rule("tests/layers/invalid/bmc_address", "variable_types")) ==
          "tests/layers/invalid/bmc_address/hosts.yml:10:11: variable 'bmc_address' of host 'node1': "
          "'https://10.0.0.300:443' is not a host name, IPv4 or IPv6 address");
}

TEST_CASE("host_addresses: duplicate addresses", "[layers]")
{
    CHECK_FALSE(run_rule("tests/layers/minimal", "host_addresses").has_errors());
    const auto message = only_error(run_rule("tests/layers/invalid/duplicate_address", "host_addresses"));
    CHECK(message.starts_with("tests/layers/invalid/duplicate_address/hosts.yml:15:11: host 'node3' has address "
                              "10.0.0.12, already used by host 'node2' ("));
}

TEST_CASE("cidr_overlap: network_cidr against the default pod network", "[layers]")
{
    CHECK_FALSE(run_rule("tests/layers/minimal", "cidr_overlap").has_errors());
    CHECK(only_error(run_rule("tests/layers/invalid/overlapping_cidr", "cidr_overlap")) ==
          "tests/layers/invalid/overlapping_cidr/hosts.yml:4:5: network_cidr 10.244.0.0/24 overlaps k8s_pod_cidr "
          "10.244.0.0/16 (default)");
}

TEST_CASE("required_variables: a baremetal host without bmc_address, at the host", "[layers]")
{
    const auto dir = std::filesystem::temp_directory_path() / "scsctl_layers_bmc_test";
    std::filesystem::create_directories(dir);
    std::ifstream in(k_root + "tests/layers/minimal/hosts.yml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string from = "    baremetal:\n";
    text.replace(text.find(from), from.size(),
                 from + "      hosts:\n        node9:\n          ansible_host: 10.0.0.19\n");
    std::ofstream(dir / "hosts.yml") << text;
    scsctl::inventory::LoadOptions options;
    options.sources = {(dir / "hosts.yml").string()};
    const auto loaded = scsctl::inventory::load_inventory(options);
    const auto order = *dependency_order(builtin_layers());
    Diagnostics found;
    for (const auto& outcome : validate_layers(loaded.inventory, order)) {
        found.merge(outcome.diagnostics);
    }
    REQUIRE(found.error_count() == 1);
    CHECK(found.items().front().where.line == 10);
    CHECK(found.items().front().message ==
          "host 'node9' in group 'baremetal' has no 'bmc_address' (layer 'baremetal' needs it)");
    std::filesystem::remove_all(dir);
}
