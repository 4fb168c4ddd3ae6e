// Tests for the YAML inventory format. Expected structures were checked with
// ansible-inventory --list/--graph (ansible-core 2.14) on the same files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>

#include "inventory/yaml_loader.hpp"
#include "yaml/document.hpp"

using namespace scsctl;
using core::Value;

namespace {

struct Loaded {
    model::Inventory inventory;
    core::Diagnostics diagnostics;

    const model::Group& group(const std::string& name) const
    {
        const auto id = inventory.find_group(name);
        REQUIRE(id.has_value());
        return inventory.group(*id);
    }
    const model::Host& host(const std::string& name) const
    {
        const auto id = inventory.find_host(name);
        REQUIRE(id.has_value());
        return inventory.host(*id);
    }
    std::vector<std::string> host_names(const std::string& group_name) const
    {
        std::vector<std::string> out;
        for (auto id : group(group_name).hosts) {
            out.push_back(inventory.host(id).name);
        }
        return out;
    }
    std::vector<std::string> child_names(const std::string& group_name) const
    {
        std::vector<std::string> out;
        for (auto id : group(group_name).children) {
            out.push_back(inventory.group(id).name);
        }
        return out;
    }
    std::vector<std::string> errors() const
    {
        std::vector<std::string> out;
        for (const auto& item : diagnostics.items()) {
            if (item.severity == core::Severity::error) {
                out.push_back(item.str());
            }
        }
        return out;
    }
};

std::unique_ptr<Loaded> load(std::string_view text)
{
    auto loaded = std::make_unique<Loaded>();
    inventory::InventoryBuilder builder(loaded->inventory, loaded->diagnostics);
    builder.set_current_source("/inv/hosts.yml");
    inventory::load_yaml_inventory_text("hosts.yml", text, builder);
    builder.reconcile();
    return loaded;
}

const char* const k_example = R"(all:
  vars:
    ntp: pool.example.org
  hosts:
    solo:
  children:
    web:
      hosts:
        web01:
          http_port: 80
        "db:2222":
      vars:
        role: web
      children:
        edge:
          hosts:
            web01:
              edge: true
    db:
      hosts: db
      vars: debug
)";

} // namespace

TEST_CASE("yaml inventory: groups, children, hosts, ports and vars", "[yaml_inventory]")
{
    const auto loaded = load(k_example);
    CHECK(loaded->errors().empty());
    // ansible-inventory --list: all.children = ungrouped, web, db; web.hosts = web01, db.
    CHECK(loaded->child_names("all") == std::vector<std::string>{"ungrouped", "web", "db"});
    CHECK(loaded->child_names("web") == std::vector<std::string>{"edge"});
    CHECK(loaded->host_names("web") == std::vector<std::string>{"web01", "db"});
    CHECK(loaded->host_names("edge") == std::vector<std::string>{"web01"});
    CHECK(loaded->host_names("ungrouped") == std::vector<std::string>{"solo"});
    CHECK(loaded->host_names("db") == std::vector<std::string>{"db"});
    CHECK(loaded->group("all").vars == Value::parse(R"({"ntp":"pool.example.org"})"));
    CHECK(loaded->group("web").vars == Value::parse(R"({"role":"web"})"));
    CHECK(loaded->group("db").vars == Value::parse(R"({"debug":null})")); // "vars: debug" is {debug: None}
    CHECK(loaded->host("db").vars["ansible_port"] == Value(2222));
    CHECK(loaded->host("web01").vars["http_port"] == Value(80));
    CHECK(loaded->host("web01").vars["edge"] == Value(true));
    CHECK(loaded->host("web01").vars["inventory_file"] == Value("/inv/hosts.yml"));
    CHECK(loaded->group("edge").where.str() == "hosts.yml:15:9");
    CHECK(loaded->host("web01").where.str() == "hosts.yml:9:9");
}

TEST_CASE("yaml inventory: a variable set twice keeps the last value", "[yaml_inventory]")
{
    // ansible: h1 gets x: 2 and d: {q: 2} (Host.set_variable replaces with hash_behaviour=replace).
    const auto loaded = load("a:\n  hosts:\n    h1:\n      x: 1\n      d: {p: 1}\nb:\n  hosts:\n    h1:2222:\n"
                             "      x: 2\n      d: {q: 2}\n");
    CHECK(loaded->errors().empty());
    CHECK(loaded->host("h1").vars["x"] == Value(2));
    CHECK(loaded->host("h1").vars["d"] == Value::parse(R"({"q":2})"));
    // ansible: a port on an existing host is ignored (Host(name, port) sets it only when created).
    CHECK_FALSE(loaded->host("h1").vars.contains("ansible_port"));
}

