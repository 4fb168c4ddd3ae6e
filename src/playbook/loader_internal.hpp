// The loader's shared state and the functions the loader's files call on each other:
// YAML file reading, task lists, roles, inheritance. Internal to playbook/.
// Depends on core, model and yaml.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/diagnostics.hpp"
#include "model/play.hpp"
#include "playbook/loader.hpp"
#include "yaml/document.hpp"

namespace scsctl::playbook::detail {

/// A parsed YAML file: its root node and how its scalars are typed.
struct YamlFile {
    std::string path;
    YAML::Node root;
    yaml::Typing typing = yaml::Typing::yaml11;
};

/// Where the tasks being parsed come from.
struct Scope {
    std::string file;     ///< the tasks file
    std::string role_dir; ///< "" outside roles
    bool handlers = false;
};

/// A role found on disk.
struct RoleSpec {
    std::string name;
    std::string dir;
};

/// What a role brings, before it is folded into a play or an include.
struct RoleContent {
    std::vector<model::Task> tasks;
    std::vector<model::Task> handlers;
    /// What a role that depends on this one sees of it.
    model::RoleLayers layers;
};

/// Load state of one load_* call: options, diagnostics, the playbook's directory and
/// the stack of files being loaded (to refuse recursive imports).
class Loader {
public:
    Loader(const LoadOptions& options, core::Diagnostics& diagnostics, std::string playbook_dir);

    core::Diagnostics& diagnostics() { return m_diagnostics; }
    const LoadOptions& options() const { return m_options; }
    const std::string& playbook_dir() const { return m_playbook_dir; }
    /// Imported playbooks resolve roles and relative files from their own directory.
    void set_playbook_dir(std::string dir) { m_playbook_dir = std::move(dir); }
    void error(const core::Location& where, std::string message) { m_diagnostics.error(where, std::move(message)); }
    void error(const std::string& file, const YAML::Node& node, std::string message)
    {
        m_diagnostics.error(yaml::location_of(file, node), std::move(message));
    }

    /// Reads and parses `path`; nullopt (errors reported at `from`, or in the file) when
    /// it cannot be read or parsed.
    std::optional<YamlFile> read_yaml(const std::string& path, const core::Location& from);
    core::Value value_of(const std::string& file, const YAML::Node& node);

    /// Guards against recursive imports: false (and an error) when `path` is already open.
    bool enter(const std::string& path, const core::Location& from);
    void leave();

    // task_list.cpp
    /// Parses a list of tasks (or handlers) with `parent`'s keywords folded into each.
    /// A list that contains itself through an alias, nesting deeper than
    /// k_max_task_nesting and more than k_max_tasks entries in one load are reported
    /// (located) and cut off.
    std::vector<model::Task> parse_task_list(const Scope& scope, const YAML::Node& list, const model::Task& parent);
    /// Loads a tasks file (import_tasks, role tasks/handlers) as a task list.
    std::vector<model::Task> load_task_file(const Scope& scope, const std::string& path, const model::Task& parent,
                                            const core::Location& from);

    // role_loader.cpp
    std::optional<RoleSpec> find_role(const std::string& name, const core::Location& from);
    /// Loads role `spec`: dependencies first, then its tasks (tasks_from) and handlers,
    /// with defaults, vars and `params` as layers under `parent`'s keywords.
    RoleContent load_role_content(const RoleSpec& spec, const model::Task& parent, const core::Value& params,
                                  const core::Value& from_files, const core::Location& from);

    /// Collector for handlers that static role imports bring into the current play.
    std::vector<model::Task>* role_handlers = nullptr;
    /// `roles:` and dependencies already applied in this play (role dir + params), with
    /// the layers they export, still seen by a role whose dependency was suppressed.
    model::AppliedRoles applied_roles;

    /// Task lists open at once (blocks within blocks, imports within imports): each
    /// level costs stack, so deep nesting is refused before it can overflow.
    static constexpr std::size_t k_max_task_nesting = 64;
    /// Tasks and blocks one load may parse: aliases reused inside blocks multiply the
    /// tree (eight uses per level, seven levels: 8 million tasks from 462 bytes).
    static constexpr std::size_t k_max_tasks = 100'000;

private:
    /// Opens `list` for parsing; false (reported once per node) when it is already open
    /// (a recursive alias) or nesting is too deep. Balanced by m_open_lists.pop_back().
    bool open_task_list(const std::string& file, const YAML::Node& list);
    /// Takes one task or block from the load's budget; false once it is spent (reported
    /// once, at `node`).
    bool spend_task(const std::string& file, const YAML::Node& node);
    /// Reports `message` at `node` unless an error was already reported there: a bad
    /// node reached through aliases many times would otherwise flood the diagnostics.
    void error_once(const std::string& file, const YAML::Node& node, std::string message);

