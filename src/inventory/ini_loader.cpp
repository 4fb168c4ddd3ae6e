// STUB (owned by the INI helper): replaced by the real implementation.
#include "inventory/ini_loader.hpp"

namespace scsctl::inventory {

void load_ini_inventory(const std::string& path, std::string_view, InventoryBuilder& builder)
{
    builder.diagnostics().error({path, 0, 0}, "ini inventories not implemented yet");
}

} // namespace scsctl::inventory
