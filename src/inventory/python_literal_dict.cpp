// Dicts and sets of ast.literal_eval: Python's key equality (1 == 1.0 == True), JSON
// keys as json.dumps writes them, and TypeError for unhashable keys and elements.
// Depends on core/value and python_literal_parser only.
#include <cmath>
#include <cstdint>

#include "inventory/python_literal_parser.hpp"

namespace scsctl::inventory::literal_detail {

namespace {

std::string float_key(double d)
{
    if (std::isnan(d)) {
        return "NaN";
    }
    if (std::isinf(d)) {
        return d > 0 ? "Infinity" : "-Infinity";
    }
    return core::Value(d).dump();
}

} // namespace

bool Parser::add_pair(Node& dict, DictKeys& keys, const Node& key, const Node& value)
{
    absorb(value);
    if (!key.hashable) {
        m_type_error = m_type_error.empty() ? "unhashable type used as a dict key" : m_type_error;
        return true;
    }
    std::string json_key;
    std::string identity; // Python's equality: 1 == 1.0 == True
    switch (key.type) {
    case Type::string: json_key = key.value.get<std::string>(); identity = "s:" + json_key; break;
    case Type::integer: json_key = key.value.dump(); identity = "n:" + json_key; break;
    case Type::boolean: json_key = key.value.dump(); identity = key.value.get<bool>() ? "n:1" : "n:0"; break;
    case Type::none: json_key = "null"; identity = "N"; break;
    case Type::floating: {
        const double d = key.value.get<double>();
        json_key = float_key(d);
        const bool integral = std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18;
        identity = integral ? "n:" + std::to_string(static_cast<std::int64_t>(d)) : "f:" + json_key;
        break;
    }
    default: unrepresentable("a dict key that JSON cannot hold"); return true;
    }
    if (const auto found = keys.find(identity); found != keys.end()) {
        dict.value[found->second] = value.value;
    } else {
        keys.emplace(identity, json_key);
        dict.value[json_key] = value.value;
    }
    return true;
}

bool Parser::add_set_element(Node& set, const std::optional<Node>& element)
{
    if (!element) {
        return false;
    }
    if (!element->hashable && m_type_error.empty()) {
        m_type_error = "unhashable type used as a set element";
    }
    set.hashable = false;
    return true;
}

std::optional<Node> Parser::braces()
{
    ++m_pos;
    if (!enter()) {
        return std::nullopt;
    }
    skip_space();
    Node result{Type::dict, core::Value::object()};
    result.hashable = false;
    DictKeys keys;
    auto pair = [&](std::optional<Node> key) {
        skip_space();
        if (!key || !at(':')) {
            return false;
        }
        ++m_pos;
        auto value = expression();
        return value && add_pair(result, keys, *key, *value);
    };
    if (at('}')) {
        return items('}', [] { return false; }) ? std::optional<Node>(result) : std::nullopt;
    }
    auto first = expression();
    skip_space();
    if (first && at(':')) {
        if (!pair(std::move(first))) {
            return std::nullopt;
        }
        skip_space();
        if (at(',')) {
            ++m_pos;
        } else if (!at('}')) {
            return std::nullopt;
        }
        return items('}', [&] { return pair(expression()); }) ? std::optional<Node>(result) : std::nullopt;
    }
    Node set{Type::set, nullptr};
    unrepresentable("a set");
    if (!add_set_element(set, first)) {
        return std::nullopt;
    }
    if (at(',')) {
        ++m_pos;
    } else if (!at('}')) {
        return std::nullopt;
    }
    return items('}', [&] { return add_set_element(set, expression()); }) ? std::optional<Node>(set) : std::nullopt;
}

} // namespace scsctl::inventory::literal_detail
