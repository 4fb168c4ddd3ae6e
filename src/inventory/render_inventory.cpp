// The --host and --graph views of ansible-inventory (cli/inventory.py of ansible-core
// 2.14; --list is render_list.cpp). Must not load files or decide precedence
// (host_vars.cpp does).
#include "inventory/render_inventory.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "inventory/host_vars.hpp"
#include "inventory/render_python.hpp"

namespace scsctl::inventory {

using model::GroupId;
using model::HostId;
using model::Inventory;

namespace {

constexpr std::array<std::string_view, 19> k_internal_vars = {
    "ansible_diff_mode",  "ansible_config_file", "ansible_facts",    "ansible_forks",
    "ansible_inventory_sources", "ansible_limit", "ansible_playbook_python", "ansible_run_tags",
    "ansible_skip_tags",  "ansible_verbosity",   "ansible_version",  "inventory_dir",
    "inventory_file",     "inventory_hostname",  "inventory_hostname_short", "groups",
    "group_names",        "omit",                "playbook_dir"};

std::string graph_line(const std::string& text, int depth)
{
    std::string out;
    for (int i = 0; i < depth; ++i) {
        out += "  |";
    }
    return depth > 0 ? out + "--" + text : text;
}

void show_vars(const core::Value& vars, int depth, std::string& out)
{
    std::vector<std::string> keys;
    for (const auto& item : vars.items()) {
        keys.push_back(item.key());
    }
    std::sort(keys.begin(), keys.end());
    for (const auto& key : keys) {
        out += graph_line("{" + key + " = " + python_str(vars.at(key)) + "}", depth) + "\n";
    }
}

void graph_group(const Inventory& inventory, GroupId id, int depth, bool with_vars, std::string& out)
{
    const auto& group = inventory.group(id);
    out += graph_line("@" + group.name + ":", depth) + "\n";
    for (GroupId child : group.children) {
        graph_group(inventory, child, depth + 1, with_vars, out);
    }
    if (id != Inventory::k_all) {
        for (HostId host : group.hosts) {
            out += graph_line(inventory.host(host).name, depth + 1) + "\n";
            if (with_vars) {
                show_vars(visible_host_vars(inventory, host), depth + 2, out);
            }
        }
    }
    if (with_vars) {
        core::Value vars = effective_group_vars(inventory, id);
        remove_internal_vars(vars);
        show_vars(vars, depth + 1, out);
    }
}

} // namespace

void remove_internal_vars(core::Value& vars)
{
    if (!vars.is_object()) {
        return;
    }
    for (std::string_view name : k_internal_vars) {
        vars.erase(std::string(name));
    }
}

core::Value visible_host_vars(const Inventory& inventory, HostId host)
{
    core::Value vars = effective_host_vars(inventory, host);
    remove_internal_vars(vars);
    return vars;
}

std::string render_host(const Inventory& inventory, HostId host)
{
    return python_json_dumps(visible_host_vars(inventory, host)) + "\n";
}

std::string render_graph(const Inventory& inventory, GroupId start, bool with_vars)
{
    std::string out;
    graph_group(inventory, start, 0, with_vars, out);
    return out;
}

} // namespace scsctl::inventory
