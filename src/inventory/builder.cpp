// Ansible's inventory invariants, applied one change at a time.
#include "inventory/builder.hpp"

#include <algorithm>
#include <filesystem>

namespace scsctl::inventory {

using model::GroupId;
using model::HostId;

namespace {

bool contains(const std::vector<GroupId>& ids, GroupId id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

std::string inventory_dir_of(const std::string& source_path)
{
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(source_path, ec);
    const std::filesystem::path path = ec ? std::filesystem::path(source_path) : absolute;
    if (std::filesystem::is_directory(path, ec)) {
        return path.lexically_normal().string();
    }
    return path.parent_path().lexically_normal().string();
}

InventoryBuilder::InventoryBuilder(model::Inventory& inventory, core::Diagnostics& diagnostics)
    : m_inventory(inventory), m_diagnostics(diagnostics)
{
}

void InventoryBuilder::set_current_source(std::string path)
{
    m_current_source = std::move(path);
    // Once per source, not per host: a 1M-host range would otherwise stat the disk 1M times.
    m_current_source_dir = m_current_source.empty() ? std::string() : inventory_dir_of(m_current_source);
}

GroupId InventoryBuilder::add_group(const std::string& name, const core::Location& where)
{
    if (auto found = m_inventory.find_group(name)) {
        if (m_inventory.group(*found).where.empty()) {
            m_inventory.group(*found).where = where;
        }
        return *found;
    }
    model::Group group;
    group.name = name;
    group.where = where;
    return m_inventory.add_group(std::move(group));
}

HostId InventoryBuilder::add_host(const std::string& name, std::optional<GroupId> group, const core::Location& where)
{
    HostId id = 0;
    if (auto found = m_inventory.find_host(name)) {
        id = *found;
    } else {
        model::Host host;
        host.name = name;
        host.where = where;
        id = m_inventory.add_host(std::move(host));
        auto& vars = m_inventory.host(id).vars;
        if (m_current_source.empty()) {
            vars["inventory_file"] = nullptr;
            vars["inventory_dir"] = nullptr;
        } else {
            vars["inventory_file"] = m_current_source;
            vars["inventory_dir"] = m_current_source_dir;
        }
    }
    if (group) {
        add_host_to_group(*group, id);
    }
    return id;
}

void InventoryBuilder::add_host_to_group(GroupId group, HostId host_id)
{
    if (m_members.size() <= group) {
        m_members.resize(m_inventory.groups().size());
        for (model::GroupId id = 0; id < m_members.size(); ++id) {
            if (m_members[id].empty()) {
                m_members[id].insert(m_inventory.group(id).hosts.begin(), m_inventory.group(id).hosts.end());
            }
        }
    }
    if (!m_members[group].insert(host_id).second) {
        return;
    }
    m_inventory.group(group).hosts.push_back(host_id);
    // Host.add_group: ancestors first, then the group itself.
    auto& host_groups = m_inventory.host(host_id).groups;
    for (GroupId ancestor : m_inventory.ancestors(group)) {
        if (!contains(host_groups, ancestor)) {
            host_groups.push_back(ancestor);
        }
    }
    if (!contains(host_groups, group)) {
        host_groups.push_back(group);
    }
}

bool InventoryBuilder::add_child_group(GroupId parent, GroupId child, const core::Location& where)
{
    auto& inv = m_inventory;
    if (parent == child) {
        m_diagnostics.error(where, "group '" + inv.group(child).name + "' cannot be a child of itself");
        return false;
    }
    if (contains(inv.group(parent).children, child)) {
        return false;
    }
    std::vector<GroupId> parent_ancestors = inv.ancestors(parent);
    if (contains(parent_ancestors, child)) {
        m_diagnostics.error(where, "adding group '" + inv.group(child).name + "' as a child of '" +
                                       inv.group(parent).name + "' creates a cycle");
        return false;
    }
    const std::vector<GroupId> child_ancestors = inv.ancestors(child);
    parent_ancestors.push_back(parent);
    std::erase_if(parent_ancestors, [&](GroupId id) { return contains(child_ancestors, id); });

    inv.group(parent).children.push_back(child);
    inv.group(child).depth = std::max(inv.group(parent).depth + 1, inv.group(child).depth);
    raise_child_depths(child);
    if (!contains(inv.group(child).parents, parent)) {
        inv.group(child).parents.push_back(parent);
        for (HostId host : inv.hosts_of(child)) {
            auto& host_groups = inv.host(host).groups;
            for (GroupId added : parent_ancestors) {
                if (!contains(host_groups, added)) {
                    host_groups.push_back(added);
                }
            }
        }
    }
    return true;
}

void InventoryBuilder::raise_child_depths(GroupId group)
{
    std::vector<GroupId> pending{group};
    while (!pending.empty()) {
        const GroupId id = pending.back();
        pending.pop_back();
        const int depth = m_inventory.group(id).depth;
        for (GroupId child : m_inventory.group(id).children) {
            if (m_inventory.group(child).depth < depth + 1) {
                m_inventory.group(child).depth = depth + 1;
                pending.push_back(child);
            }
        }
    }
}

void InventoryBuilder::set_group_var(GroupId group, const std::string& key, core::Value value, const core::Location& where)
{
    auto& target = m_inventory.group(group);
    if (key == "ansible_group_priority") {
        // Ansible calls int(value): ints, bools and numeric strings work, anything else fails.
        if (value.is_number_integer() || value.is_boolean()) {
            target.priority = value.is_boolean() ? static_cast<int>(value.get<bool>()) : value.get<int>();
            return;
        }
        if (value.is_number_float()) {
            target.priority = static_cast<int>(value.get<double>());
            return;
        }
        if (value.is_string()) {
            try {
                std::size_t used = 0;
                const std::string text = value.get<std::string>();
                const int parsed = std::stoi(text, &used);
                if (used == text.size()) {
                    target.priority = parsed;
                    return;
                }
            } catch (const std::exception&) {
            }
        }
        m_diagnostics.error(where, "ansible_group_priority must be an integer, got " + value.dump());
        return;
    }
    // Group.set_variable combines with hash_behaviour=replace: a mapping set over a
    // mapping replaces it too.
    target.vars[key] = std::move(value);
}

void InventoryBuilder::set_host_var(HostId host, const std::string& key, core::Value value)
{
    m_inventory.host(host).vars[key] = std::move(value);
}

void InventoryBuilder::reconcile()
{
    auto& inv = m_inventory;
    for (GroupId id = 0; id < inv.groups().size(); ++id) {
        if (id != model::Inventory::k_all && inv.group(id).parents.empty()) {
            add_child_group(model::Inventory::k_all, id, inv.group(id).where);
        }
    }
    const GroupId all = model::Inventory::k_all;
    const GroupId ungrouped = model::Inventory::k_ungrouped;
    for (HostId id = 0; id < inv.hosts().size(); ++id) {
        auto& host = inv.host(id);
        if (contains(host.groups, ungrouped)) {
            const bool elsewhere = std::any_of(host.groups.begin(), host.groups.end(),
                                               [&](GroupId g) { return g != all && g != ungrouped; });
            if (elsewhere) {
                std::erase(inv.group(ungrouped).hosts, id);
                if (ungrouped < m_members.size()) {
                    m_members[ungrouped].erase(id);
                }
                std::erase(host.groups, ungrouped);
            }
        } else if (!host.implicit) {
            const bool only_all = host.groups.empty() || (host.groups.size() == 1 && host.groups[0] == all);
            if (only_all) {
                add_host_to_group(ungrouped, id);
            }
        }
    }
    for (const auto& group : inv.groups()) {
        if (inv.find_host(group.name)) {
            m_diagnostics.warning(group.where, "found both group and host with same name: " + group.name);
        }
    }
}

} // namespace scsctl::inventory
