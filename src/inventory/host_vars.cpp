// Variable precedence of ansible-core 2.14 VariableManager.get_vars for a host without a
// play, and ansible-inventory's group variables. Must not read files: group_vars and
// host_vars contents come from the Inventory's AdjacentVars.
#include "inventory/host_vars.hpp"

#include <algorithm>
#include <tuple>

namespace scsctl::inventory {

using model::AdjacentVars;
using model::GroupId;
using model::HostId;
using model::Inventory;

namespace {

const AdjacentVars* find_adjacent(const Inventory& inventory, const std::string& dir, bool playbook)
{
    for (const auto& vars : inventory.adjacent_vars()) {
        if (vars.dir == dir && vars.playbook == playbook) {
            return &vars;
        }
    }
    return nullptr;
}

/// The AdjacentVars consulted for the inventory tier: one per source (not per distinct
/// directory), as Ansible repeats a directory named by several sources.
std::vector<const AdjacentVars*> inventory_tier(const Inventory& inventory)
{
    std::vector<const AdjacentVars*> out;
    for (const auto& source : inventory.sources()) {
        if (source.vars_dir.empty()) {
            continue;
        }
        if (const auto* vars = find_adjacent(inventory, source.vars_dir, false)) {
            out.push_back(vars);
        }
    }
    return out;
}

std::vector<const AdjacentVars*> playbook_tier(const Inventory& inventory)
{
    std::vector<const AdjacentVars*> out;
    for (const auto& vars : inventory.adjacent_vars()) {
        if (vars.playbook) {
            out.push_back(&vars);
        }
    }
    return out;
}

/// Merges `layer` into `into`; with `sources`, records `label()` as the source of each
/// key. The label is only built when asked for (`vars --explain`), not for every group of
/// every host of `inventory list`.
template <typename Label>
void combine(core::Value& into, const core::Value& layer, VarSources* sources, Label&& label)
{
    if (layer.is_object() && layer.empty()) {
        return;
    }
    core::combine_into(into, layer);
    if (sources != nullptr && layer.is_object()) {
        const std::string text = label();
        for (const auto& [key, value] : layer.items()) {
            (void)value;
            (*sources)[key] = text;
        }
    }
}

std::string files_label(const std::vector<std::string>* files, const std::string& fallback)
{
    if (files == nullptr || files->empty()) {
        return fallback;
    }
    std::string out;
    for (const auto& file : *files) {
        out += (out.empty() ? "" : ", ") + file;
    }
    return out;
}

void combine_group_files(core::Value& into, const std::vector<const AdjacentVars*>& tier,
                         const std::vector<std::string>& groups, VarSources* sources)
{
    for (const auto* vars : tier) {
        for (const auto& name : groups) {
            auto found = vars->group_vars.find(name);
            if (found != vars->group_vars.end()) {
                auto files = vars->group_files.find(name);
                combine(into, found->second, sources, [&] {
                    return files_label(files == vars->group_files.end() ? nullptr : &files->second,
                                       vars->dir + "/group_vars/" + name);
                });
            }
        }
    }
}

void combine_host_files(core::Value& into, const std::vector<const AdjacentVars*>& tier, const std::string& host,
                        VarSources* sources)
{
    for (const auto* vars : tier) {
        auto found = vars->host_vars.find(host);
        if (found != vars->host_vars.end()) {
            auto files = vars->host_files.find(host);
            combine(into, found->second, sources, [&] {
                return files_label(files == vars->host_files.end() ? nullptr : &files->second,
                                   vars->dir + "/host_vars/" + host);
            });
        }
    }
}

/// Host.get_magic_vars: the host's own name, its short name and its sorted group names.
core::Value host_magic_vars(const Inventory& inventory, HostId host)
{
    const auto& name = inventory.host(host).name;
    std::vector<std::string> names;
    for (GroupId id : inventory.host(host).groups) {
        if (id != Inventory::k_all) {
            names.push_back(inventory.group(id).name);
        }
    }
    std::sort(names.begin(), names.end());
    core::Value magic = core::Value::object();
    magic["inventory_hostname"] = name;
    // IP addresses keep their dots; names are cut at the first one.
    const bool address = name.find(':') != std::string::npos ||
                         std::all_of(name.begin(), name.end(), [](char c) { return c == '.' || (c >= '0' && c <= '9'); });
    magic["inventory_hostname_short"] = address ? name : name.substr(0, name.find('.'));
    magic["group_names"] = names;
    return magic;
}

} // namespace

std::vector<GroupId> sorted_groups_of(const Inventory& inventory, HostId host)
{
    std::vector<GroupId> groups;
    for (GroupId id : inventory.host(host).groups) {
        if (id != Inventory::k_all) {
            groups.push_back(id);
        }
    }
    std::sort(groups.begin(), groups.end(), [&](GroupId a, GroupId b) {
        const auto& ga = inventory.group(a);
        const auto& gb = inventory.group(b);
        return std::tie(ga.depth, ga.priority, ga.name) < std::tie(gb.depth, gb.priority, gb.name);
    });
    return groups;
}

core::Value effective_host_vars(const Inventory& inventory, HostId host, VarSources* sources)
{
    const auto groups = sorted_groups_of(inventory, host);
    std::vector<std::string> names;
    for (GroupId id : groups) {
        names.push_back(inventory.group(id).name);
    }
    const auto source_tier = inventory_tier(inventory);
    const auto playbook = playbook_tier(inventory);
    const std::vector<std::string> all{"all"};

    // VARIABLE_PRECEDENCE default: all_inventory, groups_inventory, all_plugins_inventory,
    // all_plugins_play, groups_plugins_inventory, groups_plugins_play.
    core::Value vars = core::Value::object();
    const auto& all_group = inventory.group(Inventory::k_all);
    combine(vars, all_group.vars, sources, [&] { return "inventory: group all (" + all_group.where.str() + ")"; });
    for (GroupId id : groups) {
        const auto& group = inventory.group(id);
        combine(vars, group.vars, sources,
                [&] { return "inventory: group " + group.name + " (" + group.where.str() + ")"; });
    }
    combine_group_files(vars, source_tier, all, sources);
    combine_group_files(vars, playbook, all, sources);
    combine_group_files(vars, source_tier, names, sources);
    combine_group_files(vars, playbook, names, sources);

    const auto& host_entry = inventory.host(host);
    combine(vars, host_entry.vars, sources,
            [&] { return "inventory: host " + host_entry.name + " (" + host_entry.where.str() + ")"; });
    combine(vars, host_magic_vars(inventory, host), sources, [] { return std::string("magic variable"); });
    combine_host_files(vars, source_tier, host_entry.name, sources);
    combine_host_files(vars, playbook, host_entry.name, sources);
    return vars;
}

core::Value effective_group_vars(const Inventory& inventory, GroupId group)
{
    const auto& target = inventory.group(group);
    core::Value vars = target.vars.is_object() ? target.vars : core::Value::object();
    const std::vector<std::string> names{target.name};
    combine_group_files(vars, inventory_tier(inventory), names, nullptr);
    combine_group_files(vars, playbook_tier(inventory), names, nullptr);
    if (target.priority != 1) {
        vars["ansible_group_priority"] = target.priority;
    }
    return vars;
}

} // namespace scsctl::inventory
