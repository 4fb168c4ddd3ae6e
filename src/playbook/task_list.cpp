// Task lists: blocks (block/rescue/always), plain tasks with inheritance folded in, and
// the static imports (import_tasks, import_role) expanded in place. Depends on core,
// model and yaml.
#include <filesystem>

#include "core/spellcheck.hpp"
#include "playbook/keyword_table.hpp"
#include "playbook/loader_internal.hpp"
#include "playbook/module_args.hpp"
#include "playbook/task_parser.hpp"

namespace scsctl::playbook::detail {

namespace {

namespace fs = std::filesystem;

bool is_block(const YAML::Node& node)
{
    return node["block"].IsDefined() || node["rescue"].IsDefined() || node["always"].IsDefined();
}

/// The layer tier of an include's or import's own `vars:`.
void retier_own_vars(model::Task& task)
{
    model::VarTier tier = model::VarTier::task_vars;
    if (task.action == "include_tasks" || task.action == "import_tasks") {
        tier = model::VarTier::include_params;
    } else if (task.action == "include_role" || task.action == "import_role") {
        tier = model::VarTier::role_params;
    } else {
        return;
    }
    for (auto& layer : task.vars) {
        layer = make_layer(tier, layer->origin, layer->vars);
    }
}

/// The file name of an include_tasks/import_tasks (`file:` or the free-form text).
std::string include_file_name(const model::Task& task)
{
    for (const char* key : {"file", "_raw_params"}) {
        const auto it = task.args.find(key);
        if (it != task.args.end() && it->is_string()) {
            return it->get<std::string>();
        }
    }
    return "";
}

/// Checks an include/import's arguments; false (reported) when they are unusable.
bool check_include_args(Loader& loader, const model::Task& task)
{
    static const std::vector<std::string> k_tasks = {"file", "_raw_params", "apply"};
    static const std::vector<std::string> k_role = {"name",          "tasks_from", "vars_from",        "defaults_from",
                                                    "handlers_from", "public",     "allow_duplicates", "apply",
                                                    "rolespec_validate"};
    const bool role = task.action.ends_with("_role");
    const auto& allowed = role ? k_role : k_tasks;
    bool ok = true;
    for (const auto& [key, value] : task.args.items()) {
        const bool apply_on_import = key == "apply" && task.action.starts_with("import_");
        if (!contains(allowed, key) || apply_on_import) {
            loader.error(task.where, "invalid option '" + key + "' for " + task.action + core::did_you_mean(key, allowed));
            ok = false;
        }
    }
    const std::string name = role ? (task.args.contains("name") && task.args["name"].is_string()
                                         ? task.args["name"].get<std::string>()
                                         : "")
                                  : include_file_name(task);
    if (name.empty()) {
        loader.error(task.where, task.action + (role ? " needs 'name' (the role)" : " needs a file name"));
        return false;
    }
    if (task.action.starts_with("import_") && is_template(name)) {
        loader.error(task.where, task.action + " cannot use a templated name ('" + name + "'); use include_" +
                                     task.action.substr(7) + " instead");
        return false;
    }
    if (task.action.starts_with("import_") && task.loop) {
        loader.error(task.where, "loops are not allowed on " + task.action + "; use include_" +
                                     task.action.substr(7) + " instead");
        return false;
    }
    return ok;
}

/// import_tasks' file: relative names are looked up in the role's tasks/ directory,
/// beside the importing file, then in the playbook directory.
std::string resolve_tasks_file(Loader& loader, const Scope& scope, const std::string& name,
                               std::vector<std::string>& looked)
{
    if (fs::path(name).is_absolute()) {
        looked.push_back(name);
        return fs::is_regular_file(name) ? name : "";
    }
    std::vector<std::string> dirs;
    if (!scope.role_dir.empty()) {
        dirs.push_back(scope.role_dir + "/tasks");
    }
    dirs.push_back(fs::path(scope.file).parent_path().string());
    dirs.push_back(loader.playbook_dir());
    for (const auto& dir : dirs) {
        const std::string candidate = (fs::path(dir) / name).lexically_normal().string();
        if (std::find(looked.begin(), looked.end(), candidate) != looked.end()) {
            continue;
        }
        looked.push_back(candidate);
        if (fs::is_regular_file(candidate)) {
            return candidate;
        }
    }
    return "";
}

void expand_import_tasks(Loader& loader, const Scope& scope, const model::Task& import, std::vector<model::Task>& out)
{
    const std::string name = include_file_name(import);
    std::vector<std::string> looked;
    const std::string path = resolve_tasks_file(loader, scope, name, looked);
    if (path.empty()) {
        std::string where;
        for (const auto& dir : looked) {
            where += (where.empty() ? "" : ", ") + dir;
        }
        loader.error(import.where, "could not find import_tasks file '" + name + "' (looked for: " + where + ")");
        return;
    }
    model::Task parent = import;
    parent.name.clear();
    Scope child{path, scope.role_dir, scope.handlers};
    auto tasks = loader.load_task_file(child, path, parent, import.where);
    out.insert(out.end(), std::make_move_iterator(tasks.begin()), std::make_move_iterator(tasks.end()));
}

void expand_import_role(Loader& loader, const model::Task& import, std::vector<model::Task>& out)
{
    const auto spec = loader.find_role(import.args["name"].get<std::string>(), import.where);
    if (!spec) {
        return;
    }
    model::Task parent = import;
    parent.name.clear();
    auto content = loader.load_role_content(*spec, parent, core::Value::object(), import.args, import.where);
    out.insert(out.end(), std::make_move_iterator(content.tasks.begin()), std::make_move_iterator(content.tasks.end()));
    if (loader.role_handlers != nullptr) {
        for (auto& handler : content.handlers) {
            loader.role_handlers->push_back(std::move(handler));
        }
    }
}

void parse_block(Loader& loader, const Scope& scope, const YAML::Node& node, const model::Task& parent,
                 std::vector<model::Task>& out)
{
    model::Task block;
    block.kind = model::TaskKind::block;
    block.where = yaml::location_of(scope.file, node);
    block.file = scope.file;
    block.is_handler = scope.handlers;
    std::vector<std::pair<std::string, YAML::Node>> parts;
    for (const auto& entry : yaml::mapping_entries(scope.file, node, loader.diagnostics())) {
        if (entry.name == "block" || entry.name == "rescue" || entry.name == "always") {
            parts.emplace_back(entry.name, entry.value);
        } else if (entry.name == "name") {
            block.name = string_of(loader, scope.file, entry.value, "name");
        } else if (entry.name == "vars") {
            block.vars.push_back(make_layer(model::VarTier::block_vars, scope.file,
                                            vars_of(loader, scope.file, entry.value, false)));
        } else if (entry.name == "notify") {
            block.notify = names_of(loader, scope.file, entry.value, "notify");
        } else if (!contains(block_keywords(), entry.name) ||
                   !set_common_keyword(loader, scope.file, entry, block)) {
            loader.error(scope.file, entry.key, "'" + entry.name + "' is not a valid keyword for a block" +
                                                    core::did_you_mean(entry.name, block_keywords()) +
                                                    "; supported: block, rescue, always, " + join_names(block_keywords()));
        }
    }
    inherit_into(block, parent);
    for (const auto& [name, list] : parts) {
        auto& target = name == "block" ? block.block : (name == "rescue" ? block.rescue : block.always);
        target = loader.parse_task_list(scope, list, block);
    }
    out.push_back(std::move(block));
}

void parse_entry(Loader& loader, const Scope& scope, const YAML::Node& node, const model::Task& parent,
                 std::vector<model::Task>& out)
{
    auto task = parse_task(loader, scope, node);
    if (!task) {
        return;
    }
    retier_own_vars(*task);
    inherit_into(*task, parent);
    if (is_include_or_import(task->action) && !check_include_args(loader, *task)) {
        return;
    }
    if (task->action == "import_tasks") {
        expand_import_tasks(loader, scope, *task, out);
    } else if (task->action == "import_role") {
        expand_import_role(loader, *task, out);
    } else {
        if (task->action == "include_tasks") {
            task->kind = model::TaskKind::include_tasks;
        } else if (task->action == "include_role") {
            task->kind = model::TaskKind::include_role;
        }
        out.push_back(std::move(*task));
    }
}

} // namespace

void Loader::error_once(const std::string& file, const YAML::Node& node, std::string message)
{
    for (const auto& reported : m_reported_nodes) {
        if (reported.is(node)) {
            return;
        }
    }
    m_reported_nodes.push_back(node);
    error(file, node, std::move(message));
}

bool Loader::open_task_list(const std::string& file, const YAML::Node& list)
{
    // Aliases share their node, so identity (is()) spots a list reached from inside
    // itself, which would otherwise recurse until the stack overflows.
    for (const auto& open : m_open_lists) {
        if (open.is(list)) {
            error_once(file, list, "recursive alias: a task list contains itself");
            return false;
        }
    }
    if (m_open_lists.size() >= k_max_task_nesting) {
        error_once(file, list,
                   "blocks nested too deeply (more than " + std::to_string(k_max_task_nesting) + " levels)");
        return false;
    }
    m_open_lists.push_back(list);
    return true;
}

bool Loader::spend_task(const std::string& file, const YAML::Node& node)
{
    if (m_tasks_left == 0) {
        if (!m_tasks_reported) {
            m_tasks_reported = true;
            error(file, node, "playbook expands to more than " + std::to_string(k_max_tasks) + " tasks (alias bomb?)");
        }
        return false;
    }
    --m_tasks_left;
    return true;
}

std::vector<model::Task> Loader::parse_task_list(const Scope& scope, const YAML::Node& list, const model::Task& parent)
{
    std::vector<model::Task> out;
    if (!list.IsDefined() || list.IsNull()) {
        return out;
    }
    if (!list.IsSequence()) {
        error(scope.file, list, "expected a list of tasks, got " + yaml::describe_node(list));
        return out;
    }
    if (!open_task_list(scope.file, list)) {
        return out;
    }
    for (const auto& item : list) {
        if (!spend_task(scope.file, item)) {
            break;
        }
        if (!item.IsMap()) {
            error(scope.file, item, "a task must be a mapping, got " + yaml::describe_node(item));
        } else if (is_block(item)) {
            parse_block(*this, scope, item, parent, out);
        } else {
            parse_entry(*this, scope, item, parent, out);
        }
    }
    m_open_lists.pop_back();
    return out;
}

std::vector<model::Task> Loader::load_task_file(const Scope& scope, const std::string& path,
                                                const model::Task& parent, const core::Location& from)
{
    if (!enter(path, from)) {
        return {};
    }
    std::vector<model::Task> out;
    if (auto file = read_yaml(path, from)) {
        out = parse_task_list(scope, file->root, parent);
    }
    leave();
    return out;
}

} // namespace scsctl::playbook::detail
