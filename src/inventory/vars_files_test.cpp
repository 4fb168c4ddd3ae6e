// Tests for group_vars/ and host_vars/ discovery and merging. File choice and order
// were checked with ansible-inventory --host (ansible-core 2.14) on the same trees.
#include <catch2/catch.hpp>

#include "inventory/builder.hpp"
#include "inventory/vars_files.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using core::Value;

namespace {

/// An inventory with groups web (child of all) and db, hosts h1 (web) and h2 (db).
model::Inventory example_inventory()
{
    model::Inventory inventory;
    core::Diagnostics diagnostics;
    inventory::InventoryBuilder builder(inventory, diagnostics);
    const auto web = builder.add_group("web", {});
    const auto db = builder.add_group("db", {});
    builder.add_host("h1", web, {});
    builder.add_host("h2", db, {});
    builder.reconcile();
    return inventory;
}

std::vector<std::string> messages(const core::Diagnostics& diagnostics, core::Severity severity)
{
    std::vector<std::string> out;
    for (const auto& item : diagnostics.items()) {
        if (item.severity == severity) {
            out.push_back(item.str());
        }
    }
    return out;
}

} // namespace

TEST_CASE("vars files: a directory is read sorted and recursively, skipping what Ansible skips", "[vars_files]")
{
    testing::TempDir dir;
    const std::string gv = (dir.path() / "group_vars").string();
    dir.write("group_vars/web/01.yml", "a: 1\n");
    dir.write("group_vars/web/00", "a: 2\n");
    dir.write("group_vars/web/sub/zz.yaml", "a: 3\n");
    dir.write("group_vars/web/02.txt", "a: 4\n");
    dir.write("group_vars/web/.hidden.yml", "a: 5\n");
    dir.write("group_vars/web/03.yml~", "a: 6\n");
    dir.write("group_vars/web/10.yml", "b: {x: 1}\n");
    dir.write("group_vars/web/11.json", "{\"b\": {\"y\": 1}}");
    dir.write("group_vars/web/sub.d/x.yml", "c: 1\n");
    core::Diagnostics diagnostics;
    const auto vars = inventory::load_adjacent_vars(dir.path().string(), false, example_inventory(), diagnostics);
    CHECK(diagnostics.items().empty());
    CHECK(vars.group_files.at("web") == std::vector<std::string>{gv + "/web/00", gv + "/web/01.yml", gv + "/web/10.yml",
                                                                 gv + "/web/11.json", gv + "/web/sub/zz.yaml"});
    // ansible-inventory --host h1: a = 3, b = {y: 1} (files replace top-level keys).
    CHECK(vars.group_vars.at("web") == Value::parse(R"({"a":3,"b":{"y":1}})"));
}

TEST_CASE("vars files: the first of NAME, NAME.yml, NAME.yaml, NAME.json wins", "[vars_files]")
{
    testing::TempDir dir;
    dir.write("group_vars/all", "src: plain\n");
    dir.write("group_vars/all.yml", "src: yml\n");
    dir.write("group_vars/web.yml/a.yml", "y: 1\n"); // a directory named web.yml is read whole
    dir.write("group_vars/web.yaml", "x: 1\n");
    dir.write("group_vars/db.json", "{\"port\": 5432}");
    dir.write("host_vars/h1.yml", "hv: file\n");
    core::Diagnostics diagnostics;
    const auto vars = inventory::load_adjacent_vars(dir.path().string(), true, example_inventory(), diagnostics);
    CHECK(vars.playbook);
    CHECK(vars.group_vars.at("all") == Value::parse(R"({"src":"plain"})"));
    CHECK(vars.group_vars.at("web") == Value::parse(R"({"y":1})"));
    CHECK(vars.group_vars.at("db") == Value::parse(R"({"port":5432})"));
    CHECK(vars.host_vars.at("h1") == Value::parse(R"({"hv":"file"})"));
    CHECK_FALSE(vars.host_vars.contains("h2"));
    // The shadowed files are reported, not read.
    const auto warnings = messages(diagnostics, core::Severity::warning);
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0].find("all.yml: ignored: another group_vars entry for group 'all' comes first") !=
          std::string::npos);
    CHECK(warnings[1].find("web.yaml: ignored") != std::string::npos);
}