TEST_CASE("yaml inventory: unexpected keys are errors with a hint", "[yaml_inventory]")
{
    const auto loaded = load("web:\n  host:\n    h1:\n  colour: blue\n");
    CHECK(loaded->errors() == std::vector<std::string>{
                                  "hosts.yml:2:3: unexpected key 'host' in group 'web' (did you mean 'hosts'?)",
                                  "hosts.yml:4:3: unexpected key 'colour' in group 'web' (expected 'vars', "
                                  "'children' or 'hosts')"});
}

TEST_CASE("yaml inventory: sequences where mappings belong are located errors", "[yaml_inventory]")
{
    CHECK(load("all:\n  vars: [a, b]\n")->errors() ==
          std::vector<std::string>{"hosts.yml:2:9: expected a mapping for 'vars' of group 'all', got a sequence"});
    CHECK(load("all:\n  hosts:\n    - h1\n")->errors() ==
          std::vector<std::string>{"hosts.yml:3:5: expected a mapping for 'hosts' of group 'all', got a sequence"});
    CHECK(load("web: [h1]\n")->errors() ==
          std::vector<std::string>{"hosts.yml:1:6: expected a mapping for group 'web', got a sequence"});
    CHECK(load("web:\n  hosts:\n    h1: x\n")->errors() ==
          std::vector<std::string>{"hosts.yml:3:9: expected a mapping of variables for host 'h1', got a string"});
    CHECK(load("- a\n- b\n")->errors() ==
          std::vector<std::string>{"hosts.yml:1:1: a YAML inventory must be a mapping of group names, got a sequence"});
}

TEST_CASE("yaml inventory: names must be strings", "[yaml_inventory]")
{
    // ansible: "Host pattern 1 must be a string. Enclose integers/floats in quotation marks."
    CHECK(load("web:\n  hosts:\n    1:\n")->errors() ==
          std::vector<std::string>{"hosts.yml:3:5: host pattern 1 must be a string (an integer); enclose it in quotes"});
    CHECK(load("1:\n  hosts:\n    h1:\n")->errors() ==
          std::vector<std::string>{"hosts.yml:1:1: group name must be a string, got an integer (1); quote it"});
    const auto quoted = load("web:\n  hosts:\n    '1':\n");
    CHECK(quoted->errors().empty());
    CHECK(quoted->host_names("web") == std::vector<std::string>{"1"});
}

TEST_CASE("yaml inventory: null sections, string sections and plugin files", "[yaml_inventory]")
{
    const auto loaded = load("web:\n  hosts:\n  vars:\n  children: edge\nedge:\n");
    CHECK(loaded->errors().empty());
    CHECK(loaded->child_names("web") == std::vector<std::string>{"edge"});
    CHECK(load("plugin: constructed\n")->errors().size() == 1);
    CHECK(load("")->errors().empty());
}

TEST_CASE("yaml inventory: json files type numbers as json", "[yaml_inventory]")
{
    const auto loaded = load(R"({"all": {"hosts": {"h1": {"a": 1e3, "b": "x"}}}})");
    CHECK(loaded->errors().empty());
    CHECK(loaded->host("h1").vars["a"] == Value(1000.0)); // ansible: 1000.0
    CHECK(load("all:\n  hosts:\n    h1:\n      a: 1e3\n")->host("h1").vars["a"] == Value("1e3"));
}

TEST_CASE("yaml inventory: merge keys and anchors in the structure", "[yaml_inventory]")
{
    const auto loaded = load("x-common: &common\n  vars: {tier: 1}\nweb:\n  <<: *common\n  hosts: {h1: }\n"
                             "db: *common\n");
    CHECK(loaded->errors().empty());
    CHECK(loaded->group("web").vars == Value::parse(R"({"tier":1})"));
    CHECK(loaded->group("db").vars == Value::parse(R"({"tier":1})"));
}

TEST_CASE("yaml inventory: a group containing itself through an alias is an error", "[yaml_inventory]")
{
    const auto loaded = load("web: &w\n  children:\n    db: *w\n");
    CHECK_FALSE(loaded->errors().empty());
}

TEST_CASE("yaml inventory: duplicate hosts keys are errors", "[yaml_inventory]")
{
    CHECK(load("web:\n  hosts:\n    h1:\n    h1:\n")->errors() ==
          std::vector<std::string>{"hosts.yml:4:5: duplicate key 'h1' (first at line 3)"});
}

TEST_CASE("an alias bomb spread over several variables is cut off once for the file", "[inventory][yaml]")
{
    // Each of lol6..lol9 alone expands past the budget; the file shares one budget, so
    // the work is bounded by it and the operator reads one error, not one per variable.
    std::string text = "all:\n  vars:\n    lol0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        const std::string prev = "*a" + std::to_string(i - 1);
        text += "    lol" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
        for (int j = 1; j < 10; ++j) {
            text += ", " + prev;
        }
        text += "]\n";
    }
    const auto loaded = load(text);
    const auto errors = loaded->errors();
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("alias bomb") != std::string::npos);
    CHECK(errors[0].find("hosts.yml:") == 0);
}
