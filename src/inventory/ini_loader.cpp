// Ansible's INI inventory (ansible-core 2.14 plugins/inventory/ini.py): sections, host
// lines, group variables, children and pending declarations, applied through
// InventoryBuilder. Must not depend on other formats. Depends on core, model, inventory.
#include "inventory/ini_loader.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "core/spellcheck.hpp"
#include "inventory/host_range.hpp"
#include "inventory/ini_syntax.hpp"
#include "inventory/python_literal.hpp"
#include "inventory/shlex_split.hpp"

namespace scsctl::inventory {

namespace {

enum class State { hosts, children, vars, skip };

/// A group named before it was declared ([x:vars] first, or a child of [p:children]).
struct Pending {
    State state = State::vars;
    core::Location where;                                    ///< the [x:vars] header
    std::vector<std::pair<std::string, core::Location>> parents; ///< parent and the naming line
};

struct Variable {
    std::string key;
    core::Value value;
};

class IniLoader {
public:
    IniLoader(const std::string& path, InventoryBuilder& builder) : m_path(path), m_builder(builder) {}

    void load(std::string_view text);

private:
    void section(const ini::Section& header, int line, std::size_t indent);
    void resolve_pending(const std::string& group);
    void host_line(std::string_view line, int number, std::size_t indent);
    void host_variables(const std::vector<ShlexToken>& tokens, int number, std::size_t indent,
                        std::vector<Variable>& variables);
    void add_hosts(const HostEntry& entry, const std::vector<Variable>& variables, const core::Location& where);
    void vars_line(std::string_view line, int number, std::size_t indent);
    void child_line(std::string_view line, int number, std::size_t indent);
    void report_pending();
    core::Value parse_value(std::string_view text, const std::string& key, const core::Location& where);
    model::GroupId current_group(const core::Location& where) { return m_builder.add_group(m_group, where); }
    std::vector<std::string> group_names_except(const std::string& name) const;
    core::Location at(int line, std::size_t offset) const { return {m_path, line, static_cast<int>(offset) + 1}; }

