// group_vars/ and host_vars/ beside an inventory source or a playbook, as Ansible's
// host_group_vars vars plugin finds and merges them. Depends on core, model and yaml.
#pragma once

#include <string>

#include "core/diagnostics.hpp"
#include "model/inventory.hpp"

namespace scsctl::inventory {

/// Reads `dir`/group_vars and `dir`/host_vars for every group and host of `inventory`
/// (for entity NAME: NAME as a directory of files, else NAME, NAME.yml, NAME.yaml,
/// NAME.json, the first that exists), merged with Ansible's rules. Malformed files are
/// reported located; files for unknown groups or hosts are reported as warnings.
model::AdjacentVars load_adjacent_vars(const std::string& dir, bool playbook, const model::Inventory& inventory,
                                       core::Diagnostics& diagnostics);

} // namespace scsctl::inventory
