// The YAML inventory plugin of ansible-core 2.14 (plugins/inventory/yaml.py) over
// located yaml-cpp nodes. Must not read files other than the one given, nor touch
// group_vars/host_vars. Depends on core, model, yaml, host_range and the builder.
#include "inventory/yaml_loader.hpp"

#include <algorithm>
#include <array>

#include "core/spellcheck.hpp"
#include "inventory/host_range.hpp"
#include "yaml/document.hpp"

namespace scsctl::inventory {

namespace {

constexpr std::size_t k_max_group_visits = 1'000'000; ///< bounds alias-multiplied group trees

const std::array<std::string, 3> k_sections = {"vars", "children", "hosts"};

class YamlInventoryLoader {
public:
    YamlInventoryLoader(const std::string& path, InventoryBuilder& builder, yaml::Typing typing)
        : m_path(path), m_builder(builder), m_typing(typing)
    {
    }

    void load(const YAML::Node& root);

private:
    std::optional<model::GroupId> parse_group(const yaml::MapEntry& entry);
    void parse_group_body(model::GroupId group, const std::string& name, const YAML::Node& data);
    std::optional<std::vector<yaml::MapEntry>> section(const std::string& group, const yaml::MapEntry& entry);
    void load_vars(model::GroupId group, const std::vector<yaml::MapEntry>& vars);
    void load_children(model::GroupId group, const std::vector<yaml::MapEntry>& children);
    void load_hosts(model::GroupId group, const std::vector<yaml::MapEntry>& hosts);
    void load_host_entry(model::GroupId group, const yaml::MapEntry& entry);
    std::optional<std::string> name_of(const yaml::MapEntry& entry, const char* what);
    core::Location where(const YAML::Node& node) const { return yaml::location_of(m_path, node); }
    void error(const YAML::Node& node, std::string message) { m_builder.diagnostics().error(where(node), std::move(message)); }

