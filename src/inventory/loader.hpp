// Loading an inventory from the -i sources: files (YAML, else INI), directories (in
// Ansible's order, skipping its ignored extensions), host lists ("a,b,"), merged, then
// group_vars/host_vars beside each source. Depends on core, model, yaml and inventory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "model/inventory.hpp"

namespace scsctl::inventory {

struct LoadOptions {
    std::vector<std::string> sources;         ///< as given with -i, in order
    std::optional<std::string> playbook_dir;  ///< also read group_vars/host_vars there
};

struct LoadResult {
    model::Inventory inventory;
    core::Diagnostics diagnostics; ///< every problem found; errors mean the inventory is unusable
};

/// Loads and reconciles the inventory. Never throws for bad input.
LoadResult load_inventory(const LoadOptions& options);

} // namespace scsctl::inventory
