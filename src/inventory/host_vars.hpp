// The variables a host sees from the inventory alone, with Ansible's precedence:
// 'all' group vars < other group vars (by depth, priority, name) < group_vars/all files
// < group_vars/<group> files < host vars < host_vars/<host> files.
// Depends on core and model only.
#pragma once

#include <map>
#include <string>

#include "core/value.hpp"
#include "model/inventory.hpp"

namespace scsctl::inventory {

/// Groups of a host except 'all', ordered as Ansible's sort_groups (depth, priority, name).
std::vector<model::GroupId> sorted_groups_of(const model::Inventory& inventory, model::HostId host);

/// Where each variable's winning value came from ("inventory: group web (hosts.yml:3:3)",
/// "inventories/prod/group_vars/web.yml"), for `scsctl vars --explain`.
using VarSources = std::map<std::string, std::string>;

/// All inventory variables of `host`, as `ansible-inventory --host` computes them before
/// removing internal variables. With `sources`, records each variable's source.
core::Value effective_host_vars(const model::Inventory& inventory, model::HostId host, VarSources* sources = nullptr);

/// Variables set on `group` by the sources and by group_vars files (--graph --vars).
core::Value effective_group_vars(const model::Inventory& inventory, model::GroupId group);

} // namespace scsctl::inventory
