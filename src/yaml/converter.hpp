// PyYAML's construction rules over any node graph (merge keys, duplicate keys, tags,
// typed keys, recursive aliases, alias bombs), written once for yaml-cpp's nodes and for
// libyaml Trees. Internal to src/yaml: NodeOps<Node> adapts a node type (convert.cpp,
// tree_convert.cpp). Depends on core and yaml/scalar only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "yaml/key_index.hpp"
#include "yaml/map_entry.hpp"
#include "yaml/scalar.hpp"
#include "yaml/value_budget.hpp"

namespace scsctl::yaml {

/// Specialised per node type: is_map, is_sequence, is_scalar, tag, scalar, same,
/// location, rebind (make an entry's value name another node), for_each_pair, for_each_item.
template <class Node>
struct NodeOps;

/// "a mapping", "a sequence", "a string", "null"...: what a node is, for messages.
template <class Node>
std::string describe_with(const Node& node, Typing typing)
{
    using Ops = NodeOps<Node>;
    if (Ops::is_map(node)) {
        return "a mapping";
    }
    if (Ops::is_sequence(node)) {
        return "a sequence";
    }
    if (!Ops::is_scalar(node)) {
        return "null";
    }
    auto value = Ops::tag(node) == "?" ? resolve_plain(Ops::scalar(node), typing)
                                        : resolve_tagged(Ops::tag(node), Ops::scalar(node));
    return value ? describe(*value) : "a string";
}

template <class Node>
class Converter {
public:
    using Ops = NodeOps<Node>;
    using Entry = BasicMapEntry<Node>;

    Converter(const std::string& path, core::Diagnostics& diagnostics, Typing typing, ValueBudget* budget = nullptr)
        : m_path(path), m_diagnostics(diagnostics), m_typing(typing), m_budget(budget ? *budget : m_own_budget)
    {
    }

    core::Value convert(const Node& node)
    {
        if (Ops::is_map(node) || Ops::is_sequence(node)) {
            if (!enter(node)) {
                return nullptr;
            }
            core::Value out = Ops::is_map(node) ? convert_mapping(node) : convert_sequence(node);
            m_stack.pop_back();
            return out;
        }
        if (!spend()) {
            return nullptr;
        }
        return convert_scalar(node);
    }

    /// The entries of `node`, guarded against recursion like a conversion.
    std::vector<Entry> entries(const Node& node)
    {
        if (!enter(node)) {
            return {};
        }
        auto out = entries_of_entered(node);
        m_stack.pop_back();
        return out;
    }

private:
    static bool is_merge_key(const Node& key)
    {
        return Ops::is_scalar(key) && Ops::tag(key) == "?" && Ops::scalar(key) == "<<";
    }

    void error(const Node& node, std::string message) { m_diagnostics.error(Ops::location(m_path, node), std::move(message)); }

    /// Takes one value from the budget; false once it is spent.
    bool spend()
    {
        if (m_budget.remaining == 0) {
            return false;
        }
        --m_budget.remaining;
        return true;
    }

