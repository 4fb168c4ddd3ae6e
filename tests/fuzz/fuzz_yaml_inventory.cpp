// Fuzz harness: a YAML inventory file, through yaml::parse and load_yaml_inventory, then
// the builder's reconcile and a walk over the result. See fuzz_main.hpp for how to run it.
#include <string>
#include <string_view>

#include "fuzz_inventory_common.hpp"
#include "fuzz_main.hpp"
#include "inventory/yaml_loader.hpp"
#include "yaml/document.hpp"

void fuzz_one(std::string_view input)
{
    if (!fuzz::acceptable_text(input)) {
        return;
    }
    const std::string path = "fuzz/hosts.yml";
    scsctl::model::Inventory inventory;
    scsctl::core::Diagnostics diagnostics;
    scsctl::inventory::InventoryBuilder builder(inventory, diagnostics);
    builder.set_current_source(path);
    if (auto root = scsctl::yaml::parse(path, input, diagnostics)) {
        // The vars conversion on the whole document too (group_vars files take this path).
        (void)scsctl::yaml::to_value(path, *root, diagnostics);
        scsctl::inventory::load_yaml_inventory(path, *root, builder);
    }
    builder.reconcile();
    volatile std::size_t sink = fuzz::walk(inventory) + diagnostics.sorted().size();
    (void)sink;
}
