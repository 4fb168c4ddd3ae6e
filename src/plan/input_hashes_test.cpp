// Input hashes: every inventory file counts (the file, group_vars, host_vars), the
// journal under .scsctl/ does not, and the hash does not depend on where the tree is.
#include <catch2/catch.hpp>

#include <filesystem>

#include "inventory/loader.hpp"
#include "plan/input_hashes.hpp"
#include "temp_dir.hpp"

using namespace scsctl;

namespace {

std::string inventory_hash(const std::string& source)
{
    inventory::LoadOptions options;
    options.sources = {source};
    auto loaded = inventory::load_inventory(options);
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    return plan::inventory_sha256(loaded.inventory);
}

} // namespace

TEST_CASE("input hashes: the inventory file, group_vars and host_vars count", "[plan]")
{
    testing::TempDir dir;
    const auto hosts = dir.write("inv/hosts.yml", "all:\n  hosts:\n    a:\n");
    dir.write("inv/group_vars/all.yml", "x: 1\n");
    const auto before = inventory_hash(hosts);
    CHECK(before.size() == 64);
    CHECK(inventory_hash(hosts) == before); // deterministic

    dir.write("inv/group_vars/all.yml", "x: 2\n");
    const auto group_changed = inventory_hash(hosts);
    CHECK(group_changed != before);
    dir.write("inv/host_vars/a.yml", "y: 1\n");
    const auto host_added = inventory_hash(hosts);
    CHECK(host_added != group_changed);
    dir.write("inv/.scsctl/state.db", "journal");
    CHECK(inventory_hash(hosts) == host_added); // the journal is not an input
    dir.write("inv/hosts.yml", "all:\n  hosts:\n    a:\n    b:\n");
    CHECK(inventory_hash(hosts) != host_added);
}

TEST_CASE("input hashes: a directory's files, independent of its location", "[plan]")
{
    testing::TempDir one;
    testing::TempDir two;
    for (const auto* dir : {&one, &two}) {
        dir->write("kvm/deploy.yml", "- hosts: kvm\n");
        dir->write("kvm/roles/r/tasks/main.yml", "- debug: {}\n");
    }
    const auto first = plan::directory_sha256((one.path() / "kvm").string());
    CHECK(first == plan::directory_sha256((two.path() / "kvm").string()));
    two.write("kvm/roles/r/tasks/main.yml", "- debug: {msg: x}\n");
    CHECK(first != plan::directory_sha256((two.path() / "kvm").string()));
    CHECK(plan::directory_sha256((one.path() / "none").string()).empty());
    const auto files = plan::directory_files((one.path() / "kvm").string());
    REQUIRE(files.size() == 2);
    CHECK(files[0].label == "deploy.yml");
    CHECK(files[1].label == "roles/r/tasks/main.yml");
    CHECK(plan::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
