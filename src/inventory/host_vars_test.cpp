// Variable precedence and the list/host/graph views on an inventory built by hand (no
// files), compared byte for byte with ansible-inventory 2.14 on the same inventory:
// /tmp/prec/inv/hosts.yml with group_vars/{all,child}.yml and host_vars/h1.yml, and
// --playbook-dir /tmp/prec/pb with group_vars/{all,parent}.yml and host_vars/h1.yml.
#include <catch2/catch.hpp>

#include "inventory/builder.hpp"
#include "inventory/host_vars.hpp"
#include "inventory/render_inventory.hpp"

using scsctl::core::Value;
using namespace scsctl::inventory;
using scsctl::model::Inventory;

namespace {

void set_vars(InventoryBuilder& builder, scsctl::model::GroupId group, const Value& vars)
{
    for (const auto& [key, value] : vars.items()) {
        builder.set_group_var(group, key, value, {});
    }
}

/// The inventory of the header comment, built in the YAML plugin's order.
Inventory precedence_inventory()
{
    Inventory inventory;
    scsctl::core::Diagnostics diagnostics;
    InventoryBuilder builder(inventory, diagnostics);
    builder.set_current_source("/tmp/prec/inv/hosts.yml");
    set_vars(builder, Inventory::k_all, Value{{"p1", "all_inv"}, {"only_all", 1}});
    const auto parent = builder.add_group("parent", {});
    set_vars(builder, parent, Value{{"p1", "parent_inv"}, {"p2", "parent_inv"}, {"p4", "parent_inv"}});
    const auto child = builder.add_group("child", {});
    set_vars(builder, child, Value{{"p2", "child_inv"}});
    const auto h1 = builder.add_host("h1", child, {});
    builder.set_host_var(h1, "hv", "host_inv");
    builder.set_host_var(h1, "p5", "host_inv");
    builder.add_child_group(parent, child, {});
    builder.add_child_group(Inventory::k_all, parent, {});
    const auto alpha = builder.add_group("alpha", {});
    set_vars(builder, alpha, Value{{"ansible_group_priority", 10}, {"pr", "alpha"}});
    builder.add_host("h1", alpha, {});
    builder.add_host("h2", alpha, {});
    builder.add_child_group(Inventory::k_all, alpha, {});
    const auto beta = builder.add_group("beta", {});
    set_vars(builder, beta, Value{{"pr", "beta"}});
    builder.add_host("h1", beta, {});
    builder.add_child_group(Inventory::k_all, beta, {});
    builder.reconcile();

    inventory.sources().push_back({"/tmp/prec/inv", "/tmp/prec/inv"});
    scsctl::model::AdjacentVars beside;
    beside.dir = "/tmp/prec/inv";
    beside.group_vars["all"] =
        Value{{"p1", "all_file"}, {"p4", "all_file"}, {"f", Value::array({Value(1), Value("two"), Value{{"k", nullptr}}})}};
    beside.group_vars["child"] = Value{{"p2", "child_file"}};
    beside.host_vars["h1"] = Value{{"hv", "host_file"}};
    scsctl::model::AdjacentVars playbook;
    playbook.dir = "/tmp/prec/pb";
    playbook.playbook = true;
    playbook.group_vars["all"] = Value{{"p4", "pb_all"}, {"p6", "pb_all"}};
    playbook.group_vars["parent"] = Value{{"p6", "pb_parent"}};
    playbook.host_vars["h1"] = Value{{"hv", "host_pb"}};
    inventory.adjacent_vars().push_back(beside);
    inventory.adjacent_vars().push_back(playbook);
    return inventory;
}

} // namespace

TEST_CASE("groups sort by depth, priority and name", "[host_vars]")
{
    const Inventory inventory = precedence_inventory();
    std::vector<std::string> names;
    for (auto id : sorted_groups_of(inventory, *inventory.find_host("h1"))) {
        names.push_back(inventory.group(id).name);
    }
    CHECK(names == std::vector<std::string>{"beta", "parent", "alpha", "child"});
}

TEST_CASE("host variables follow Ansible's precedence", "[host_vars]")
{
    const Inventory inventory = precedence_inventory();
    const Value vars = effective_host_vars(inventory, *inventory.find_host("h1"));
    // group_vars/all.yml beats inventory vars of every group (all_plugins_inventory
    // comes after groups_inventory); alpha (priority 10) beats beta.
    CHECK(vars["p1"] == "all_file");
    CHECK(vars["pr"] == "alpha");
    CHECK(vars["hv"] == "host_pb");
    CHECK(vars["inventory_hostname"] == "h1");
    CHECK(vars["group_names"] == Value::array({"alpha", "beta", "child", "parent"}));
    CHECK(vars["inventory_file"] == "/tmp/prec/inv/hosts.yml");
}

