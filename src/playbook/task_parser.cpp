// One task mapping → model::Task: finds the single action (module key, action:,
// local_action:), parses its arguments (mapping or free-form k=v), the loop and every
// keyword. Depends on core, model, yaml and the module catalog of LoadOptions.
#include "playbook/task_parser.hpp"

#include "core/spellcheck.hpp"
#include "playbook/keyword_table.hpp"
#include "playbook/module_args.hpp"

namespace scsctl::playbook::detail {

namespace {

/// An action found in a task: its name and where its arguments are.
struct ActionRef {
    std::string name; ///< short name
    YAML::Node key;
    YAML::Node value;
    bool long_form = false; ///< action: / local_action:
    bool local = false;
};

class TaskParser {
public:
    TaskParser(Loader& loader, const Scope& scope) : m_loader(loader), m_scope(scope) {}
    std::optional<model::Task> parse(const YAML::Node& node);

private:
    void classify(const yaml::MapEntry& entry, model::Task& task);
    bool is_module(const std::string& name) const;
    void report_unknown(const yaml::MapEntry& entry);
    void set_keyword(const yaml::MapEntry& entry, model::Task& task);
    void set_loop(const yaml::MapEntry& entry, model::Task& task);
    void set_loop_control(const yaml::MapEntry& entry, model::Task& task);
    bool resolve_action(const ActionRef& ref, model::Task& task);
    core::Value args_of(const std::string& action, const YAML::Node& node, const core::Value& value);
    void finish_args(const YAML::Node& node, model::Task& task);

