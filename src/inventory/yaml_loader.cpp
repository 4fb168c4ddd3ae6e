// STUB (owned by the YAML helper): replaced by the real implementation.
#include "inventory/yaml_loader.hpp"

namespace scsctl::inventory {

void load_yaml_inventory(const std::string& path, const YAML::Node&, InventoryBuilder& builder)
{
    builder.diagnostics().error({path, 0, 0}, "yaml inventories not implemented yet");
}

} // namespace scsctl::inventory
