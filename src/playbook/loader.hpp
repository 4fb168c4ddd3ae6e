// Playbooks, task files and roles → model::Playbook, with Ansible 2.14's keyword set and
// inheritance; anything unsupported is a located error listing what is supported.
// Depends on core, model, vars and yaml.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "model/play.hpp"

namespace scsctl::playbook {

/// What the loader needs to know about modules without depending on them (cli wires
/// modules::find_module in): whether `name` is a module, and its argument errors.
struct ModuleCatalog {
    std::function<bool(std::string_view name)> exists;
    /// One line per problem with the (raw) arguments; empty when fine.
    std::function<std::vector<std::string>(std::string_view name, const core::Value& args)> validate;
    std::vector<std::string> names; ///< for "did you mean" and the supported list
};

struct LoadOptions {
    std::vector<std::string> roles_path; ///< searched after roles/ beside the playbook
    ModuleCatalog modules;
};

/// Loads `path` and everything it imports (import_playbook, roles, import_tasks,
/// import_role). Every problem goes to `diagnostics` as file:line:col (all of them, for
/// --syntax-check); the result is meaningful only when diagnostics has no errors.
model::Playbook load_playbook(const std::string& path, const LoadOptions& options, core::Diagnostics& diagnostics);

/// Loads a tasks file for include_tasks at run time; `inherit` is the include task
/// itself (its when, tags, vars, become, ... are folded into the loaded tasks).
std::vector<model::Task> load_tasks_file(const std::string& path, const model::Task& inherit,
                                         const LoadOptions& options, core::Diagnostics& diagnostics);

/// What include_role loads at run time: the role's tasks (tasks_from) and handlers,
/// with its defaults and vars as layers on each task. The role itself always loads; its
/// dependencies only when not yet in `applied` (the play's roles so far), which this
/// call extends.
struct LoadedRole {
    std::vector<model::Task> tasks;
    std::vector<model::Task> handlers;
};
LoadedRole load_role(const std::string& name, const model::Task& inherit, const std::string& playbook_dir,
                     const LoadOptions& options, core::Diagnostics& diagnostics, model::AppliedRoles& applied);

} // namespace scsctl::playbook
