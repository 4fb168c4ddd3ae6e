// The YAML inventory plugin of ansible-core 2.14 (plugins/inventory/yaml.py) over
// located nodes: libyaml Trees, or yaml-cpp nodes (one template, the same rules). Must not
// read files other than the one given, nor touch group_vars/host_vars. Depends on core,
// model, yaml, host_range and the builder.
#include "inventory/yaml_loader.hpp"

#include <algorithm>
#include <array>

#include "core/spellcheck.hpp"
#include "inventory/host_range.hpp"
#include "yaml/document.hpp"
#include "yaml/tree_value.hpp"

namespace scsctl::inventory {

namespace {

constexpr std::size_t k_max_group_visits = 1'000'000; ///< bounds alias-multiplied group trees

const std::array<std::string, 3> k_sections = {"vars", "children", "hosts"};

// The node questions the loader asks, for both node types. A scalar is never a null here,
// as yaml-cpp has it.
bool is_defined(const YAML::Node& node) { return node.IsDefined(); }
bool is_defined(const yaml::TreeNode& node) { return node.is_defined(); }
bool is_null(const YAML::Node& node) { return node.IsNull(); }
bool is_null(const yaml::TreeNode& node) { return !node.is_defined() || node.is_null(); } // yaml-cpp: undefined is null
bool is_map(const YAML::Node& node) { return node.IsMap(); }
bool is_map(const yaml::TreeNode& node) { return node.is_map(); }
bool is_scalar(const YAML::Node& node) { return node.IsScalar(); }
bool is_scalar(const yaml::TreeNode& node) { return node.is_scalar() && !node.is_null(); }
std::string scalar_of(const YAML::Node& node) { return node.Scalar(); }
std::string scalar_of(const yaml::TreeNode& node) { return std::string(node.scalar()); }
std::string_view tag_of(const YAML::Node& node) { return node.Tag(); }
std::string_view tag_of(const yaml::TreeNode& node) { return node.tag(); }
bool same_node(const YAML::Node& a, const YAML::Node& b) { return a.is(b); }
bool same_node(const yaml::TreeNode& a, const yaml::TreeNode& b) { return a.same(b); }

template <class Node>
class YamlInventoryLoader {
public:
    YamlInventoryLoader(const std::string& path, InventoryBuilder& builder, yaml::Typing typing)
        : m_path(path), m_builder(builder), m_typing(typing)
    {
    }

    void load(const Node& root);

private:
    using Entry = yaml::BasicMapEntry<Node>;

    std::optional<model::GroupId> parse_group(const Entry& entry);
    void parse_group_body(model::GroupId group, const std::string& name, const Node& data);
    std::optional<std::vector<Entry>> section(const std::string& group, const Entry& entry);
    void load_vars(model::GroupId group, const std::vector<Entry>& vars);
    void load_children(model::GroupId group, const std::vector<Entry>& children);
    void load_hosts(model::GroupId group, const std::vector<Entry>& hosts);
    void load_host_entry(model::GroupId group, const Entry& entry);
    std::optional<std::string> name_of(const Entry& entry, const char* what);
    core::Location where(const Node& node) const { return yaml::location_of(m_path, node); }
    void error(const Node& node, std::string message) { m_builder.diagnostics().error(where(node), std::move(message)); }

