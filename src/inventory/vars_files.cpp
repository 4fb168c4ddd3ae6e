// STUB (owned by the YAML helper): replaced by the real implementation.
#include "inventory/vars_files.hpp"

namespace scsctl::inventory {

model::AdjacentVars load_adjacent_vars(const std::string& dir, bool playbook, const model::Inventory&,
                                       core::Diagnostics&)
{
    model::AdjacentVars vars;
    vars.dir = dir;
    vars.playbook = playbook;
    return vars;
}

} // namespace scsctl::inventory
