// The items of a task's loop: `loop:` as given, `with_items` flattened one level,
// `with_list`, `with_dict` as {key, value} pairs, `with_indexed_items` as [i, x].
// Depends on core, model and vars.
#pragma once

#include <vector>

#include "core/result.hpp"
#include "model/play.hpp"
#include "vars/engine.hpp"

namespace scsctl::exec {

core::Result<std::vector<core::Value>> loop_items(const model::Loop& loop, const vars::Engine& engine,
                                                  const vars::Scope& scope);

} // namespace scsctl::exec
