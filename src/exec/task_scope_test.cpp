// TaskScope: Ansible's variable precedence (highest first): extra vars > include params >
// role params > set_fact/registered > task vars > block vars > role vars > play
// vars_files > play vars > facts (ansible_ names) > inventory > role defaults; and the
// magic variables.
#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "exec/task_scope.hpp"

using scsctl::core::Value;
using scsctl::exec::HostRuntime;
using scsctl::exec::PlayVars;
using scsctl::exec::RunHost;
using scsctl::exec::TaskScope;
using scsctl::model::VarLayer;
using scsctl::model::VarTier;

namespace {

std::shared_ptr<const VarLayer> layer(VarTier tier, Value vars, std::string origin = "")
{
    auto out = std::make_shared<VarLayer>();
    out->tier = tier;
    out->vars = std::move(vars);
    out->origin = std::move(origin);
    return out;
}

/// A host, a play and a task, with every tier settable.
struct World {
    scsctl::model::Play play;
    scsctl::model::Task task;
    Value extra = Value::object();
    Value groups = Value{{"all", Value::array({"web1.example.com", "db"})},
                         {"web", Value::array({"web1.example.com"})}};
    Value hostvars_value = Value{{"db", Value{{"x", 1}}}};
    RunHost host;
    HostRuntime runtime;
    PlayVars play_vars;

    World()
    {
        host.name = "web1.example.com";
        host.group_names = {"web"};
        runtime.host = &host;
        play_vars.play = &play;
        play_vars.extra_vars = &extra;
        play_vars.groups = &groups;
        play_vars.play_hosts = Value::array({"web1.example.com", "db"});
        play_vars.play_batch = Value::array({"web1.example.com"});
        play_vars.play_hosts_all = Value::array({"web1.example.com", "db", "gone"});
        play_vars.playbook_dir = "/srv/playbooks";
        play_vars.play_name = "site";
        play.role_names = {"common", "web"};
        play_vars.check_mode = true;
        play_vars.diff_mode = false;
        play_vars.hostvars = [this]() -> const Value& { return hostvars_value; };
    }

    const Value* find(std::string_view name) const
    {
        TaskScope scope(play_vars, runtime, &task);
        const Value* found = scope.find(name);
        copies.push_back(found == nullptr ? Value() : *found);
        return found == nullptr ? nullptr : &copies.back();
    }
    std::string source(std::string_view name) const { return TaskScope(play_vars, runtime, &task).source_of(name); }
    mutable std::deque<Value> copies;
};

const std::vector<std::string> k_tiers = {"extra",     "include_params", "role_params", "set_fact",
                                          "task",      "block",          "role_vars",   "vars_files",
                                          "play_vars", "facts",          "inventory",   "role_defaults"};

/// Defines `ansible_x` at the tiers (k_tiers indexes) `wanted` accepts, with the tier's
/// name as the value.
template <typename Wanted>
void define_where(World& world, Wanted wanted)
{
    const std::string name = "ansible_x";
    auto at = [&](const std::string& tier) {
        return wanted(static_cast<std::size_t>(std::find(k_tiers.begin(), k_tiers.end(), tier) - k_tiers.begin()));
    };
    auto vars_for = [&](const std::string& tier) { return Value{{name, tier}}; };
    if (at("extra")) {
        world.extra[name] = "extra";
    }
    if (at("set_fact")) {
        world.runtime.host_vars[name] = "set_fact";
    }
    if (at("facts")) {
        world.runtime.facts["x"] = "facts";
    }
    if (at("inventory")) {
        world.host.vars[name] = "inventory";
    }
    // Play layers, lowest first: play vars, then vars_files.
    if (at("play_vars")) {
        world.play.vars.push_back(layer(VarTier::play_vars, vars_for("play_vars")));
    }
    if (at("vars_files")) {
        world.play.vars.push_back(layer(VarTier::vars_files, vars_for("vars_files")));
    }
    // Task layers, lowest first, as the loader builds them for a role task in a block.
    const std::vector<std::pair<VarTier, std::string>> task_layers = {
        {VarTier::role_defaults, "role_defaults"}, {VarTier::role_vars, "role_vars"},
        {VarTier::role_params, "role_params"},     {VarTier::block_vars, "block"},
        {VarTier::task_vars, "task"},              {VarTier::include_params, "include_params"}};
    for (const auto& [tier, label] : task_layers) {
        if (at(label)) {
            world.task.vars.push_back(layer(tier, vars_for(label), "roles/r/tasks/main.yml"));
        }
    }
}

/// Every tier from k_tiers[from] downwards.
void define_from(World& world, std::size_t from)
{
    define_where(world, [from](std::size_t index) { return index >= from; });
}

} // namespace

TEST_CASE("TaskScope: each tier beats every tier below it", "[exec]")
{
    // Also pairwise: tier i over tier j for every i < j.
    for (std::size_t high = 0; high < k_tiers.size(); ++high) {
        for (std::size_t low = high + 1; low < k_tiers.size(); ++low) {
            World world;
            define_where(world, [&](std::size_t index) { return index == high || index == low; });
            INFO(k_tiers[high] << " over " << k_tiers[low]);
            const Value* found = world.find("ansible_x");
            REQUIRE(found != nullptr);
            CHECK(found->get<std::string>() == k_tiers[high]);
        }
    }
    for (std::size_t from = 0; from < k_tiers.size(); ++from) {
        World world;
        define_from(world, from);
        INFO("highest defined tier: " << k_tiers[from]);
        const Value* found = world.find("ansible_x");
        REQUIRE(found != nullptr);
        CHECK(found->get<std::string>() == k_tiers[from]);
    }
}

