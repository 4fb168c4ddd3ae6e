// Ansible's YAML inventory format (ansible-core 2.14 plugins/inventory/yaml.py):
// groups with hosts, vars and children, hosts with ranges and variables.
// Depends on core, model, yaml and inventory/builder.
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "inventory/builder.hpp"
#include "yaml/scalar.hpp"
#include "yaml/tree.hpp"

namespace scsctl::inventory {

/// Loads a parsed YAML inventory document `root` (from `path`) through `builder`.
/// `root` must be a mapping; structural problems go to the diagnostics, located.
/// Pass yaml::typing_of(text) as `typing` so a JSON file's numbers read as json.loads
/// reads them (Ansible tries JSON first).
void load_yaml_inventory(const std::string& path, const YAML::Node& root, InventoryBuilder& builder,
                         yaml::Typing typing = yaml::Typing::yaml11);

/// The same for a document parsed by libyaml (yaml::parse_tree); an undefined root
/// (empty file) loads nothing. `root`'s Tree must outlive the call only.
void load_yaml_inventory(const std::string& path, const yaml::TreeNode& root, InventoryBuilder& builder,
                         yaml::Typing typing = yaml::Typing::yaml11);

/// Parses `text` with libyaml (JSON typing when it is JSON, as Ansible tries json.loads
/// first) and loads it as above.
/// Returns false when the text does not parse (the errors are in the diagnostics).
bool load_yaml_inventory_text(const std::string& path, std::string_view text, InventoryBuilder& builder);

} // namespace scsctl::inventory
