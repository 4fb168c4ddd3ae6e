// The inventory as plain data: hosts, groups and their relations, with where each was
// defined. Built by inventory/ (InventoryBuilder) with Ansible's rules; read by everyone.
// Depends on core only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/location.hpp"
#include "core/value.hpp"

namespace scsctl::model {

using GroupId = std::size_t;
using HostId = std::size_t;

struct Group {
    std::string name;
    core::Value vars = core::Value::object(); ///< variables set by inventory sources
    std::vector<GroupId> children;            ///< in the order they were added
    std::vector<GroupId> parents;
    std::vector<HostId> hosts; ///< direct members, in the order they were added
    int depth = 0;             ///< longest path from 'all'
    int priority = 1;          ///< ansible_group_priority
    core::Location where;      ///< first definition
};

struct Host {
    std::string name;
    core::Value vars = core::Value::object(); ///< variables set by inventory sources
    std::vector<GroupId> groups;              ///< member groups including ancestors (Ansible's host.groups)
    bool implicit = false;                    ///< the implicit localhost
    core::Location where;                     ///< first definition
};

/// One inventory source as given with -i (a file, a directory or a host list).
struct Source {
    std::string path;     ///< as given
    std::string vars_dir; ///< where group_vars/ and host_vars/ are looked up ("" for host lists)
};

/// Variables of the group_vars/ and host_vars/ files beside one source (Ansible's
/// host_group_vars plugin), already merged per entity in Ansible's file order.
struct AdjacentVars {
    std::string dir;       ///< the directory holding group_vars/ and host_vars/
    bool playbook = false; ///< beside the playbook (a later precedence tier) rather than a source
    std::unordered_map<std::string, core::Value> group_vars;
    std::unordered_map<std::string, core::Value> host_vars;
    /// The files each entity's variables came from, for `--explain` and validation.
    std::unordered_map<std::string, std::vector<std::string>> group_files;
    std::unordered_map<std::string, std::vector<std::string>> host_files;
};

class Inventory {
public:
    static constexpr GroupId k_all = 0;
    static constexpr GroupId k_ungrouped = 1;

    Inventory();

    const std::vector<Group>& groups() const { return m_groups; }
    const std::vector<Host>& hosts() const { return m_hosts; }
    const Group& group(GroupId id) const { return m_groups[id]; }
    const Host& host(HostId id) const { return m_hosts[id]; }
    Group& group(GroupId id) { return m_groups[id]; }
    Host& host(HostId id) { return m_hosts[id]; }

    std::optional<GroupId> find_group(const std::string& name) const;
    std::optional<HostId> find_host(const std::string& name) const;

    /// Appends a group or host; the caller (InventoryBuilder) keeps Ansible's invariants.
    GroupId add_group(Group group);
    HostId add_host(Host host);

    /// Hosts of a group and of all its descendants, without duplicates, in Ansible's
    /// order (Group.get_hosts: the group, then descendants breadth-first).
    std::vector<HostId> hosts_of(GroupId group) const;

    /// Descendant groups of `group` (breadth-first, first seen first), optionally with itself.
    std::vector<GroupId> descendants(GroupId group, bool include_self) const;

    /// Ancestor groups of `group` (not including itself).
    std::vector<GroupId> ancestors(GroupId group) const;

    std::vector<Source>& sources() { return m_sources; }
    const std::vector<Source>& sources() const { return m_sources; }

    /// One entry per distinct vars directory, in source order (inventory sources first,
    /// then the playbook directory when one is given).
    std::vector<AdjacentVars>& adjacent_vars() { return m_adjacent_vars; }
    const std::vector<AdjacentVars>& adjacent_vars() const { return m_adjacent_vars; }

private:
    std::vector<Group> m_groups;
    std::vector<Host> m_hosts;
    std::unordered_map<std::string, GroupId> m_group_index;
    std::unordered_map<std::string, HostId> m_host_index;
    std::vector<Source> m_sources;
    std::vector<AdjacentVars> m_adjacent_vars;
};

} // namespace scsctl::model
