// yaml-cpp nodes to core::Value with PyYAML's construction rules: merge keys, duplicate
// keys, tags, typed keys, and guards against recursive aliases and alias bombs.
#include <unordered_map>

#include "yaml/document.hpp"

namespace scsctl::yaml {

namespace {

constexpr std::string_view k_core_prefix = "tag:yaml.org,2002:";

bool is_merge_key(const YAML::Node& key)
{
    return key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<";
}

class Converter {
public:
    Converter(const std::string& path, core::Diagnostics& diagnostics, Typing typing, ValueBudget* budget = nullptr)
        : m_path(path), m_diagnostics(diagnostics), m_typing(typing), m_budget(budget ? *budget : m_own_budget)
    {
    }

    core::Value convert(const YAML::Node& node);
    /// The entries of `node`, guarded against recursion like a conversion.
    std::vector<MapEntry> entries(const YAML::Node& node);

private:
    core::Value convert_scalar(const YAML::Node& node);
    core::Value convert_sequence(const YAML::Node& node);
    core::Value convert_mapping(const YAML::Node& node);
    bool collection_tag_ok(const YAML::Node& node, std::string_view kind);
    bool enter(const YAML::Node& node);
    std::vector<MapEntry> entries_of_entered(const YAML::Node& node);
    void collect_merge(const YAML::Node& value, std::vector<MapEntry>& merged);
    std::optional<MapEntry> make_entry(const YAML::Node& key, const YAML::Node& value);
    void error(const YAML::Node& node, std::string message) { m_diagnostics.error(location_of(m_path, node), std::move(message)); }