    std::string m_path;
    InventoryBuilder& m_builder;
    std::string m_group = "ungrouped";
    State m_state = State::hosts;
    std::map<std::string, Pending> m_pending;
    std::vector<std::string> m_pending_order; ///< Python's dict order, for reporting
};

void IniLoader::load(std::string_view text)
{
    for (const ini::Line& raw : ini::split_lines(text)) {
        std::size_t indent = 0;
        const std::string_view line = ini::strip(raw.text, indent);
        if (line.empty() || line[0] == '#' || line[0] == ';') {
            continue;
        }
        if (const auto header = ini::match_section(line)) {
            section(*header, raw.number, indent);
            continue;
        }
        if (line.front() == '[' && line.back() == ']') {
            m_builder.diagnostics().error(at(raw.number, indent),
                                          "invalid section entry '" + std::string(line) +
                                              "': a section must be [group], [group:vars] or [group:children] "
                                              "without spaces");
            m_state = State::skip;
            continue;
        }
        switch (m_state) {
        case State::hosts: host_line(line, raw.number, indent); break;
        case State::vars: vars_line(line, raw.number, indent); break;
        case State::children: child_line(line, raw.number, indent); break;
        case State::skip: break;
        }
    }
    report_pending();
}

void IniLoader::section(const ini::Section& header, int line, std::size_t indent)
{
    const core::Location where = at(line, indent);
    const std::string type = header.type.value_or("hosts");
    if (type != "hosts" && type != "children" && type != "vars") {
        static const std::vector<std::string> k_types{"hosts", "children", "vars"};
        m_builder.diagnostics().error(at(line, indent + header.type_offset),
                                      "section [" + header.group + ":" + type + "] has unknown type '" + type + "'" +
                                          core::did_you_mean(type, k_types));
        m_state = State::skip;
        return;
    }
    m_group = header.group;
    m_state = type == "hosts" ? State::hosts : type == "children" ? State::children : State::vars;
    if (!m_builder.inventory().find_group(m_group)) {
        // [x:vars] alone does not declare x: remember it and check at the end.
        if (m_state == State::vars && !m_pending.contains(m_group)) {
            m_pending[m_group] = Pending{State::vars, where, {}};
            m_pending_order.push_back(m_group);
        }
        m_builder.add_group(m_group, where);
    }
    const auto found = m_pending.find(m_group);
    if (found == m_pending.end() || m_state == State::vars) {
        return;
    }
    if (found->second.state == State::children) {
        resolve_pending(m_group);
    } else {
        m_pending.erase(found);
    }
}

/// A group named as a child earlier is now declared: make it a child of every parent
/// that named it (and, as Ansible does, of any pending parent's parents in turn).
void IniLoader::resolve_pending(const std::string& group)
{
    std::vector<std::string> work{group};
    while (!work.empty()) {
        const std::string name = std::move(work.back());
        work.pop_back();
        const auto found = m_pending.find(name);
        if (found == m_pending.end()) {
            continue;
        }
        const Pending pending = std::move(found->second);
        m_pending.erase(found);
        const model::GroupId child = m_builder.add_group(name, pending.where);
        for (const auto& [parent, where] : pending.parents) {
            m_builder.add_child_group(m_builder.add_group(parent, where), child, where);
            const auto parent_pending = m_pending.find(parent);
            if (parent_pending != m_pending.end() && parent_pending->second.state == State::children) {
                work.push_back(parent);
            }
        }
    }
}

void IniLoader::host_line(std::string_view line, int number, std::size_t indent)
{
    auto tokens = shlex_split(line);
    if (!tokens) {
        m_builder.diagnostics().error(at(number, indent + static_cast<std::size_t>(tokens.error().where.column) - 1),
                                      "cannot parse host definition: " + tokens.error().message);
        return;
    }
    if (tokens->empty()) {
        return;
    }
    const ShlexToken& pattern = tokens->front();
    const core::Location where = at(number, indent + pattern.offset);
    auto entry = expand_host_entry(pattern.text);
    if (!entry) {
        const auto column = static_cast<std::size_t>(std::max(entry.error().where.column, 1));
        m_builder.diagnostics().error(at(number, indent + pattern.offset + column - 1), entry.error().message);
        return;
    }
    std::string_view trimmed = pattern.text;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) {
        trimmed.remove_suffix(1);
    }
    if (trimmed.ends_with(':') && !entry->port) {
        m_builder.diagnostics().error(where, "invalid host pattern '" + pattern.text +
                                                 "': a trailing ':' is reserved for a port number");
        return;
    }
    for (const std::string& name : entry->names) {
        if (name == "---") {
            m_builder.diagnostics().error(where, "invalid host pattern '---': this looks like a YAML file");
            return;
        }
        if (name.empty()) {
            m_builder.diagnostics().error(where, "empty host name");
            return;
        }
    }
    std::vector<Variable> variables;
    host_variables(*tokens, number, indent, variables);
    add_hosts(*entry, variables, where);
}

/// The key=value tokens after the host pattern; later duplicates replace earlier values
/// in place (a Python dict). Bad tokens are reported and skipped.
void IniLoader::host_variables(const std::vector<ShlexToken>& tokens, int number, std::size_t indent,
                               std::vector<Variable>& variables)
{
    for (std::size_t k = 1; k < tokens.size(); ++k) {
        const ShlexToken& token = tokens[k];
        const core::Location where = at(number, indent + token.offset);
        const std::size_t equals = token.text.find('=');
        if (equals == std::string::npos) {
            m_builder.diagnostics().error(where, "expected key=value host variable assignment, got '" + token.text + "'");
            continue;
        }
        std::string key = token.text.substr(0, equals);
        core::Value value = parse_value(std::string_view(token.text).substr(equals + 1), key, where);
        auto same = std::find_if(variables.begin(), variables.end(), [&](const Variable& v) { return v.key == key; });
        if (same != variables.end()) {
            same->value = std::move(value);
        } else {
            variables.push_back({std::move(key), std::move(value)});
        }
    }
}

void IniLoader::add_hosts(const HostEntry& entry, const std::vector<Variable>& variables, const core::Location& where)
{
    const model::GroupId group = current_group(where);
    for (const std::string& name : entry.names) {
        const bool existed = m_builder.inventory().find_host(name).has_value();
        const model::HostId host = m_builder.add_host(name, group, where);
        if (!existed && entry.port) { // Ansible applies the port only when creating the host
            m_builder.set_host_var(host, "ansible_port", *entry.port);
        }
        // InventoryData.set_variable looks up groups first: a host named like a group
        // has its line's variables set on that group.
        const auto same_named_group = m_builder.inventory().find_group(name);
        for (const Variable& variable : variables) {
            if (same_named_group) {
                m_builder.set_group_var(*same_named_group, variable.key, variable.value, where);
            } else {
                m_builder.set_host_var(host, variable.key, variable.value);
            }
        }
    }
}

void IniLoader::vars_line(std::string_view line, int number, std::size_t indent)
{
    const core::Location where = at(number, indent);
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) {
        m_builder.diagnostics().error(where, "expected key=value, got '" + std::string(line) + "'");
        return;
    }
    std::size_t unused = 0;
    const std::string key(ini::strip(line.substr(0, equals), unused));
    std::size_t value_indent = 0;
    const std::string_view value_text = ini::strip(line.substr(equals + 1), value_indent);
    const core::Location value_where = at(number, indent + equals + 1 + value_indent);
    core::Value value = parse_value(value_text, key, value_where);
    m_builder.set_group_var(current_group(where), key, std::move(value), where);
}