TEST_CASE("vars files: empty files are ignored, non-mappings are errors", "[vars_files]")
{
    testing::TempDir dir;
    dir.write("group_vars/web/a.yml", "");
    dir.write("group_vars/web/b.yml", "# nothing\n");
    dir.write("group_vars/web/c.yml", "{}\n");
    dir.write("group_vars/db.yml", "# list\n- a\n- b\n");
    dir.write("host_vars/h1", "hello\n");
    core::Diagnostics diagnostics;
    const auto vars = inventory::load_adjacent_vars(dir.path().string(), false, example_inventory(), diagnostics);
    CHECK(vars.group_vars.at("web") == Value::object());
    CHECK(vars.group_files.at("web").size() == 3);
    // ansible: "failed to combine variables, expected dicts but got a 'dict' and a 'AnsibleSequence'"
    CHECK(messages(diagnostics, core::Severity::error) ==
          std::vector<std::string>{(dir.path() / "group_vars/db.yml").string() +
                                       ":2:1: expected a mapping of variables, got a sequence",
                                   (dir.path() / "host_vars/h1").string() +
                                       ":1:1: expected a mapping of variables, got a string"});
}

TEST_CASE("vars files: syntax errors are located in the file", "[vars_files]")
{
    testing::TempDir dir;
    dir.write("host_vars/h2.yml", "a: 1\na: 2\n");
    core::Diagnostics diagnostics;
    inventory::load_adjacent_vars(dir.path().string(), false, example_inventory(), diagnostics);
    CHECK(messages(diagnostics, core::Severity::error) ==
          std::vector<std::string>{(dir.path() / "host_vars/h2.yml").string() +
                                   ":2:1: duplicate key 'a' (first at line 1)"});
}

TEST_CASE("vars files: files for unknown groups or hosts are warnings with a hint", "[vars_files]")
{
    testing::TempDir dir;
    dir.write("group_vars/webb.yml", "c: 1\n");
    dir.write("host_vars/h3.yml", "c: 1\n");
    dir.write("host_vars/.keep", "");
    core::Diagnostics diagnostics;
    const auto vars = inventory::load_adjacent_vars(dir.path().string(), false, example_inventory(), diagnostics);
    CHECK_FALSE(diagnostics.has_errors());
    CHECK(vars.group_vars.empty());
    CHECK(messages(diagnostics, core::Severity::warning) ==
          std::vector<std::string>{(dir.path() / "group_vars/webb.yml").string() +
                                       ": no group named 'webb' (did you mean 'web'?)",
                                   (dir.path() / "host_vars/h3.yml").string() +
                                       ": no host named 'h3' (did you mean 'h1'?)"});
}

TEST_CASE("vars files: no directories, or a file where a directory belongs", "[vars_files]")
{
    testing::TempDir dir;
    core::Diagnostics diagnostics;
    auto vars = inventory::load_adjacent_vars(dir.path().string(), false, example_inventory(), diagnostics);
    CHECK(diagnostics.items().empty());
    CHECK(vars.group_vars.empty());
    dir.write("group_vars", "not a dir\n");
    vars = inventory::load_adjacent_vars(dir.path().string(), false, example_inventory(), diagnostics);
    CHECK(messages(diagnostics, core::Severity::warning).size() == 1);
}

TEST_CASE("vars files: many host files load quickly", "[vars_files]")
{
    testing::TempDir dir;
    model::Inventory inventory;
    core::Diagnostics build_diagnostics;
    inventory::InventoryBuilder builder(inventory, build_diagnostics);
    const auto group = builder.add_group("web", {});
    for (int i = 0; i < 2000; ++i) {
        const std::string name = "host" + std::to_string(i);
        builder.add_host(name, group, {});
        dir.write("host_vars/" + name + ".yml", "id: " + std::to_string(i) + "\n");
    }
    core::Diagnostics diagnostics;
    const auto vars = inventory::load_adjacent_vars(dir.path().string(), false, inventory, diagnostics);
    CHECK(diagnostics.items().empty());
    REQUIRE(vars.host_vars.size() == 2000);
    CHECK(vars.host_vars.at("host1999")["id"] == Value(1999));
}