    const LoadOptions& m_options;
    core::Diagnostics& m_diagnostics;
    std::string m_playbook_dir;
    std::vector<std::string> m_open_files;
    std::map<std::string, yaml::Typing> m_typings; ///< per file read: JSON files type scalars as JSON
    /// Per file read: one budget for all the values converted from it, so a vars or
    /// args alias bomb spread over many tasks is cut off and reported once.
    std::map<std::string, yaml::ValueBudget> m_value_budgets;
    std::vector<YAML::Node> m_open_lists;     ///< task lists being parsed (see open_task_list)
    std::vector<YAML::Node> m_reported_nodes; ///< nodes error_once already reported
    std::size_t m_tasks_left = k_max_tasks;
    bool m_tasks_reported = false;
};

// inheritance.cpp
/// Folds `parent`'s inheritable keywords into `child` (conditions first, tags merged,
/// unset keywords taken over, variable layers prepended).
void inherit_into(model::Task& child, const model::Task& parent);
/// Adds `tags` to `task` and, for blocks, to every child (deduplicated).
void add_tags(std::vector<std::string>& into, const std::vector<std::string>& tags);
/// A layer of `tier` over `vars`, shared by everything that inherits it.
std::shared_ptr<const model::VarLayer> make_layer(model::VarTier tier, std::string origin, core::Value vars);
/// The search paths for tasks of a role in `role_dir` (or of the play when empty).
std::vector<std::string> search_paths_for(const std::string& role_dir, const std::string& playbook_dir);

// task_keywords.cpp
/// A condition keyword (string, bool, number or a list of them) as raw expressions.
std::vector<std::string> conditions_of(Loader& loader, const std::string& file, const YAML::Node& node,
                                       const std::string& keyword);
/// Tags: a string (comma separated), a number, or a list of them.
std::vector<std::string> tags_of(Loader& loader, const std::string& file, const YAML::Node& node);
/// A string or a list of strings (notify, listen).
std::vector<std::string> names_of(Loader& loader, const std::string& file, const YAML::Node& node,
                                  const std::string& keyword);
/// A scalar as text ("" for null); errors for collections.
std::string string_of(Loader& loader, const std::string& file, const YAML::Node& node, const std::string& keyword);
/// `vars:` as a mapping; a list of mappings is merged when `allow_list`.
core::Value vars_of(Loader& loader, const std::string& file, const YAML::Node& node, bool allow_list);
/// Sets one of the keywords every task, block, role entry and play share (become,
/// environment, ...); false when `key` is not one of them.
bool set_common_keyword(Loader& loader, const std::string& file, const yaml::MapEntry& entry, model::Task& task);

// role_entries.cpp
/// One entry of `roles:` or of a role's `dependencies:`: keywords go to `keywords`
/// (their `vars:` as a role_params layer), other keys are role params.
struct RoleEntry {
    std::string name;
    core::Location where;
    model::Task keywords;
    core::Value params = core::Value::object();
};
std::optional<RoleEntry> parse_role_entry(Loader& loader, const std::string& file, const YAML::Node& node);
/// Applies a role entry: dependencies and the role itself, skipped when the same role
/// with the same params already ran (unless allow_duplicates).
RoleContent apply_role_entry(Loader& loader, const RoleEntry& entry, const model::Task& parent);

// play_parser.cpp
/// What an import_playbook passes to the plays it brings: vars (above the plays' own),
/// tags and conditions.
struct PlayImport {
    model::VarLayers vars;
    std::vector<std::string> tags;
    std::vector<std::string> when;
};
std::optional<model::Play> parse_play(Loader& loader, const std::string& file, const YAML::Node& node,
                                      const PlayImport& import);

/// Strips ansible.builtin. / ansible.legacy.
std::string short_action_name(const std::string& name);

} // namespace scsctl::playbook::detail