void IniLoader::child_line(std::string_view line, int number, std::size_t indent)
{
    const core::Location where = at(number, indent);
    const auto child = ini::match_group_name(line);
    if (!child) {
        m_builder.diagnostics().error(where, "expected a group name, got '" + std::string(line) + "'");
        return;
    }
    if (const auto id = m_builder.inventory().find_group(*child)) {
        m_builder.add_child_group(current_group(where), *id, where);
        return;
    }
    auto [found, inserted] = m_pending.try_emplace(*child, Pending{State::children, where, {}});
    if (inserted) {
        m_pending_order.push_back(*child);
    }
    found->second.parents.emplace_back(m_group, where);
}

core::Value IniLoader::parse_value(std::string_view text, const std::string& key, const core::Location& where)
{
    LiteralResult literal = parse_python_literal(text);
    switch (literal.kind) {
    case LiteralKind::value: return std::move(literal.value);
    case LiteralKind::not_literal: break;
    case LiteralKind::unrepresentable:
        m_builder.diagnostics().warning(where, "value of '" + key + "' is " + literal.reason +
                                                   ", which has no JSON form; kept as the string '" +
                                                   std::string(text) + "'");
        break;
    case LiteralKind::type_error:
        m_builder.diagnostics().error(where, "value of '" + key + "' is not valid: " + literal.reason);
        break;
    }
    return std::string(text);
}

std::vector<std::string> IniLoader::group_names_except(const std::string& name) const
{
    std::vector<std::string> names;
    for (const auto& group : m_builder.inventory().groups()) {
        if (group.name != name && !m_pending.contains(group.name)) {
            names.push_back(group.name);
        }
    }
    return names;
}

void IniLoader::report_pending()
{
    for (const std::string& name : m_pending_order) {
        const auto found = m_pending.find(name);
        if (found == m_pending.end()) {
            continue;
        }
        const auto candidates = group_names_except(name);
        const std::string hint = core::did_you_mean(name, candidates);
        if (found->second.state == State::vars) {
            m_builder.diagnostics().error(found->second.where, "section [" + name + ":vars] is for undefined group '" +
                                                                   name + "'" + hint);
            continue;
        }
        for (const auto& [parent, where] : found->second.parents) {
            m_builder.diagnostics().error(where, "section [" + parent + ":children] includes undefined group '" +
                                                     name + "'" + hint);
        }
    }
}

} // namespace

void load_ini_inventory(const std::string& path, std::string_view text, InventoryBuilder& builder)
{
    IniLoader(path, builder).load(text);
}

} // namespace scsctl::inventory
