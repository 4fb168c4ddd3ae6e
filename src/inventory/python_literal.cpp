// The grammar of ast.literal_eval (Python 3.11) over the tokens of python_literal_tokens,
// mapped to core::Value. Must not depend on the INI format. Depends on core only.
#include "inventory/python_literal.hpp"

#include <cstdint>
#include <limits>
#include <optional>

#include "core/text_file.hpp"
#include "inventory/python_literal_parser.hpp"
#include "inventory/python_literal_tokens.hpp"

namespace scsctl::inventory::literal_detail {

void Parser::unrepresentable(const std::string& reason)
{
    if (m_unrepresentable.empty()) {
        m_unrepresentable = reason;
    }
}

void Parser::absorb(const Node& child)
{
    if (child.type == Type::bytes) {
        unrepresentable("bytes inside a container");
    }
}

void Parser::skip_space()
{
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (c == ' ' || c == '\t' || c == '\f' || (m_depth > 0 && (c == '\n' || c == '\r'))) {
            ++m_pos;
        } else if (c == '\\' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') {
            m_pos += 2;
        } else if (c == '#') {
            while (m_pos < m_text.size() && m_text[m_pos] != '\n' && m_text[m_pos] != '\r') {
                ++m_pos;
            }
            if (m_depth == 0) {
                return;
            }
        } else {
            return;
        }
    }
}

LiteralResult Parser::run()
{
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\f')) {
        ++m_pos;
    }
    auto first = expression();
    if (!first) {
        return {};
    }
    Node top = std::move(*first);
    skip_space();
    if (at(',')) {
        Node tuple{Type::tuple, core::Value::array()};
        if (!append(tuple, std::move(top))) {
            return {};
        }
        ++m_pos;
        if (!items('\0', [&] { return append(tuple, expression()); })) {
            return {};
        }
        top = std::move(tuple);
    }
    skip_space();
    while (m_pos < m_text.size() && (m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
        ++m_pos;
        skip_space();
    }
    if (m_pos != m_text.size()) {
        return {};
    }
    if (!m_type_error.empty()) {
        return {LiteralKind::type_error, nullptr, m_type_error};
    }
    if (top.type == Type::bytes) { // Ansible's to_text decodes a bytes result
        const std::string bytes = top.value.get<std::string>();
        if (core::first_invalid_text_byte(bytes) != std::string::npos) {
            unrepresentable("bytes that are not UTF-8 text");
        }
    }
    if (!m_unrepresentable.empty()) {
        return {LiteralKind::unrepresentable, nullptr, m_unrepresentable};
    }
    return {LiteralKind::value, std::move(top.value), {}};
}

bool Parser::append(Node& sequence, std::optional<Node> element)
{
    if (!element) {
        return false;
    }
    absorb(*element);
    sequence.hashable = sequence.hashable && element->hashable;
    sequence.value.push_back(std::move(element->value));
    return true;
}

std::optional<Node> Parser::expression()
{
    skip_space();
    char sign = '\0';
    if (at('+') || at('-')) {
        sign = m_text[m_pos++];
        skip_space();
    }
    auto operand = atom();
    if (!operand) {
        return std::nullopt;
    }
    Node left = std::move(*operand);
    if (sign != '\0') {
        if (left.signed_op || left.bin_op || !is_number(left.type)) {
            return std::nullopt;
        }
        left = sign == '-' ? *negated(std::move(left)) : std::move(left);
        left.signed_op = true;
    }
    skip_space();
    if (!at('+') && !at('-')) {
        return left;
    }
    // BinOp: only a signed number plus or minus an imaginary constant (a complex literal).
    ++m_pos;
    skip_space();
    auto right = atom();
    if (!right || right->signed_op || right->bin_op || right->type != Type::complex || left.bin_op ||
        !is_number(left.type)) {
        return std::nullopt;
    }
    unrepresentable("a complex number");
    Node result{Type::complex, nullptr};
    result.bin_op = true;
    return result;
}

std::optional<Node> Parser::negated(Node operand)
{
    if (operand.type == Type::floating) {
        operand.value = -operand.value.get<double>();
    } else if (operand.type == Type::integer && operand.value.is_number_unsigned()) {
        const auto magnitude = operand.value.get<std::uint64_t>();
        constexpr auto k_min_magnitude = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1;
        if (magnitude == k_min_magnitude) {
            operand.value = std::numeric_limits<std::int64_t>::min();
        } else {
            operand.type = Type::big_integer;
            unrepresentable("an integer beyond 64 bits");
        }
    } else if (operand.type == Type::integer) {
        operand.value = -operand.value.get<std::int64_t>();
    }
    return operand;
}

