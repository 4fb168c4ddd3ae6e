// Playbooks as plain data: plays, tasks, blocks and handlers with their keywords still
// raw (templates are rendered per host at run time). Built by playbook/ (the loader),
// read by exec/ (the runner). Depends on core only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/location.hpp"
#include "core/value.hpp"

namespace scsctl::model {

/// One tier of variables a task sees, with where it came from (for `vars --explain`).
enum class VarTier {
    role_defaults, ///< roles/<r>/defaults/main.yml (below inventory vars)
    play_vars,     ///< play `vars:`
    vars_files,    ///< play `vars_files:`
    role_vars,     ///< roles/<r>/vars/main.yml
    role_params,   ///< `roles: [{role: r, x: 1}]`, include_role/import_role `vars:`
    block_vars,    ///< `vars:` of an enclosing block
    task_vars,     ///< the task's own `vars:`
    include_params ///< include_tasks/import_tasks `vars:`
};

const char* var_tier_name(VarTier tier);

struct VarLayer {
    VarTier tier = VarTier::play_vars;
    std::string origin;                       ///< file (and role) the variables came from
    core::Value vars = core::Value::object(); ///< raw: values may hold templates
};

/// Layers are shared between the many tasks of one block, role or include.
using VarLayers = std::vector<std::shared_ptr<const VarLayer>>;

struct Loop {
    std::string kind = "loop"; ///< loop, with_items, with_list, with_dict, with_indexed_items, with_together...
    core::Value items;          ///< raw: a list, or a template string that yields one
    std::string loop_var = "item";
    std::string index_var;      ///< "" when not set
    std::string label;          ///< raw template; "" prints the item
    core::Value pause = nullptr; ///< loop_control.pause seconds, raw
};

enum class TaskKind {
    action,        ///< a module call
    block,         ///< block/rescue/always
    include_tasks, ///< dynamic: file rendered and loaded per host at run time
    include_role,  ///< dynamic role include
};

/// A task, block or dynamic include. Static imports (import_tasks, import_role, roles:)
/// are already expanded by the loader into the tasks they bring, with their keywords
/// (when, tags, vars, become, ...) folded into each child as Ansible inherits them.
struct Task {
    TaskKind kind = TaskKind::action;
    std::string name;   ///< raw template; "" means Ansible's default (the action name)
    std::string action; ///< module name as written in the task's registry table ("command", "meta", ...)
    core::Value args = core::Value::object(); ///< raw; a free-form string is kept under "_raw_params"
    core::Location where;

    std::vector<std::string> when; ///< raw expressions, all must hold; inherited ones first
    std::vector<std::string> tags; ///< own and inherited, deduplicated
    std::optional<Loop> loop;
    std::string register_as;
    std::vector<std::string> notify; ///< raw handler names or listen topics
    std::vector<std::string> listen; ///< handlers only
    std::vector<std::string> changed_when; ///< raw expressions; empty: the module decides
    std::vector<std::string> failed_when;
    std::vector<std::string> until;
    core::Value retries = nullptr; ///< raw; with `until`, Ansible's default is 3
    core::Value delay = nullptr;   ///< raw seconds; default 5
    core::Value ignore_errors = nullptr;      ///< raw bool/template
    core::Value ignore_unreachable = nullptr; ///< raw
    std::string delegate_to;                  ///< raw template; "" not delegated
    bool delegate_facts = false;
    core::Value run_once = nullptr;
    core::Value become = nullptr;        ///< raw bool; null inherits from the play/connection
    core::Value become_user = nullptr;   ///< raw string
    core::Value become_method = nullptr; ///< only sudo is supported
    core::Value environment = nullptr;   ///< raw mapping (inherited ones merged in), or null
    core::Value check_mode = nullptr;    ///< raw bool; null follows --check
    core::Value diff = nullptr;          ///< raw bool; null follows --diff
    core::Value no_log = nullptr;        ///< raw bool
    core::Value timeout = nullptr;       ///< raw seconds
    core::Value throttle = nullptr;      ///< raw int
    core::Value any_errors_fatal = nullptr;

    VarLayers vars; ///< inherited and own, lowest precedence first

    std::string role;                      ///< role name when the task comes from a role
    std::vector<std::string> search_paths; ///< where relative src/template paths are looked up, first wins
    std::string file;                      ///< the tasks file this task was read from

    std::vector<Task> block; ///< TaskKind::block
    std::vector<Task> rescue;
    std::vector<Task> always;

    /// include_tasks: args["file"] / _raw_params is the raw file name; include_role:
    /// args["name"] plus tasks_from/vars_from/defaults_from/handlers_from.
    bool is_handler = false;
};

/// The defaults and vars layers a role exports to roles that depend on it (its
/// dependencies' first), as Ansible's Role.get_default_vars / get_vars combine them.
struct RoleLayers {
    VarLayers defaults;
    VarLayers vars;
};

/// Roles applied in a play, by role directory and params: a role dependency runs once per
/// play (and per params) whether it comes from `roles:`, import_role or include_role.
using AppliedRoles = std::map<std::string, RoleLayers>;

struct Play {
    std::string name;  ///< raw template
    std::string hosts; ///< raw host pattern (lists joined with ',')
    core::Location where;
    std::string file;  ///< the playbook file
    VarLayers vars;    ///< play vars and vars_files, lowest first
    std::vector<std::string> vars_files_pending; ///< vars_files entries with templates, loaded per host
    core::Value gather_facts = nullptr; ///< raw bool; null: Ansible's default (true)
    core::Value serial = nullptr;       ///< raw: int, "30%", or a list of them
    core::Value max_fail_percentage = nullptr;
    core::Value any_errors_fatal = nullptr;
    std::string strategy = "linear"; ///< linear | free
    std::string order = "inventory"; ///< inventory | reverse_inventory | sorted | reverse_sorted | shuffle
    core::Value become = nullptr;
    core::Value become_user = nullptr;
    core::Value become_method = nullptr; ///< raw; only sudo is supported
    core::Value connection = nullptr;    ///< raw: null (ssh by default), "ssh" or "local"
    core::Value environment = nullptr;
    core::Value check_mode = nullptr;
    core::Value diff = nullptr;
    core::Value run_once = nullptr;
    core::Value throttle = nullptr;
    core::Value force_handlers = nullptr;
    std::vector<std::string> tags; ///< play tags (already folded into its tasks)

    std::vector<Task> pre_tasks;
    std::vector<Task> tasks; ///< role tasks (from `roles:`) first, then `tasks:`
    std::vector<Task> post_tasks;
    std::vector<Task> handlers; ///< play handlers and role handlers
    std::vector<std::string> role_names; ///< roles of `roles:`, in order, for --list-tasks headers
    AppliedRoles applied_roles; ///< roles applied while loading (include_role adds to a copy at run time)
};

struct Playbook {
    std::string path;
    std::vector<Play> plays; ///< import_playbook already expanded, in order
};

} // namespace scsctl::model