    const std::string& m_path;
    InventoryBuilder& m_builder;
    yaml::Typing m_typing;
    std::vector<Node> m_open; ///< group bodies being parsed, to refuse recursive aliases
    std::size_t m_visits = 0;
    yaml::ValueBudget m_budget; ///< one for the whole file, however many variables share an alias bomb
};

template <class Node>
void YamlInventoryLoader<Node>::load(const Node& root)
{
    if (!is_defined(root) || is_null(root)) {
        return; // an empty file: Ansible's yaml plugin declines it and the ini plugin reads nothing
    }
    if (!is_map(root)) {
        error(root, "a YAML inventory must be a mapping of group names, got " + yaml::describe_node(root, m_typing));
        return;
    }
    const auto groups = yaml::mapping_entries(m_path, root, m_builder.diagnostics(), m_typing);
    for (const auto& entry : groups) {
        if (entry.name == "plugin" && entry.key_value.is_string() && is_scalar(entry.value) &&
            !scalar_of(entry.value).empty()) {
            error(entry.key, "inventory plugin configuration files are not supported (plugin: " +
                                 scalar_of(entry.value) + ")");
            return;
        }
    }
    for (const auto& entry : groups) {
        parse_group(entry);
    }
}

template <class Node>
std::optional<std::string> YamlInventoryLoader<Node>::name_of(const Entry& entry, const char* what)
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
template <class Node>
std::optional<model::GroupId> YamlInventoryLoader<Node>::parse_group(const Entry& entry)
{
    const auto name = name_of(entry, "group");
    if (!name) {
        return std::nullopt;
    }
    if (!is_map(entry.value) && !is_null(entry.value)) {
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
        if (same_node(open, entry.value)) {
            error(entry.key, "group '" + *name + "' contains itself through an alias");
            return std::nullopt;
        }
    }
    const model::GroupId group = m_builder.add_group(*name, where(entry.key));
    if (is_map(entry.value)) {
        m_open.push_back(entry.value);
        parse_group_body(group, *name, entry.value);
        m_open.pop_back();
    }
    return group;
}

template <class Node>
void YamlInventoryLoader<Node>::parse_group_body(model::GroupId group, const std::string& name, const Node& data)
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
template <class Node>
auto YamlInventoryLoader<Node>::section(const std::string& group, const Entry& entry) -> std::optional<std::vector<Entry>>
{
    const Node& value = entry.value;
    if (is_null(value)) {
        return std::vector<Entry>{};
    }
    if (is_map(value)) {
        return yaml::mapping_entries(m_path, value, m_builder.diagnostics(), m_typing);
    }
    const std::string kind = yaml::describe_node(value, m_typing);
    if (is_scalar(value) && kind == "a string") {
        const core::Value text = yaml::to_value(m_path, value, m_builder.diagnostics(), m_typing, &m_budget);
        return std::vector<Entry>{{value, Node(), text, text.get<std::string>()}};
    }
    error(value, "expected a mapping for '" + entry.name + "' of group '" + group + "', got " + kind);
    return std::nullopt;
}

template <class Node>
void YamlInventoryLoader<Node>::load_vars(model::GroupId group, const std::vector<Entry>& vars)
{
    for (const auto& var : vars) {
        core::Value value = is_defined(var.value) ? yaml::to_value(m_path, var.value, m_builder.diagnostics(), m_typing, &m_budget)
                                                  : core::Value(nullptr);
        m_builder.set_group_var(group, var.name, std::move(value), where(var.key));
    }
}

template <class Node>
void YamlInventoryLoader<Node>::load_children(model::GroupId group, const std::vector<Entry>& children)
{
    for (const auto& child : children) {
        if (auto child_group = parse_group(child)) {
            m_builder.add_child_group(group, *child_group, where(child.key));
        }
    }
}

template <class Node>
void YamlInventoryLoader<Node>::load_hosts(model::GroupId group, const std::vector<Entry>& hosts)
{
    for (const auto& entry : hosts) {
        load_host_entry(group, entry);
    }
}

/// _parse_host + _populate_host_vars: expand the pattern, add each host, set its variables.
template <class Node>
void YamlInventoryLoader<Node>::load_host_entry(model::GroupId group, const Entry& entry)
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
            at.column += expanded.error().where.column - (tag_of(entry.key) == "!" ? 0 : 1);
        }
        m_builder.diagnostics().error(at, expanded.error().message);
        return;
    }
    const Node& vars_node = entry.value;
    std::vector<std::pair<std::string, core::Value>> vars;
    if (is_defined(vars_node) && !is_null(vars_node)) {
        if (!is_map(vars_node)) {
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
    YamlInventoryLoader<YAML::Node> loader(path, builder, typing);
    loader.load(root);
}

void load_yaml_inventory(const std::string& path, const yaml::TreeNode& root, InventoryBuilder& builder,
                         yaml::Typing typing)
{
    YamlInventoryLoader<yaml::TreeNode> loader(path, builder, typing);
    loader.load(root);
}

bool load_yaml_inventory_text(const std::string& path, std::string_view text, InventoryBuilder& builder)
{
    const auto tree = yaml::parse_tree(path, text, builder.diagnostics());
    if (!tree) {
        return false;
    }
    load_yaml_inventory(path, tree->root(), builder, yaml::typing_of(text));
    return true;
}

} // namespace scsctl::inventory
