// Fuzz harness: an INI inventory file through load_ini_inventory, then the builder's
// reconcile and a walk over the result. See fuzz_main.hpp for how to run it.
#include <string>
#include <string_view>

#include "fuzz_inventory_common.hpp"
#include "fuzz_main.hpp"
#include "inventory/ini_loader.hpp"

void fuzz_one(std::string_view input)
{
    if (!fuzz::acceptable_text(input)) {
        return;
    }
    const std::string path = "fuzz/hosts.ini";
    scsctl::model::Inventory inventory;
    scsctl::core::Diagnostics diagnostics;
    scsctl::inventory::InventoryBuilder builder(inventory, diagnostics);
    builder.set_current_source(path);
    scsctl::inventory::load_ini_inventory(path, input, builder);
    builder.reconcile();
    volatile std::size_t sink = fuzz::walk(inventory) + diagnostics.sorted().size();
    (void)sink;
}
