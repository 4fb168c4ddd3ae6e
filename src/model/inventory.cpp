// Inventory storage and graph walks (hosts of a group, ancestors, descendants).
#include "model/inventory.hpp"

namespace scsctl::model {

Inventory::Inventory()
{
    Group all;
    all.name = "all";
    Group ungrouped;
    ungrouped.name = "ungrouped";
    add_group(std::move(all));
    add_group(std::move(ungrouped));
    m_groups[k_all].children.push_back(k_ungrouped);
    m_groups[k_ungrouped].parents.push_back(k_all);
    m_groups[k_ungrouped].depth = 1;
}

std::optional<GroupId> Inventory::find_group(const std::string& name) const
{
    auto found = m_group_index.find(name);
    if (found == m_group_index.end()) {
        return std::nullopt;
    }
    return found->second;
}

std::optional<HostId> Inventory::find_host(const std::string& name) const
{
    auto found = m_host_index.find(name);
    if (found == m_host_index.end()) {
        return std::nullopt;
    }
    return found->second;
}

GroupId Inventory::add_group(Group group)
{
    const GroupId id = m_groups.size();
    m_group_index.emplace(group.name, id);
    m_groups.push_back(std::move(group));
    return id;
}

HostId Inventory::add_host(Host host)
{
    const HostId id = m_hosts.size();
    m_host_index.emplace(host.name, id);
    m_hosts.push_back(std::move(host));
    return id;
}

std::vector<GroupId> Inventory::descendants(GroupId group, bool include_self) const
{
    // Ansible walks level by level and appends each newly seen group; a group reached
    // again at a deeper level is not repeated.
    std::vector<GroupId> ordered;
    std::vector<char> seen(m_groups.size(), 0);
    if (include_self) {
        ordered.push_back(group);
    }
    seen[group] = 1;
    std::vector<GroupId> level = m_groups[group].children;
    for (GroupId child : level) {
        if (!seen[child]) {
            seen[child] = 1;
            ordered.push_back(child);
        }
    }
    while (!level.empty()) {
        std::vector<GroupId> next;
        for (GroupId id : level) {
            for (GroupId child : m_groups[id].children) {
                if (!seen[child]) {
                    seen[child] = 1;
                    ordered.push_back(child);
                    next.push_back(child);
                }
            }
        }
        level = std::move(next);
    }
    return ordered;
}

std::vector<GroupId> Inventory::ancestors(GroupId group) const
{
    std::vector<GroupId> out;
    std::vector<char> seen(m_groups.size(), 0);
    std::vector<GroupId> stack = m_groups[group].parents;
    while (!stack.empty()) {
        const GroupId id = stack.back();
        stack.pop_back();
        if (seen[id]) {
            continue;
        }
        seen[id] = 1;
        out.push_back(id);
        for (GroupId parent : m_groups[id].parents) {
            stack.push_back(parent);
        }
    }
    return out;
}

std::vector<HostId> Inventory::hosts_of(GroupId group) const
{
    std::vector<HostId> out;
    std::vector<char> seen(m_hosts.size(), 0);
    for (GroupId id : descendants(group, true)) {
        for (HostId host : m_groups[id].hosts) {
            if (seen[host]) {
                continue;
            }
            seen[host] = 1;
            if (group == k_all && m_hosts[host].implicit) {
                continue;
            }
            out.push_back(host);
        }
    }
    return out;
}

} // namespace scsctl::model
