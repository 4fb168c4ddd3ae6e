// The inventory `lab up` writes: loads as an inventory, passes `scsctl validate` for every
// layer with the default groups, and with --no-groups holds only the hosts.
#include <catch2/catch.hpp>

#include "inventory/loader.hpp"
#include "lab/inventory_writer.hpp"
#include "layers/layer_order.hpp"
#include "layers/registry.hpp"
#include "layers/validate.hpp"
#include "temp_dir.hpp"

using namespace scsctl;

namespace {

lab::LabState lab_with(int hosts, const std::string& dir)
{
    lab::LabState state;
    state.dir = dir;
    state.subnet = "10.213.7.0/24";
    state.gateway = "10.213.7.1";
    for (int i = 1; i <= hosts; ++i) {
        lab::HostState host;
        host.name = "lab" + std::to_string(i);
        host.index = i;
        host.address = "10.213.7." + std::to_string(10 + i);
        state.hosts.push_back(host);
    }
    return state;
}

inventory::LoadResult load(const std::string& path)
{
    inventory::LoadOptions options;
    options.sources = {path};
    return inventory::load_inventory(options);
}

std::size_t validation_errors(const model::Inventory& inventory)
{
    const auto order = *layers::dependency_order(layers::builtin_layers());
    std::size_t errors = 0;
    for (const auto& outcome : layers::validate_layers(inventory, order)) {
        errors += outcome.diagnostics.error_count();
        for (const auto& item : outcome.diagnostics.items()) {
            UNSCOPED_INFO(item.str());
        }
    }
    return errors;
}

} // namespace

TEST_CASE("the lab inventory validates for every layer with 1, 2, 3 and 5 hosts", "[lab]")
{
    for (const int count : {1, 2, 3, 5}) {
        testing::TempDir dir;
        const auto path = dir.write("inventory.yml", lab::inventory_yaml(lab_with(count, dir.path().string()), true));
        const auto loaded = load(path);
        REQUIRE_FALSE(loaded.diagnostics.has_errors());
        CHECK(loaded.inventory.hosts().size() == static_cast<std::size_t>(count));
        CHECK(validation_errors(loaded.inventory) == 0);
    }
}

TEST_CASE("the lab inventory assigns groups as documented for 3 hosts", "[lab]")
{
    const auto text = lab::inventory_yaml(lab_with(3, "/srv/lab"), true);
    CHECK(text.find("    ansible_ssh_private_key_file: \"/srv/lab/id_ed25519\"\n") != std::string::npos);
    CHECK(text.find("    scsctl_known_hosts: \"/srv/lab/known_hosts\"\n") != std::string::npos);
    CHECK(text.find("    network_cidr: 10.213.7.0/24\n") != std::string::npos);
    CHECK(text.find("    ceph_mon:\n      hosts:\n        lab1:\n        lab2:\n        lab3:\n") != std::string::npos);
    CHECK(text.find("    ceph_mgr:\n      hosts:\n        lab1:\n    ceph_osd:") != std::string::npos);
    CHECK(text.find("    ovn_central:\n      hosts:\n        lab1:\n    ovn_controller:\n      hosts:\n        lab1:\n"
                    "        lab2:\n        lab3:\n") != std::string::npos);
    CHECK(text.find(std::string("ceph_osd_devices:\n          - ") + lab::k_lab_osd_device) != std::string::npos);
}

TEST_CASE("with --disks the lab inventory puts the OSDs on the hosts' raw disks", "[lab]")
{
    auto state = lab_with(3, "/srv/lab");
    state.disks = 2;
    const auto text = lab::inventory_yaml(state, true);
    CHECK(text.find("        ceph_osd_devices:\n          - /dev/vdb\n          - /dev/vdc\n      hosts:\n") !=
          std::string::npos);
    CHECK(text.find(lab::k_lab_osd_device) == std::string::npos);
    testing::TempDir dir;
    const auto loaded = load(dir.write("inventory.yml", text));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    CHECK(validation_errors(loaded.inventory) == 0);
}

TEST_CASE("--no-groups writes the hosts only", "[lab]")
{
    testing::TempDir dir;
    const auto path = dir.write("inventory.yml", lab::inventory_yaml(lab_with(2, dir.path().string()), false));
    const auto loaded = load(path);
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    CHECK(loaded.inventory.hosts().size() == 2);
    CHECK(dir.path().string().size() > 0);
    const auto text = lab::inventory_yaml(lab_with(2, "/x"), false);
    CHECK(text.find("children") == std::string::npos);
    CHECK(text.find("ansible_host: 10.213.7.12") != std::string::npos);
}
