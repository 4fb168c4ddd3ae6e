// Internal to python_literal: the parser of ast.literal_eval's grammar, shared by
// python_literal.cpp (scalars, sequences) and python_literal_dict.cpp (dicts, sets).
// Depends on core/value and python_literal_tokens only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/value.hpp"
#include "inventory/python_literal.hpp"

namespace scsctl::inventory::literal_detail {

constexpr int k_max_nesting = 200; // Python's tokenizer: "too many nested parentheses"

enum class Type { none, boolean, integer, floating, complex, big_integer, string, bytes, ellipsis, list, tuple, dict, set };

struct Node {
    Type type = Type::none;
    core::Value value;
    bool hashable = true;
    bool signed_op = false; ///< a UnaryOp (+x, -x)
    bool bin_op = false;    ///< a complex BinOp (1+2j)
};

inline bool is_number(Type type)
{
    return type == Type::integer || type == Type::floating || type == Type::complex || type == Type::big_integer;
}

class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    LiteralResult run();

private:
    using DictKeys = std::unordered_map<std::string, std::string>;

    std::optional<Node> expression();
    std::optional<Node> atom();
    std::optional<Node> parenthesised();
    std::optional<Node> list();
    std::optional<Node> braces();
    std::optional<Node> strings();
    std::optional<Node> number();
    std::optional<Node> name();
    std::optional<Node> negated(Node operand);
    template <typename Item>
    bool items(char closer, Item item);
    bool append(Node& sequence, std::optional<Node> element);
    bool add_pair(Node& dict, DictKeys& keys, const Node& key, const Node& value);
    bool add_set_element(Node& set, const std::optional<Node>& element);
    void absorb(const Node& child);
    void skip_space();
    bool at(char c) const { return m_pos < m_text.size() && m_text[m_pos] == c; }
    bool enter() { return ++m_depth <= k_max_nesting; }
    void unrepresentable(const std::string& reason);

    std::string_view m_text;
    std::size_t m_pos = 0;
    int m_depth = 0;
    std::string m_unrepresentable;
    std::string m_type_error;
};

/// Runs `item` for each comma-separated entry up to `closer` ('\0': the end of the text),
/// allowing a trailing comma, and consumes the closer.
template <typename Item>
bool Parser::items(char closer, Item item)
{
    auto closed = [&] {
        return closer == '\0' ? (m_pos >= m_text.size() || m_text[m_pos] == '\n' || m_text[m_pos] == '\r')
                              : at(closer);
    };
    skip_space();
    while (!closed()) {
        if (!item()) {
            return false;
        }
        skip_space();
        if (at(',')) {
            ++m_pos;
            skip_space();
        } else if (!closed()) {
            return false;
        }
    }
    if (closer != '\0') {
        ++m_pos;
        --m_depth;
    }
    return true;
}

} // namespace scsctl::inventory::literal_detail