    const std::string& m_path;
    InventoryBuilder& m_builder;
    yaml::Typing m_typing;
    std::vector<YAML::Node> m_open; ///< group bodies being parsed, to refuse recursive aliases
    std::size_t m_visits = 0;
    yaml::ValueBudget m_budget; ///< one for the whole file, however many variables share an alias bomb
};

void YamlInventoryLoader::load(const YAML::Node& root)
{
    if (root.IsNull()) {
        return; // an empty file: Ansible's yaml plugin declines it and the ini plugin reads nothing
    }
    if (!root.IsMap()) {
        error(root, "a YAML inventory must be a mapping of group names, got " + yaml::describe_node(root, m_typing));
        return;
    }
    const auto groups = yaml::mapping_entries(m_path, root, m_builder.diagnostics(), m_typing);
    for (const auto& entry : groups) {
        if (entry.name == "plugin" && entry.key_value.is_string() && entry.value.IsScalar() &&
            !entry.value.Scalar().empty()) {
            error(entry.key, "inventory plugin configuration files are not supported (plugin: " +
                                 entry.value.Scalar() + ")");
            return;
        }
    }
    for (const auto& entry : groups) {
        parse_group(entry);
    }
}

std::optional<std::string> YamlInventoryLoader::name_of(const yaml::MapEntry& entry, const char* what)
{
    if (!entry.key_value.is_string()) {
        error(entry.key, std::string(what) + " name must be a string, got " + yaml::describe(entry.key_value) + " (" +
                             entry.name + "); quote it");
        return std::nullopt;
    }
    if (entry.name.empty()) {
        error(entry.key, std::string(what) + " name must not be empty");
        return std::nullopt;
    }
    return entry.name;
}

/// _parse_group: a group is a mapping of sections, or null.
std::optional<model::GroupId> YamlInventoryLoader::parse_group(const yaml::MapEntry& entry)
{
    const auto name = name_of(entry, "group");
    if (!name) {
        return std::nullopt;
    }
    if (!entry.value.IsMap() && !entry.value.IsNull()) {
        error(entry.value, "expected a mapping for group '" + *name + "', got " +
                               yaml::describe_node(entry.value, m_typing));
        return std::nullopt;
    }
    if (++m_visits > k_max_group_visits) {
        if (m_visits == k_max_group_visits + 1) {
            error(entry.key, "too many group definitions (aliases multiply the group tree)");
        }
        return std::nullopt;
    }
    for (const auto& open : m_open) {
        if (open.is(entry.value)) {
            error(entry.key, "group '" + *name + "' contains itself through an alias");
            return std::nullopt;
        }
    }
    const model::GroupId group = m_builder.add_group(*name, where(entry.key));
    if (entry.value.IsMap()) {
        m_open.push_back(entry.value);
        parse_group_body(group, *name, entry.value);
        m_open.pop_back();
    }
    return group;
}

void YamlInventoryLoader::parse_group_body(model::GroupId group, const std::string& name, const YAML::Node& data)
{
    const auto entries = yaml::mapping_entries(m_path, data, m_builder.diagnostics(), m_typing);
    for (const auto& entry : entries) {
        const auto known = std::find(k_sections.begin(), k_sections.end(), entry.name);
        if (known == k_sections.end() || !entry.key_value.is_string()) {
            const std::string hint = core::did_you_mean(entry.name, k_sections);
            error(entry.key, "unexpected key '" + entry.name + "' in group '" + name + "'" +
                                 (hint.empty() ? " (expected 'vars', 'children' or 'hosts')" : hint));
            continue;
        }
        const auto items = section(name, entry);
        if (!items) {
            continue;
        }
        if (*known == "vars") {
            load_vars(group, *items);
        } else if (*known == "children") {
            load_children(group, *items);
        } else {
            load_hosts(group, *items);
        }
    }
}

/// A section's entries: a mapping, null (nothing) or a string (one name, as Ansible allows).
std::optional<std::vector<yaml::MapEntry>> YamlInventoryLoader::section(const std::string& group,
                                                                       const yaml::MapEntry& entry)
{
    const YAML::Node& value = entry.value;
    if (value.IsNull()) {
        return std::vector<yaml::MapEntry>{};
    }
    if (value.IsMap()) {
        return yaml::mapping_entries(m_path, value, m_builder.diagnostics(), m_typing);
    }
    const std::string kind = yaml::describe_node(value, m_typing);
    if (value.IsScalar() && kind == "a string") {
        const core::Value text = yaml::to_value(m_path, value, m_builder.diagnostics(), m_typing, &m_budget);
        return std::vector<yaml::MapEntry>{{value, YAML::Node(), text, text.get<std::string>()}};
    }
    error(value, "expected a mapping for '" + entry.name + "' of group '" + group + "', got " + kind);
    return std::nullopt;
}

void YamlInventoryLoader::load_vars(model::GroupId group, const std::vector<yaml::MapEntry>& vars)
{
    for (const auto& var : vars) {
        core::Value value = var.value.IsDefined() ? yaml::to_value(m_path, var.value, m_builder.diagnostics(), m_typing, &m_budget)
                                                  : core::Value(nullptr);
        m_builder.set_group_var(group, var.name, std::move(value), where(var.key));
    }
}

void YamlInventoryLoader::load_children(model::GroupId group, const std::vector<yaml::MapEntry>& children)
{
    for (const auto& child : children) {
        if (auto child_group = parse_group(child)) {
            m_builder.add_child_group(group, *child_group, where(child.key));
        }
    }
}

void YamlInventoryLoader::load_hosts(model::GroupId group, const std::vector<yaml::MapEntry>& hosts)
{
    for (const auto& entry : hosts) {
        load_host_entry(group, entry);
    }
}

/// _parse_host + _populate_host_vars: expand the pattern, add each host, set its variables.
void YamlInventoryLoader::load_host_entry(model::GroupId group, const yaml::MapEntry& entry)
{
    if (!entry.key_value.is_string()) {
        error(entry.key, "host pattern " + entry.name + " must be a string (" + yaml::describe(entry.key_value) +
                             "); enclose it in quotes");
        return;
    }
    const auto expanded = expand_host_entry(entry.name);
    if (!expanded) {
        core::Location at = where(entry.key);
        if (at.column > 0 && expanded.error().where.column > 0) {
            at.column += expanded.error().where.column - (entry.key.Tag() == "!" ? 0 : 1);
        }
        m_builder.diagnostics().error(at, expanded.error().message);
        return;
    }
    const YAML::Node& vars_node = entry.value;
    std::vector<std::pair<std::string, core::Value>> vars;
    if (vars_node.IsDefined() && !vars_node.IsNull()) {
        if (!vars_node.IsMap()) {
            error(vars_node, "expected a mapping of variables for host '" + entry.name + "', got " +
                                 yaml::describe_node(vars_node, m_typing));
            return;
        }
        for (const auto& var : yaml::mapping_entries(m_path, vars_node, m_builder.diagnostics(), m_typing)) {
            vars.emplace_back(var.name, yaml::to_value(m_path, var.value, m_builder.diagnostics(), m_typing, &m_budget));
        }
    }
    auto& inventory = m_builder.inventory();
    for (const auto& host_name : expanded->names) {
        const bool is_new = !inventory.find_host(host_name);
        const model::HostId host = m_builder.add_host(host_name, group, where(entry.key));
        if (is_new && expanded->port) {
            m_builder.set_host_var(host, "ansible_port", *expanded->port); // Host(name, port) only when created
        }
        for (const auto& [key, value] : vars) {
            m_builder.set_host_var(host, key, value);
        }
    }
}

} // namespace

void load_yaml_inventory(const std::string& path, const YAML::Node& root, InventoryBuilder& builder, yaml::Typing typing)
{
    YamlInventoryLoader loader(path, builder, typing);
    loader.load(root);
}

bool load_yaml_inventory_text(const std::string& path, std::string_view text, InventoryBuilder& builder)
{
    const auto root = yaml::parse(path, text, builder.diagnostics());
    if (!root) {
        return false;
    }
    load_yaml_inventory(path, *root, builder, yaml::typing_of(text));
    return true;
}

} // namespace scsctl::inventory
