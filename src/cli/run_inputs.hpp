// What `scsctl run` prepares before anything runs: extra vars from -e (k=v, JSON/YAML,
// @file), the module catalog the loader validates against, the hosts as the runner sees
// them, and Ansible's `groups` variable. Depends on cli, exec, inventory, playbook.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "cli/global_options.hpp"
#include "core/value.hpp"
#include "exec/run_options.hpp"
#include "model/inventory.hpp"
#include "playbook/loader.hpp"

namespace scsctl::cli {

/// -e values merged left to right (later wins, recursively for mappings as Ansible does
/// with hash_behaviour=replace: top-level keys replaced). Errors print and return 2.
std::expected<core::Value, int> parse_extra_vars(const std::vector<std::string>& values, const Console& console);

/// modules::find_module and the modules' own validation, for the loader.
playbook::ModuleCatalog module_catalog();

/// Every inventory host with its effective variables and group_names.
std::vector<exec::RunHost> run_hosts(const model::Inventory& inventory);

/// {"all": [...], "ungrouped": [...], "<group>": [...]} in inventory order.
core::Value groups_variable(const model::Inventory& inventory);

} // namespace scsctl::cli