    Loader& m_loader;
    const Scope& m_scope;
    std::vector<ActionRef> m_actions;
    std::vector<std::string> m_loop_keys;
    std::optional<YAML::Node> m_args_node;
    std::optional<YAML::Node> m_loop_control;
    bool m_reported = false; ///< an unknown key was reported: do not also say "no action"
};

const std::string& file_of(const Scope& scope) { return scope.file; }

} // namespace

bool is_include_or_import(const std::string& action)
{
    return action == "include_tasks" || action == "import_tasks" || action == "include_role" ||
           action == "import_role";
}

namespace {

bool TaskParser::is_module(const std::string& name) const
{
    const auto& catalog = m_loader.options().modules;
    if (is_include_or_import(short_action_name(name))) {
        return true;
    }
    if (!catalog.exists) {
        return true; // no catalog wired in: any unknown key is taken for a module
    }
    return catalog.exists(short_action_name(name)) || catalog.exists(name);
}

void TaskParser::report_unknown(const yaml::MapEntry& entry)
{
    m_reported = true;
    const std::string& key = entry.name;
    if (is_unsupported_task_keyword(key)) {
        m_loader.error(file_of(m_scope), entry.key, "task keyword '" + key + "' is not supported by scsctl");
    } else if (key.starts_with("with_")) {
        m_loader.error(file_of(m_scope), entry.key,
                       "loop '" + key + "' is not supported; use one of: " + join_names(loop_keywords()));
    } else if (key == "include") {
        m_loader.error(file_of(m_scope), entry.key, "'include' is not supported; use include_tasks or import_tasks");
    } else {
        std::vector<std::string> candidates(task_keywords().begin(), task_keywords().end());
        candidates.insert(candidates.end(), m_loader.options().modules.names.begin(),
                          m_loader.options().modules.names.end());
        for (const char* extra : {"include_tasks", "import_tasks", "include_role", "import_role", "block"}) {
            candidates.emplace_back(extra);
        }
        std::string message = "unknown module or task keyword '" + key + "'" + core::did_you_mean(key, candidates);
        if (!m_loader.options().modules.names.empty()) {
            message += "; supported modules: " + join_names(m_loader.options().modules.names);
        }
        m_loader.error(file_of(m_scope), entry.key, message);
    }
}

void TaskParser::classify(const yaml::MapEntry& entry, model::Task& task)
{
    const std::string& key = entry.name;
    if (key == "action" || key == "local_action") {
        m_actions.push_back({"", entry.key, entry.value, true, key == "local_action"});
    } else if (contains(loop_keywords(), key)) {
        set_loop(entry, task);
    } else if (contains(task_keywords(), key)) {
        set_keyword(entry, task);
    } else if (!key.starts_with("with_") && !is_unsupported_task_keyword(key) && is_module(key)) {
        m_actions.push_back({short_action_name(key), entry.key, entry.value, false, false});
    } else {
        report_unknown(entry);
    }
}

void TaskParser::set_keyword(const yaml::MapEntry& entry, model::Task& task)
{
    const std::string& file = file_of(m_scope);
    const std::string& key = entry.name;
    if (set_common_keyword(m_loader, file, entry, task)) {
        return;
    }
    if (key == "name") {
        task.name = string_of(m_loader, file, entry.value, key);
    } else if (key == "register") {
        task.register_as = string_of(m_loader, file, entry.value, key);
    } else if (key == "notify") {
        task.notify = names_of(m_loader, file, entry.value, key);
    } else if (key == "listen") {
        if (!m_scope.handlers) {
            m_loader.error(file, entry.key, "'listen' is only valid on handlers");
        }
        task.listen = names_of(m_loader, file, entry.value, key);
    } else if (key == "changed_when" || key == "failed_when" || key == "until") {
        auto& target = key == "until" ? task.until : (key == "changed_when" ? task.changed_when : task.failed_when);
        target = conditions_of(m_loader, file, entry.value, key);
    } else if (key == "retries" || key == "delay") {
        (key == "retries" ? task.retries : task.delay) = m_loader.value_of(file, entry.value);
    } else if (key == "args") {
        m_args_node = entry.value;
    } else if (key == "loop_control") {
        m_loop_control = entry.value;
    } else if (key == "vars") {
        // The tier is decided once the action is known (include/import vars differ).
        task.vars.push_back(make_layer(model::VarTier::task_vars, file, vars_of(m_loader, file, entry.value, false)));
    }
}

void TaskParser::set_loop(const yaml::MapEntry& entry, model::Task& task)
{
    m_loop_keys.push_back(entry.name);
    if (m_loop_keys.size() > 1) {
        std::string names;
        for (const auto& name : m_loop_keys) {
            names += (names.empty() ? "" : ", ") + name;
        }
        m_loader.error(file_of(m_scope), entry.key, "conflicting loop statements: " + names);
        return;
    }
    model::Loop loop;
    loop.kind = entry.name;
    loop.items = m_loader.value_of(file_of(m_scope), entry.value);
    task.loop = std::move(loop);
}

void TaskParser::set_loop_control(const yaml::MapEntry& entry, model::Task& task)
{
    // Called for each loop_control entry once the loop is known.
    model::Loop& loop = *task.loop;
    const std::string& file = file_of(m_scope);
    if (!contains(loop_control_keys(), entry.name)) {
        m_loader.error(file, entry.key, "unsupported loop_control key '" + entry.name + "'" +
                                            core::did_you_mean(entry.name, loop_control_keys()) +
                                            "; supported: " + join_names(loop_control_keys()));
    } else if (entry.name == "pause") {
        loop.pause = m_loader.value_of(file, entry.value);
    } else {
        std::string text = string_of(m_loader, file, entry.value, "loop_control." + entry.name);
        (entry.name == "loop_var" ? loop.loop_var : (entry.name == "index_var" ? loop.index_var : loop.label)) =
            std::move(text);
    }
}

core::Value TaskParser::args_of(const std::string& action, const YAML::Node& node, const core::Value& value)
{
    if (value.is_null()) {
        return core::Value::object();
    }
    if (value.is_object()) {
        return value;
    }
    if (value.is_array()) {
        m_loader.error(file_of(m_scope), node,
                       "arguments of '" + action + "' must be a mapping or a string, got a sequence");
        return core::Value::object();
    }
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    auto parsed = parse_kv(text, is_freeform_action(action));
    if (!parsed) {
        m_loader.error(file_of(m_scope), node, parsed.error());
        return core::Value::object();
    }
    return *parsed;
}

/// Resolves the action of `ref` (splitting the name off for action:/local_action:)
/// and its arguments into `task`; false when there is none.
bool TaskParser::resolve_action(const ActionRef& ref, model::Task& task)
{
    const std::string& file = file_of(m_scope);
    core::Value value = m_loader.value_of(file, ref.value);
    std::string name = ref.name;
    if (ref.long_form) {
        if (value.is_object() && value.contains("module") && value["module"].is_string()) {
            name = short_action_name(value["module"].get<std::string>());
            value.erase("module");
        } else if (value.is_string()) {
            auto tokens = split_args(value.get<std::string>());
            if (!tokens || tokens->empty()) {
                m_loader.error(file, ref.value, tokens ? "no module name in action" : tokens.error());
                return false;
            }
            name = short_action_name(std::string(tokens->front()));
            tokens->erase(tokens->begin());
            value = join_args(*tokens);
        } else {
            m_loader.error(file, ref.value, "action must be a string or a mapping with 'module', got " +
                                                yaml::describe(value));
            return false;
        }
        if (!is_module(name)) {
            yaml::MapEntry fake{ref.value, ref.value, name, name};
            report_unknown(fake);
            return false;
        }
        if (ref.local) {
            task.delegate_to = "localhost";
        }
    }
    task.action = name;
    task.args = args_of(name, ref.value, value);
    return true;
}

void TaskParser::finish_args(const YAML::Node& node, model::Task& task)
{
    const std::string& file = file_of(m_scope);
    if (m_args_node) {
        const core::Value extra = m_loader.value_of(file, *m_args_node);
        if (extra.is_object()) {
            core::Value merged = extra;
            core::combine_into(merged, task.args);
            task.args = std::move(merged);
        } else if (!extra.is_null()) {
            m_loader.error(file, *m_args_node, "'args' must be a mapping, got " + yaml::describe(extra));
        }
    }
    const auto raw = task.args.find("_raw_params");
    if (raw != task.args.end() && raw->is_string() && !raw->get<std::string>().empty() &&
        !accepts_raw_params(task.action)) {
        if (is_template(raw->get<std::string>())) {
            task.args["_variable_params"] = *raw;
            task.args.erase("_raw_params");
        } else {
            m_loader.error(file, node,
                           "this task '" + task.action + "' has extra params ('" + raw->get<std::string>() +
                               "'), which is only allowed in: command, shell, raw, script, meta, set_fact, "
                               "include_tasks, import_tasks, include_role, import_role, include_vars, add_host, "
                               "group_by; write key=value pairs or a mapping");
        }
    }
    const auto& catalog = m_loader.options().modules;
    if (catalog.validate && !is_include_or_import(task.action)) {
        for (const auto& problem : catalog.validate(task.action, task.args)) {
            m_loader.error(file, node, task.action + ": " + problem);
        }
    }
}

std::optional<model::Task> TaskParser::parse(const YAML::Node& node)
{
    model::Task task;
    task.where = yaml::location_of(m_scope.file, node);
    task.file = m_scope.file;
    task.is_handler = m_scope.handlers;
    const auto entries = yaml::mapping_entries(m_scope.file, node, m_loader.diagnostics());
    for (const auto& entry : entries) {
        classify(entry, task);
    }
    if (m_actions.size() > 1) {
        std::string names;
        for (const auto& action : m_actions) {
            names += (names.empty() ? "" : ", ") + (action.long_form ? std::string(action.local ? "local_action" : "action") : action.name);
        }
        m_loader.error(task.where, "conflicting action statements: " + names);
        return std::nullopt;
    }
    if (m_actions.empty()) {
        if (!m_reported) {
            m_loader.error(task.where, "no module or action in task (expected one module key, such as command: or copy:)");
        }
        return std::nullopt;
    }
    if (!resolve_action(m_actions.front(), task)) {
        return std::nullopt;
    }
    if (m_loop_control) {
        if (!task.loop) {
            task.loop = model::Loop{};
            task.loop->kind = "";
        }
        if (m_loop_control->IsMap()) {
            for (const auto& entry : yaml::mapping_entries(m_scope.file, *m_loop_control, m_loader.diagnostics())) {
                set_loop_control(entry, task);
            }
        } else if (!m_loop_control->IsNull()) {
            m_loader.error(m_scope.file, *m_loop_control, "'loop_control' must be a mapping");
        }
        if (task.loop->kind.empty()) {
            task.loop.reset(); // loop_control without a loop does nothing, as in Ansible
        }
    }
    finish_args(m_actions.front().key, task);
    return task;
}

} // namespace

std::optional<model::Task> parse_task(Loader& loader, const Scope& scope, const YAML::Node& node)
{
    TaskParser parser(loader, scope);
    return parser.parse(node);
}

} // namespace scsctl::playbook::detail