TEST_CASE("TaskScope: each tier alone is found", "[exec]")
{
    for (std::size_t only = 0; only < k_tiers.size(); ++only) {
        World world;
        define_where(world, [only](std::size_t index) { return index == only; });
        INFO(k_tiers[only]);
        const Value* found = world.find("ansible_x");
        REQUIRE(found != nullptr);
        CHECK(found->get<std::string>() == k_tiers[only]);
    }
}

TEST_CASE("TaskScope: later layers of a tier win (inner block over outer block)", "[exec]")
{
    World world;
    world.task.vars.push_back(layer(VarTier::block_vars, Value{{"v", "outer"}}));
    world.task.vars.push_back(layer(VarTier::block_vars, Value{{"v", "inner"}}));
    CHECK(world.find("v")->get<std::string>() == "inner");
    world.play.vars.push_back(layer(VarTier::vars_files, Value{{"w", "first file"}}));
    world.play.vars.push_back(layer(VarTier::vars_files, Value{{"w", "second file"}}));
    CHECK(world.find("w")->get<std::string>() == "second file");
}

TEST_CASE("TaskScope: facts are seen only under ansible_ names and ansible_facts", "[exec]")
{
    World world;
    world.runtime.facts["os_family"] = "Debian";
    CHECK(world.find("ansible_os_family")->get<std::string>() == "Debian");
    CHECK(world.find("os_family") == nullptr);
    REQUIRE(world.find("ansible_facts") != nullptr);
    CHECK((*world.find("ansible_facts"))["os_family"] == "Debian");
    // Inventory vars below facts, above role defaults.
    world.host.vars["ansible_os_family"] = "FromInventory";
    CHECK(world.find("ansible_os_family")->get<std::string>() == "Debian");
    world.host.vars["ansible_user"] = "deploy";
    CHECK(world.find("ansible_user")->get<std::string>() == "deploy");
}

TEST_CASE("TaskScope: undefined names", "[exec]")
{
    World world;
    CHECK(world.find("nothing_here") == nullptr);
    CHECK(world.source("nothing_here").empty());
    CHECK(world.find("role_name") == nullptr); // not a role task
}

TEST_CASE("TaskScope: magic variables", "[exec]")
{
    World world;
    world.task.role = "web";
    CHECK(world.find("inventory_hostname")->get<std::string>() == "web1.example.com");
    CHECK(world.find("inventory_hostname_short")->get<std::string>() == "web1");
    CHECK(*world.find("group_names") == Value::array({"web"}));
    CHECK((*world.find("groups"))["web"] == Value::array({"web1.example.com"}));
    CHECK((*world.find("hostvars"))["db"]["x"] == 1);
    CHECK(*world.find("ansible_play_hosts") == Value::array({"web1.example.com", "db"}));
    CHECK(*world.find("play_hosts") == Value::array({"web1.example.com", "db"}));
    CHECK(*world.find("ansible_play_batch") == Value::array({"web1.example.com"}));
    CHECK(*world.find("ansible_play_hosts_all") == Value::array({"web1.example.com", "db", "gone"}));
    CHECK(world.find("playbook_dir")->get<std::string>() == "/srv/playbooks");
    CHECK(*world.find("ansible_check_mode") == true);
    CHECK(*world.find("ansible_diff_mode") == false);
    CHECK(world.find("role_name")->get<std::string>() == "web");
    CHECK(world.find("ansible_play_name")->get<std::string>() == "site");
    CHECK(*world.find("ansible_play_role_names") == Value::array({"common", "web"}));
    CHECK(*world.find("role_names") == Value::array({"common", "web"}));
    CHECK(world.find("omit")->get<std::string>() == std::string(scsctl::exec::k_omit_token));
    CHECK(world.source("inventory_hostname") == "magic variable");
}

TEST_CASE("TaskScope: source_of names the tier", "[exec]")
{
    World world;
    define_from(world, 0);
    CHECK(world.source("ansible_x") == "extra vars (-e)");
    World set_fact;
    define_from(set_fact, 3);
    CHECK(set_fact.source("ansible_x") == "set_fact / register");
    World task;
    define_from(task, 4);
    CHECK(task.source("ansible_x") == "task vars (roles/r/tasks/main.yml)");
    World play;
    define_from(play, 8);
    CHECK(play.source("ansible_x") == "play vars");
    World facts;
    define_from(facts, 9);
    CHECK(facts.source("ansible_x") == "facts");
    World inventory;
    define_from(inventory, 10);
    CHECK(inventory.source("ansible_x") == "inventory");
    World defaults;
    define_from(defaults, 11);
    CHECK(defaults.source("ansible_x") == "role defaults (roles/r/tasks/main.yml)");
}

TEST_CASE("TaskScope: a scope without a task sees play, host and extra vars", "[exec]")
{
    World world;
    world.extra["e"] = 1;
    world.host.vars["i"] = 2;
    world.play.vars.push_back(layer(VarTier::play_vars, Value{{"p", 3}}));
    TaskScope scope(world.play_vars, world.runtime, nullptr);
    CHECK(*scope.find("e") == 1);
    CHECK(*scope.find("i") == 2);
    CHECK(*scope.find("p") == 3);
}

TEST_CASE("member: object lookups without exceptions", "[exec]")
{
    const Value object{{"a", 1}};
    CHECK(*scsctl::exec::member(object, "a") == 1);
    CHECK(scsctl::exec::member(object, "b") == nullptr);
    CHECK(scsctl::exec::member(Value::array({1}), "a") == nullptr);
    CHECK(scsctl::exec::member(Value(), "a") == nullptr);
}
