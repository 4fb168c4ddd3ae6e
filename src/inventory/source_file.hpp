// One inventory file: decides between YAML and INI the way Ansible's plugin chain does
// (yaml for .yml/.yaml/.json or no extension when the document is a mapping, else ini)
// and picks the errors worth showing when neither fits. Depends on core, model, yaml
// and the inventory loaders; knows nothing of directories or host lists.
#pragma once

#include <string>
#include <string_view>

#include "inventory/builder.hpp"

namespace scsctl::inventory {

/// Loads the inventory file `path` through `builder` (which must have `path` as its
/// current source). Problems go to the builder's diagnostics, located.
void load_inventory_file(const std::string& path, InventoryBuilder& builder);

/// Whether `text` looks like YAML rather than INI: its first meaningful line starts a
/// document ("---"), a flow mapping, a block sequence or a "key:" mapping entry.
bool looks_like_yaml(std::string_view text);

} // namespace scsctl::inventory
