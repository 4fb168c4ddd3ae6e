// InventoryBuilder: the only way loaders change an Inventory. Keeps Ansible's invariants
// (InventoryData/Group/Host of ansible-core 2.14): ancestors on hosts, depths, cycle
// refusal, variable setting, and the final reconcile (implicit 'all' and 'ungrouped').
// Depends on core and model only.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/value.hpp"
#include "model/inventory.hpp"

namespace scsctl::inventory {

class InventoryBuilder {
public:
    InventoryBuilder(model::Inventory& inventory, core::Diagnostics& diagnostics);

    /// The source being loaded; hosts first seen now get inventory_file/inventory_dir.
    void set_current_source(std::string path);

    /// The group named `name`, created at `where` if new.
    model::GroupId add_group(const std::string& name, const core::Location& where);

    /// The host named `name`, created at `where` if new, and made a member of `group`.
    model::HostId add_host(const std::string& name, std::optional<model::GroupId> group, const core::Location& where);

    /// Makes `child` a child of `parent`. A loop is reported at `where` and not added.
    bool add_child_group(model::GroupId parent, model::GroupId child, const core::Location& where);

    /// Makes host `host` a direct member of `group` (as Ansible's add_child with a host).
    void add_host_to_group(model::GroupId group, model::HostId host);

    /// Group.set_variable: ansible_group_priority sets the priority; anything else
    /// replaces (combine_vars with hash_behaviour=replace, also for mappings).
    void set_group_var(model::GroupId group, const std::string& key, core::Value value, const core::Location& where);

    /// Host.set_variable (replaces, as with hash_behaviour=replace).
    void set_host_var(model::HostId host, const std::string& key, core::Value value);

    /// InventoryData.reconcile_inventory: parentless groups under 'all', hosts without a
    /// group in 'ungrouped', hosts with a group out of it. Run once after all sources.
    void reconcile();

    model::Inventory& inventory() { return m_inventory; }
    core::Diagnostics& diagnostics() { return m_diagnostics; }

private:
    void raise_child_depths(model::GroupId group);

    model::Inventory& m_inventory;
    core::Diagnostics& m_diagnostics;
    std::string m_current_source;
    std::string m_current_source_dir;
    /// Direct members per group, for O(1) "already a member?" (a range of a million
    /// hosts in one group must not be quadratic).
    std::vector<std::unordered_set<model::HostId>> m_members;
};

/// Python's os.path.dirname of an absolute path, as Ansible's basedir() computes it.
std::string inventory_dir_of(const std::string& source_path);

} // namespace scsctl::inventory
