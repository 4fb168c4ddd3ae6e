// One play mapping → model::Play: its keywords (validated values for strategy, order,
// serial, connection), vars and vars_files, and its task sections with roles expanded
// and play tags folded into every task. Depends on core, model and yaml.
#include <filesystem>

#include "core/spellcheck.hpp"
#include "playbook/keyword_table.hpp"
#include "playbook/loader_internal.hpp"
#include "playbook/module_args.hpp"

namespace scsctl::playbook::detail {

namespace {

namespace fs = std::filesystem;

class PlayParser {
public:
    PlayParser(Loader& loader, const std::string& file) : m_loader(loader), m_file(file) {}
    std::optional<model::Play> parse(const YAML::Node& node, const PlayImport& import);

private:
    void set_keyword(const yaml::MapEntry& entry);
    bool set_raw(const yaml::MapEntry& entry);
    void set_choice(const yaml::MapEntry& entry, std::string& target, std::span<const std::string> allowed);
    void check_serial(const yaml::MapEntry& entry);
    void load_vars_files(const YAML::Node& node);
    void load_vars_file(const YAML::Node& node, const core::Value& entry);
    void build_tasks();

    Loader& m_loader;
    const std::string& m_file;
    model::Play m_play;
    model::Task m_inherit; ///< what every task of the play inherits (tags, ignore_errors, no_log, ...)
    std::map<std::string, YAML::Node> m_sections;
    bool m_has_hosts = false;
};

const std::vector<std::string> k_strategies = {"linear", "free"};
const std::vector<std::string> k_orders = {"inventory", "reverse_inventory", "sorted", "reverse_sorted", "shuffle"};

bool PlayParser::set_raw(const yaml::MapEntry& entry)
{
    static const std::vector<std::pair<std::string, core::Value model::Play::*>> k_raw = {
        {"gather_facts", &model::Play::gather_facts},
        {"max_fail_percentage", &model::Play::max_fail_percentage},
        {"any_errors_fatal", &model::Play::any_errors_fatal},
        {"become", &model::Play::become},
        {"become_user", &model::Play::become_user},
        {"environment", &model::Play::environment},
        {"check_mode", &model::Play::check_mode},
        {"diff", &model::Play::diff},
        {"run_once", &model::Play::run_once},
        {"throttle", &model::Play::throttle},
        {"force_handlers", &model::Play::force_handlers},
        {"serial", &model::Play::serial}};
    for (const auto& [name, member] : k_raw) {
        if (name == entry.name) {
            m_play.*member = m_loader.value_of(m_file, entry.value);
            return true;
        }
    }
    return false;
}

void PlayParser::set_choice(const yaml::MapEntry& entry, std::string& target, std::span<const std::string> allowed)
{
    const std::string value = string_of(m_loader, m_file, entry.value, entry.name);
    if (!contains(allowed, value) && !is_template(value)) {
        m_loader.error(m_file, entry.value, "unsupported " + entry.name + " '" + value + "'" +
                                                core::did_you_mean(value, allowed) + "; supported: " + join_names(allowed));
        return;
    }
    target = value;
}

void PlayParser::check_serial(const yaml::MapEntry& entry)
{
    const core::Value& serial = m_play.serial;
    const auto ok = [](const core::Value& v) { return v.is_number_integer() || v.is_string(); };
    bool valid = ok(serial) || serial.is_null();
    if (serial.is_array()) {
        valid = std::all_of(serial.begin(), serial.end(), ok);
    }
    if (!valid) {
        m_loader.error(m_file, entry.value, "'serial' must be a number, a percentage or a list of them, got " +
                                                yaml::describe(serial));
    }
}

void PlayParser::set_keyword(const yaml::MapEntry& entry)
{
    const std::string& key = entry.name;
    if (key == "hosts") {
        const core::Value hosts = m_loader.value_of(m_file, entry.value);
        m_has_hosts = !hosts.is_null();
        if (hosts.is_array()) {
            for (const auto& host : hosts) {
                m_play.hosts += (m_play.hosts.empty() ? "" : ",") + (host.is_string() ? host.get<std::string>() : host.dump());
            }
        } else {
            m_play.hosts = string_of(m_loader, m_file, entry.value, key);
        }
    } else if (key == "name") {
        m_play.name = string_of(m_loader, m_file, entry.value, key);
    } else if (key == "vars") {
        m_play.vars.push_back(make_layer(model::VarTier::play_vars, m_file, vars_of(m_loader, m_file, entry.value, true)));
    } else if (key == "vars_files") {
        load_vars_files(entry.value);
    } else if (key == "strategy") {
        set_choice(entry, m_play.strategy, k_strategies);
    } else if (key == "order") {
        set_choice(entry, m_play.order, k_orders);
    } else if (key == "connection") {
        static const std::vector<std::string> k_connections = {"ssh", "local"};
        std::string connection;
        set_choice(entry, connection, k_connections);
        m_play.connection = connection.empty() ? core::Value(nullptr) : core::Value(connection);
    } else if (key == "tags") {
        m_play.tags = tags_of(m_loader, m_file, entry.value);
    } else if (key == "become_method" || key == "ignore_errors" || key == "no_log") {
        set_common_keyword(m_loader, m_file, entry, m_inherit);
        m_play.become_method = m_inherit.become_method;
    } else if (key == "pre_tasks" || key == "tasks" || key == "post_tasks" || key == "handlers" || key == "roles") {
        m_sections[key] = entry.value;
    } else if (set_raw(entry)) {
        if (key == "serial") {
            check_serial(entry);
        }
    }
}

void PlayParser::load_vars_files(const YAML::Node& node)
{
    const core::Value value = m_loader.value_of(m_file, node);
    if (value.is_string()) {
        load_vars_file(node, value);
    } else if (value.is_array()) {
        for (const auto& entry : value) {
            load_vars_file(node, entry);
        }
    } else if (!value.is_null()) {
        m_loader.error(m_file, node, "'vars_files' must be a list of file names, got " + yaml::describe(value));
    }
}

/// One vars_files entry: a name, or a list of names of which the first existing wins.
/// Templated names are kept for the runner (they need host variables).
void PlayParser::load_vars_file(const YAML::Node& node, const core::Value& entry)
{
    const core::Value names = entry.is_array() ? entry : core::Value::array({entry});
    std::vector<std::string> looked;
    for (const auto& name : names) {
        if (!name.is_string()) {
            m_loader.error(m_file, node, "a vars_files entry must be a file name, got " + yaml::describe(name));
            return;
        }
        const std::string text = name.get<std::string>();
        if (is_template(text)) {
            m_play.vars_files_pending.push_back(text);
            return;
        }
        const fs::path path = fs::path(text).is_absolute() ? fs::path(text) : fs::path(m_loader.playbook_dir()) / text;
        looked.push_back(path.lexically_normal().string());
        if (!fs::is_regular_file(path)) {
            continue;
        }
        const core::Location at = yaml::location_of(m_file, node);
        if (auto file = m_loader.read_yaml(looked.back(), at)) {
            core::Value vars = m_loader.value_of(looked.back(), file->root);
            if (!vars.is_object() && !vars.is_null()) {
                m_loader.error(looked.back(), file->root, "a vars file must be a mapping, got " + yaml::describe(vars));
                return;
            }
            m_play.vars.push_back(make_layer(model::VarTier::vars_files, looked.back(),
                                             vars.is_null() ? core::Value::object() : std::move(vars)));
        }
        return;
    }
    std::string where;
    for (const auto& path : looked) {
        where += (where.empty() ? "" : ", ") + path;
    }
    m_loader.error(m_file, node, "vars file not found: " + where);
}

void PlayParser::build_tasks()
{
    std::vector<model::Task> role_handlers;
    m_loader.role_handlers = &role_handlers;
    m_loader.applied_roles.clear();
    const Scope scope{m_file, "", false};
    m_play.pre_tasks = m_loader.parse_task_list(scope, m_sections["pre_tasks"], m_inherit);
    const YAML::Node roles = m_sections["roles"];
    if (roles.IsDefined() && !roles.IsNull() && !roles.IsSequence()) {
        m_loader.error(m_file, roles, "'roles' must be a list, got " + yaml::describe_node(roles));
    } else if (roles.IsSequence()) {
        for (const auto& node : roles) {
            if (auto entry = parse_role_entry(m_loader, m_file, node)) {
                m_play.role_names.push_back(entry->name);
                auto content = apply_role_entry(m_loader, *entry, m_inherit);
                std::move(content.tasks.begin(), content.tasks.end(), std::back_inserter(m_play.tasks));
                std::move(content.handlers.begin(), content.handlers.end(), std::back_inserter(role_handlers));
            }
        }
    }
    auto tasks = m_loader.parse_task_list(scope, m_sections["tasks"], m_inherit);
    std::move(tasks.begin(), tasks.end(), std::back_inserter(m_play.tasks));
    m_play.post_tasks = m_loader.parse_task_list(scope, m_sections["post_tasks"], m_inherit);
    auto handlers = m_loader.parse_task_list(Scope{m_file, "", true}, m_sections["handlers"], m_inherit);
    m_loader.role_handlers = nullptr;
    m_play.handlers = std::move(role_handlers);
    std::move(handlers.begin(), handlers.end(), std::back_inserter(m_play.handlers));
    m_play.applied_roles = m_loader.applied_roles;
}

std::optional<model::Play> PlayParser::parse(const YAML::Node& node, const PlayImport& import)
{
    m_play.where = yaml::location_of(m_file, node);
    m_play.file = m_file;
    for (const auto& entry : yaml::mapping_entries(m_file, node, m_loader.diagnostics())) {
        if (contains(play_keywords(), entry.name)) {
            set_keyword(entry);
        } else {
            m_loader.error(m_file, entry.key, "unsupported play keyword '" + entry.name + "'" +
                                                  core::did_you_mean(entry.name, play_keywords()) +
                                                  "; supported: " + join_names(play_keywords()));
        }
    }
    if (!m_has_hosts) {
        m_loader.error(m_play.where, "play has no 'hosts' (the field 'hosts' is required)");
    }
    m_play.vars.insert(m_play.vars.end(), import.vars.begin(), import.vars.end());
    add_tags(m_play.tags, import.tags);
    m_inherit.tags = m_play.tags;
    m_inherit.when = import.when;
    m_inherit.search_paths = search_paths_for("", m_loader.playbook_dir());
    build_tasks();
    return std::move(m_play);
}

} // namespace

std::optional<model::Play> parse_play(Loader& loader, const std::string& file, const YAML::Node& node,
                                      const PlayImport& import)
{
    PlayParser parser(loader, file);
    return parser.parse(node, import);
}

} // namespace scsctl::playbook::detail