TEST_CASE("--list matches ansible-inventory", "[render]")
{
    CHECK(render_list(precedence_inventory()) == R"({
    "_meta": {
        "hostvars": {
            "h1": {
                "f": [
                    1,
                    "two",
                    {
                        "k": null
                    }
                ],
                "hv": "host_pb",
                "only_all": 1,
                "p1": "all_file",
                "p2": "child_file",
                "p4": "pb_all",
                "p5": "host_inv",
                "p6": "pb_parent",
                "pr": "alpha"
            },
            "h2": {
                "f": [
                    1,
                    "two",
                    {
                        "k": null
                    }
                ],
                "only_all": 1,
                "p1": "all_file",
                "p4": "pb_all",
                "p6": "pb_all",
                "pr": "alpha"
            }
        }
    },
    "all": {
        "children": [
            "ungrouped",
            "parent",
            "alpha",
            "beta"
        ]
    },
    "alpha": {
        "hosts": [
            "h1",
            "h2"
        ]
    },
    "beta": {
        "hosts": [
            "h1"
        ]
    },
    "child": {
        "hosts": [
            "h1"
        ]
    },
    "parent": {
        "children": [
            "child"
        ]
    }
}
)");
}

TEST_CASE("--host matches ansible-inventory", "[render]")
{
    const Inventory inventory = precedence_inventory();
    CHECK(render_host(inventory, *inventory.find_host("h1")) == R"({
    "f": [
        1,
        "two",
        {
            "k": null
        }
    ],
    "hv": "host_pb",
    "only_all": 1,
    "p1": "all_file",
    "p2": "child_file",
    "p4": "pb_all",
    "p5": "host_inv",
    "p6": "pb_parent",
    "pr": "alpha"
}
)");
}

TEST_CASE("--graph --vars matches ansible-inventory", "[render]")
{
    CHECK(render_graph(precedence_inventory(), Inventory::k_all, true) == R"(@all:
  |--@ungrouped:
  |--@parent:
  |  |--@child:
  |  |  |--h1
  |  |  |  |--{f = [1, 'two', {'k': None}]}
  |  |  |  |--{hv = host_pb}
  |  |  |  |--{only_all = 1}
  |  |  |  |--{p1 = all_file}
  |  |  |  |--{p2 = child_file}
  |  |  |  |--{p4 = pb_all}
  |  |  |  |--{p5 = host_inv}
  |  |  |  |--{p6 = pb_parent}
  |  |  |  |--{pr = alpha}
  |  |  |--{p2 = child_file}
  |  |--{p1 = parent_inv}
  |  |--{p2 = parent_inv}
  |  |--{p4 = parent_inv}
  |  |--{p6 = pb_parent}
  |--@alpha:
  |  |--h1
  |  |  |--{f = [1, 'two', {'k': None}]}
  |  |  |--{hv = host_pb}
  |  |  |--{only_all = 1}
  |  |  |--{p1 = all_file}
  |  |  |--{p2 = child_file}
  |  |  |--{p4 = pb_all}
  |  |  |--{p5 = host_inv}
  |  |  |--{p6 = pb_parent}
  |  |  |--{pr = alpha}
  |  |--h2
  |  |  |--{f = [1, 'two', {'k': None}]}
  |  |  |--{only_all = 1}
  |  |  |--{p1 = all_file}
  |  |  |--{p4 = pb_all}
  |  |  |--{p6 = pb_all}
  |  |  |--{pr = alpha}
  |  |--{ansible_group_priority = 10}
  |  |--{pr = alpha}
  |--@beta:
  |  |--h1
  |  |  |--{f = [1, 'two', {'k': None}]}
  |  |  |--{hv = host_pb}
  |  |  |--{only_all = 1}
  |  |  |--{p1 = all_file}
  |  |  |--{p2 = child_file}
  |  |  |--{p4 = pb_all}
  |  |  |--{p5 = host_inv}
  |  |  |--{p6 = pb_parent}
  |  |  |--{pr = alpha}
  |  |--{pr = beta}
  |--{f = [1, 'two', {'k': None}]}
  |--{only_all = 1}
  |--{p1 = all_file}
  |--{p4 = pb_all}
  |--{p6 = pb_all}
)");
}

TEST_CASE("--graph of one group without vars", "[render]")
{
    const Inventory inventory = precedence_inventory();
    CHECK(render_graph(inventory, *inventory.find_group("parent"), false) == "@parent:\n  |--@child:\n  |  |--h1\n");
}