    const std::string& m_path;
    core::Diagnostics& m_diagnostics;
    Typing m_typing;
    std::vector<YAML::Node> m_stack; ///< collections being converted, to spot recursive aliases
    ValueBudget m_own_budget;
    ValueBudget& m_budget;
    /// Takes one value from the budget; false once it is spent.
    bool spend()
    {
        if (m_budget.remaining == 0) {
            return false;
        }
        --m_budget.remaining;
        return true;
    }
};

/// Pushes `node` on the stack unless that would loop or exceed the value budget.
bool Converter::enter(const YAML::Node& node)
{
    if (!spend()) {
        if (!m_budget.reported) {
            m_budget.reported = true;
            error(node, "document expands to more than " + std::to_string(ValueBudget{}.remaining) +
                            " values (alias bomb?)");
        }
        return false;
    }
    for (const auto& open : m_stack) {
        if (open.is(node)) {
            error(node, "recursive alias: a node contains itself");
            return false;
        }
    }
    m_stack.push_back(node);
    return true;
}

core::Value Converter::convert(const YAML::Node& node)
{
    if (node.IsMap() || node.IsSequence()) {
        if (!enter(node)) {
            return nullptr;
        }
        core::Value out = node.IsMap() ? convert_mapping(node) : convert_sequence(node);
        m_stack.pop_back();
        return out;
    }
    if (!spend()) {
        return nullptr;
    }
    return convert_scalar(node);
}

core::Value Converter::convert_scalar(const YAML::Node& node)
{
    if (!node.IsScalar()) {
        return nullptr; // yaml-cpp's Null: plain ~, null, Null, NULL or nothing
    }
    const std::string& tag = node.Tag();
    auto result = tag == "?" ? resolve_plain(node.Scalar(), m_typing) : resolve_tagged(tag, node.Scalar());
    if (!result) {
        error(node, result.error());
        return nullptr;
    }
    return std::move(*result);
}

bool Converter::collection_tag_ok(const YAML::Node& node, std::string_view kind)
{
    const std::string& tag = node.Tag();
    if (tag == "?" || tag == "!" || tag.empty() || tag == "!unsafe" || tag == std::string(k_core_prefix) + std::string(kind)) {
        return true;
    }
    error(node, "unsupported tag '" + tag + "' on a " + (kind == "seq" ? "sequence" : "mapping"));
    return false;
}

core::Value Converter::convert_sequence(const YAML::Node& node)
{
    core::Value out = core::Value::array();
    if (!collection_tag_ok(node, "seq")) {
        return out;
    }
    for (const auto& item : node) {
        out.push_back(convert(item));
    }
    return out;
}

core::Value Converter::convert_mapping(const YAML::Node& node)
{
    core::Value out = core::Value::object();
    if (!collection_tag_ok(node, "map")) {
        return out;
    }
    for (auto& entry : entries_of_entered(node)) {
        out[entry.name] = convert(entry.value);
    }
    return out;
}

std::optional<MapEntry> Converter::make_entry(const YAML::Node& key, const YAML::Node& value)
{
    if (key.IsMap() || key.IsSequence()) {
        error(key, "a mapping key must be a scalar, got " + describe_node(key, m_typing));
        return std::nullopt;
    }
    MapEntry entry{key, value, nullptr, ""};
    if (key.IsScalar() && key.Tag() == "?" && key.Scalar() == "=") {
        entry.key_value = "="; // PyYAML's flatten_mapping turns a '=' key into a string
    } else {
        entry.key_value = convert_scalar(key);
    }
    entry.name = key_to_string(entry.key_value);
    return entry;
}

void Converter::collect_merge(const YAML::Node& value, std::vector<MapEntry>& merged)
{
    if (value.IsMap()) {
        auto sub = entries(value);
        merged.insert(merged.end(), sub.begin(), sub.end());
        return;
    }
    if (!value.IsSequence()) {
        error(value, "expected a mapping or a sequence of mappings for merging, got " + describe_node(value, m_typing));
        return;
    }
    std::vector<std::vector<MapEntry>> parts;
    for (const auto& item : value) {
        if (!item.IsMap()) {
            error(item, "expected a mapping for merging, got " + describe_node(item, m_typing));
            continue;
        }
        parts.push_back(entries(item));
    }
    // PyYAML merges the list back to front, so earlier mappings win.
    for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
        merged.insert(merged.end(), part->begin(), part->end());
    }
}

std::vector<MapEntry> Converter::entries(const YAML::Node& node)
{
    if (!enter(node)) {
        return {};
    }
    auto out = entries_of_entered(node);
    m_stack.pop_back();
    return out;
}

std::vector<MapEntry> Converter::entries_of_entered(const YAML::Node& node)
{
    std::vector<MapEntry> merged;
    std::vector<MapEntry> own;
    std::unordered_map<std::string, int> first_line;
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (is_merge_key(it->first)) {
            collect_merge(it->second, merged);
            continue;
        }
        auto entry = make_entry(it->first, it->second);
        if (!entry) {
            continue;
        }
        const int line = location_of(m_path, it->first).line;
        auto [found, inserted] = first_line.emplace(key_identity(entry->key_value), line);
        if (!inserted) {
            error(it->first, "duplicate key '" + entry->name + "' (first at line " + std::to_string(found->second) + ")");
        }
        own.push_back(std::move(*entry));
    }
    std::vector<MapEntry> out;
    std::unordered_map<std::string, std::size_t> index;
    out.reserve(merged.size() + own.size());
    for (auto* list : {&merged, &own}) {
        for (auto& entry : *list) {
            auto [found, inserted] = index.emplace(key_identity(entry.key_value), out.size());
            if (inserted) {
                out.push_back(std::move(entry));
            } else {
                // The first key stays, as in a Python dict. reset() rebinds: yaml-cpp's operator= would
                // overwrite the shared node inside the document.
                out[found->second].value.reset(entry.value);
            }
        }
    }
    return out;
}

} // namespace

core::Value to_value(const std::string& path, const YAML::Node& node, core::Diagnostics& diagnostics, Typing typing,
                     ValueBudget* budget)
{
    Converter converter(path, diagnostics, typing, budget);
    return converter.convert(node);
}

core::Value scalar_to_value(const YAML::Node& node)
{
    core::Diagnostics ignored;
    const std::string path;
    Converter converter(path, ignored, Typing::yaml11);
    return node.IsMap() || node.IsSequence() ? core::Value(nullptr) : converter.convert(node);
}

std::vector<MapEntry> mapping_entries(const std::string& path, const YAML::Node& node, core::Diagnostics& diagnostics,
                                      Typing typing)
{
    if (!node.IsMap()) {
        return {};
    }
    Converter converter(path, diagnostics, typing);
    return converter.entries(node);
}

std::string describe_node(const YAML::Node& node, Typing typing)
{
    if (node.IsMap()) {
        return "a mapping";
    }
    if (node.IsSequence()) {
        return "a sequence";
    }
    if (!node.IsScalar()) {
        return "null";
    }
    if (node.Tag() == "?") {
        auto value = resolve_plain(node.Scalar(), typing);
        return value ? describe(*value) : "a string";
    }
    auto value = resolve_tagged(node.Tag(), node.Scalar());
    return value ? describe(*value) : "a string";
}

} // namespace scsctl::yaml