    /// Pushes `node` on the stack unless that would loop or exceed the value budget.
    bool enter(const Node& node)
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
            if (Ops::same(open, node)) {
                error(node, "recursive alias: a node contains itself");
                return false;
            }
        }
        m_stack.push_back(node);
        return true;
    }

    core::Value convert_scalar(const Node& node)
    {
        if (!Ops::is_scalar(node)) {
            return nullptr; // yaml-cpp's Null: plain ~, null, Null, NULL or nothing
        }
        const std::string_view tag = Ops::tag(node);
        auto result = tag == "?" ? resolve_plain(Ops::scalar(node), m_typing) : resolve_tagged(tag, Ops::scalar(node));
        if (!result) {
            error(node, result.error());
            return nullptr;
        }
        return std::move(*result);
    }

    bool collection_tag_ok(const Node& node, std::string_view kind)
    {
        const std::string_view tag = Ops::tag(node);
        if (tag == "?" || tag == "!" || tag.empty() || tag == "!unsafe" ||
            (tag.starts_with("tag:yaml.org,2002:") && tag.substr(18) == kind)) {
            return true;
        }
        error(node, "unsupported tag '" + std::string(tag) + "' on a " + (kind == "seq" ? "sequence" : "mapping"));
        return false;
    }

    core::Value convert_sequence(const Node& node)
    {
        core::Value out = core::Value::array();
        if (!collection_tag_ok(node, "seq")) {
            return out;
        }
        Ops::for_each_item(node, [&](const Node& item) { out.push_back(convert(item)); });
        return out;
    }

    core::Value convert_mapping(const Node& node)
    {
        core::Value out = core::Value::object();
        if (!collection_tag_ok(node, "map")) {
            return out;
        }
        auto entries = entries_of_entered(node);
        // Entries have distinct keys; their names can only clash when a key is not a
        // string (1 and "1"), so string-keyed mappings skip ordered_json's linear lookup.
        bool all_strings = true;
        for (const auto& entry : entries) {
            all_strings = all_strings && entry.key_value.is_string();
        }
        out.get_ref<core::Value::object_t&>().reserve(entries.size());
        for (auto& entry : entries) {
            if (all_strings) {
                core::append_new_key(out, std::move(entry.name), convert(entry.value));
            } else {
                out[entry.name] = convert(entry.value);
            }
        }
        return out;
    }

    std::optional<Entry> make_entry(const Node& key, const Node& value)
    {
        if (Ops::is_map(key) || Ops::is_sequence(key)) {
            error(key, "a mapping key must be a scalar, got " + describe_with(key, m_typing));
            return std::nullopt;
        }
        Entry entry{key, value, nullptr, ""};
        if (Ops::is_scalar(key) && Ops::tag(key) == "?" && Ops::scalar(key) == "=") {
            entry.key_value = "="; // PyYAML's flatten_mapping turns a '=' key into a string
        } else {
            entry.key_value = convert_scalar(key);
        }
        entry.name = key_to_string(entry.key_value);
        return entry;
    }

    void collect_merge(const Node& value, std::vector<Entry>& merged)
    {
        if (Ops::is_map(value)) {
            auto sub = entries(value);
            merged.insert(merged.end(), std::make_move_iterator(sub.begin()), std::make_move_iterator(sub.end()));
            return;
        }
        if (!Ops::is_sequence(value)) {
            error(value, "expected a mapping or a sequence of mappings for merging, got " + describe_with(value, m_typing));
            return;
        }
        std::vector<std::vector<Entry>> parts;
        Ops::for_each_item(value, [&](const Node& item) {
            if (!Ops::is_map(item)) {
                error(item, "expected a mapping for merging, got " + describe_with(item, m_typing));
                return;
            }
            parts.push_back(entries(item));
        });
        // PyYAML merges the list back to front, so earlier mappings win.
        for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
            merged.insert(merged.end(), std::make_move_iterator(part->begin()), std::make_move_iterator(part->end()));
        }
    }

    std::vector<Entry> entries_of_entered(const Node& node)
    {
        std::vector<Entry> merged;
        std::vector<Entry> own;
        KeyIndex first_line; // key identity -> line of its first explicit occurrence
        bool duplicates = false;
        Ops::for_each_pair(node, [&](const Node& key, const Node& value) {
            if (is_merge_key(key)) {
                collect_merge(value, merged);
                return;
            }
            auto entry = make_entry(key, value);
            if (!entry) {
                return;
            }
            const int line = Ops::location(m_path, key).line;
            const auto [found, inserted] = first_line.insert(key_identity(entry->key_value), static_cast<std::size_t>(line));
            if (!inserted) {
                duplicates = true;
                error(key, "duplicate key '" + entry->name + "' (first at line " + std::to_string(found) + ")");
            }
            own.push_back(std::move(*entry));
        });
        if (merged.empty() && !duplicates) {
            return own; // the common case: nothing to merge or collapse
        }
        std::vector<Entry> out;
        KeyIndex index; // key identity -> position in out
        out.reserve(merged.size() + own.size());
        for (auto* list : {&merged, &own}) {
            for (auto& entry : *list) {
                const auto [found, inserted] = index.insert(key_identity(entry.key_value), out.size());
                if (inserted) {
                    out.push_back(std::move(entry));
                } else {
                    Ops::rebind(out[found].value, entry.value); // the first key stays, as in a Python dict
                }
            }
        }
        return out;
    }

    const std::string& m_path;
    core::Diagnostics& m_diagnostics;
    Typing m_typing;
    std::vector<Node> m_stack; ///< collections being converted, to spot recursive aliases
    ValueBudget m_own_budget;
    ValueBudget& m_budget;
};

} // namespace scsctl::yaml
