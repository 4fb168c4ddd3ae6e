// Internal: one task mapping → model::Task (action and arguments, keywords, loop), used
// by task_list.cpp; imports are expanded there. Depends on core, model and yaml.
#pragma once

#include <optional>

#include "playbook/loader_internal.hpp"

namespace scsctl::playbook::detail {

/// Parses the task mapping `node` (not a block). nullopt when it has no usable action;
/// problems are reported. The result has its own keywords only (nothing inherited).
std::optional<model::Task> parse_task(Loader& loader, const Scope& scope, const YAML::Node& node);

/// The module (or include/import) name of `key` when it names an action, else nullopt.
bool is_include_or_import(const std::string& action);

} // namespace scsctl::playbook::detail