std::optional<Node> Parser::atom()
{
    if (m_pos >= m_text.size()) {
        return std::nullopt;
    }
    const char c = m_text[m_pos];
    const char next = m_pos + 1 < m_text.size() ? m_text[m_pos + 1] : '\0';
    if (starts_string(m_text, m_pos)) {
        return strings();
    }
    if ((c >= '0' && c <= '9') || (c == '.' && next >= '0' && next <= '9')) {
        return number();
    }
    if (m_text.substr(m_pos, 3) == "...") {
        m_pos += 3;
        unrepresentable("Ellipsis");
        return Node{Type::ellipsis, nullptr};
    }
    switch (c) {
    case '(': return parenthesised();
    case '[': return list();
    case '{': return braces();
    default: break;
    }
    return is_identifier_char(c) ? name() : std::nullopt;
}

std::optional<Node> Parser::parenthesised()
{
    ++m_pos;
    if (!enter()) {
        return std::nullopt;
    }
    skip_space();
    Node tuple{Type::tuple, core::Value::array()};
    if (at(')')) {
        ++m_pos;
        --m_depth;
        return tuple;
    }
    auto inner = expression();
    skip_space();
    if (!inner || (!at(')') && !at(','))) {
        return std::nullopt;
    }
    if (at(')')) { // parentheses alone make no node
        ++m_pos;
        --m_depth;
        return inner;
    }
    ++m_pos;
    if (!append(tuple, std::move(inner)) || !items(')', [&] { return append(tuple, expression()); })) {
        return std::nullopt;
    }
    return tuple;
}

std::optional<Node> Parser::list()
{
    ++m_pos;
    if (!enter()) {
        return std::nullopt;
    }
    Node result{Type::list, core::Value::array()};
    result.hashable = false;
    if (!items(']', [&] { return append(result, expression()); })) {
        return std::nullopt;
    }
    return result;
}



std::optional<Node> Parser::strings()
{
    Node result{Type::string, std::string()};
    bool first = true;
    bool fstring = false;
    std::string text;
    while (m_pos < m_text.size() && starts_string(m_text, m_pos)) {
        auto token = lex_string(m_text, m_pos);
        if (!token || (!first && token->bytes != (result.type == Type::bytes))) {
            return std::nullopt; // SyntaxError, or bytes mixed with str
        }
        result.type = token->bytes ? Type::bytes : Type::string;
        fstring = fstring || token->fstring;
        if (token->unsupported) {
            unrepresentable("a \\N{...} escape or a lone surrogate");
        }
        text += token->value;
        first = false;
        skip_space();
    }
    if (fstring) {
        return std::nullopt; // a JoinedStr is never a literal
    }
    result.value = std::move(text);
    return result;
}

std::optional<Node> Parser::number()
{
    auto token = lex_number(m_text, m_pos);
    if (!token) {
        return std::nullopt;
    }
    switch (token->type) {
    case NumberType::integer: return Node{Type::integer, std::move(token->value)};
    case NumberType::floating: return Node{Type::floating, std::move(token->value)};
    case NumberType::imaginary: unrepresentable("a complex number"); return Node{Type::complex, nullptr};
    case NumberType::big_integer: break;
    }
    unrepresentable("an integer beyond 64 bits");
    return Node{Type::big_integer, std::move(token->value)};
}

std::optional<Node> Parser::name()
{
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && is_identifier_char(m_text[m_pos])) {
        ++m_pos;
    }
    const std::string_view word = m_text.substr(start, m_pos - start);
    if (word == "True" || word == "False") {
        return Node{Type::boolean, word == "True"};
    }
    if (word == "None") {
        return Node{Type::none, nullptr};
    }
    if (word == "set") { // set() is the one call literal_eval accepts
        skip_space();
        if (!at('(')) {
            return std::nullopt;
        }
        ++m_pos;
        skip_space();
        if (!at(')')) {
            return std::nullopt;
        }
        ++m_pos;
        unrepresentable("a set");
        Node set{Type::set, nullptr};
        set.hashable = false;
        return set;
    }
    return std::nullopt;
}

} // namespace scsctl::inventory::literal_detail

namespace scsctl::inventory {

LiteralResult parse_python_literal(std::string_view text)
{
    return literal_detail::Parser(text).run();
}

} // namespace scsctl::inventory
