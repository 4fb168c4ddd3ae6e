// A plugin's own `validate` problems as located diagnostics: what each problem is about
// (host, group, variable) is found in the inventory files the same way the built-in
// rules locate theirs (var_locator). Depends on core, model and var_locator.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "layers/plugin_protocol.hpp"
#include "layers/var_locator.hpp"
#include "model/inventory.hpp"

namespace scsctl::layers {

/// One error per problem, "MESSAGE (layer plugin 'LAYER')", at the variable's place
/// (host, then group, then region), else at the host or group, else the inventory file.
void add_plugin_problems(const model::Inventory& inventory, const VarLocator& locator, const std::string& layer,
                         const std::vector<PluginProblem>& problems, core::Diagnostics& out);

} // namespace scsctl::layers
