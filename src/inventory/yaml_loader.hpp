// Ansible's YAML inventory format (ansible-core 2.14 plugins/inventory/yaml.py):
// groups with hosts, vars and children, hosts with ranges and variables.
// Depends on core, model, yaml and inventory/builder.
#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

#include "inventory/builder.hpp"

namespace scsctl::inventory {

/// Loads a parsed YAML inventory document `root` (from `path`) through `builder`.
/// `root` must be a mapping; structural problems go to the diagnostics, located.
void load_yaml_inventory(const std::string& path, const YAML::Node& root, InventoryBuilder& builder);

} // namespace scsctl::inventory
