// The expression half of the parser (Jinja's precedence chain) and the public entry
// points parse_template/parse_expression. Depends on core and the lexer.
#include <charconv>

#include "vars/template_parser_impl.hpp"

namespace scsctl::vars::detail {

core::Result<ExprPtr> Parser::expression()
{
    DepthGuard guard(m_depth);
    if (m_depth > k_max_depth) {
        return core::fail(syntax("template nesting is too deep"));
    }
    return condition_expr();
}

core::Result<ExprPtr> Parser::condition_expr()
{
    ExprPtr value = SCSCTL_TRY(or_expr());
    while (at_name("if")) {
        ++m_pos;
        auto node = make(ExprKind::condition);
        node->children.push_back(SCSCTL_TRY(or_expr()));
        node->children.push_back(std::move(value));
        if (at_name("else")) {
            ++m_pos;
            node->children.push_back(SCSCTL_TRY(condition_expr()));
        } else {
            node->children.push_back(nullptr);
        }
        value = std::move(node);
    }
    return value;
}

core::Result<ExprPtr> Parser::or_expr()
{
    ExprPtr left = SCSCTL_TRY(and_expr());
    while (at_name("or")) {
        ++m_pos;
        auto node = make(ExprKind::logic_or);
        node->children.push_back(std::move(left));
        node->children.push_back(SCSCTL_TRY(and_expr()));
        left = std::move(node);
    }
    return left;
}

core::Result<ExprPtr> Parser::and_expr()
{
    ExprPtr left = SCSCTL_TRY(not_expr());
    while (at_name("and")) {
        ++m_pos;
        auto node = make(ExprKind::logic_and);
        node->children.push_back(std::move(left));
        node->children.push_back(SCSCTL_TRY(not_expr()));
        left = std::move(node);
    }
    return left;
}

core::Result<ExprPtr> Parser::not_expr()
{
    if (at_name("not")) {
        ++m_pos;
        DepthGuard guard(m_depth);
        if (m_depth > k_max_depth) {
            return core::fail(syntax("template nesting is too deep"));
        }
        auto node = make(ExprKind::unary, "not");
        node->children.push_back(SCSCTL_TRY(not_expr()));
        return node;
    }
    return compare_expr();
}

core::Result<ExprPtr> Parser::compare_expr()
{
    ExprPtr first = SCSCTL_TRY(math1());
    ExprPtr node;
    while (true) {
        std::string op;
        if (peek().kind == TokenKind::op && (peek().text == "==" || peek().text == "!=" || peek().text == "<" ||
                                             peek().text == "<=" || peek().text == ">" || peek().text == ">=")) {
            op = next().text;
        } else if (at_name("in")) {
            ++m_pos;
            op = "in";
        } else if (at_name("not") && peek(1).kind == TokenKind::name && peek(1).text == "in") {
            m_pos += 2;
            op = "not in";
        } else {
            break;
        }
        if (!node) {
            node = make(ExprKind::compare);
            node->children.push_back(std::move(first));
        }
        node->ops.push_back(op);
        node->children.push_back(SCSCTL_TRY(math1()));
    }
    return node ? std::move(node) : std::move(first);
}

namespace {

ExprPtr binary(std::string op, ExprPtr left, ExprPtr right)
{
    auto node = make(ExprKind::binary, std::move(op));
    node->children.push_back(std::move(left));
    node->children.push_back(std::move(right));
    return node;
}

} // namespace

core::Result<ExprPtr> Parser::math1()
{
    ExprPtr left = SCSCTL_TRY(concat_expr());
    while (at_op("+") || at_op("-")) {
        std::string op = next().text;
        left = binary(std::move(op), std::move(left), SCSCTL_TRY(concat_expr()));
    }
    return left;
}

core::Result<ExprPtr> Parser::concat_expr()
{
    ExprPtr first = SCSCTL_TRY(math2());
    if (!at_op("~")) {
        return first;
    }
    auto node = make(ExprKind::concat);
    node->children.push_back(std::move(first));
    while (at_op("~")) {
        ++m_pos;
        node->children.push_back(SCSCTL_TRY(math2()));
    }
    return node;
}

core::Result<ExprPtr> Parser::math2()
{
    ExprPtr left = SCSCTL_TRY(pow_expr());
    while (at_op("*") || at_op("/") || at_op("//") || at_op("%")) {
        std::string op = next().text;
        left = binary(std::move(op), std::move(left), SCSCTL_TRY(pow_expr()));
    }
    return left;
}

core::Result<ExprPtr> Parser::pow_expr()
{
    ExprPtr left = SCSCTL_TRY(unary(true));
    while (at_op("**")) {
        ++m_pos;
        left = binary("**", std::move(left), SCSCTL_TRY(unary(true)));
    }
    return left;
}

core::Result<ExprPtr> Parser::unary(bool with_filter)
{
    DepthGuard guard(m_depth);
    if (m_depth > k_max_depth) {
        return core::fail(syntax("template nesting is too deep"));
    }
    ExprPtr node;
    if (at_op("-") || at_op("+")) {
        node = make(ExprKind::unary, next().text);
        node->children.push_back(SCSCTL_TRY(unary(false)));
    } else {
        node = SCSCTL_TRY(primary());
        node = SCSCTL_TRY(postfix(std::move(node)));
    }
    return with_filter ? filters(std::move(node)) : core::Result<ExprPtr>(std::move(node));
}

core::Result<ExprPtr> Parser::primary()
{
    const Token& t = peek();
    if (t.kind == TokenKind::name) {
        ++m_pos;
        auto node = make(ExprKind::literal);
        if (t.text == "true" || t.text == "True") {
            node->value = true;
        } else if (t.text == "false" || t.text == "False") {
            node->value = false;
        } else if (t.text == "none" || t.text == "None") {
            node->value = nullptr;
        } else {
            node = make(ExprKind::name, t.text);
        }
        return node;
    }
    if (t.kind == TokenKind::string) {
        auto node = make(ExprKind::literal);
        std::string text;
        while (peek().kind == TokenKind::string) {
            text += next().text;
        }
        node->value = std::move(text);
        return node;
    }
    if (t.kind == TokenKind::integer || t.kind == TokenKind::floating) {
        ++m_pos;
        auto node = make(ExprKind::literal);
        if (t.kind == TokenKind::integer) {
            std::int64_t value = 0;
            const auto [ptr, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), value);
            node->value = ec == std::errc() ? core::Value(value) : core::Value(std::strtod(t.text.c_str(), nullptr));
        } else {
            node->value = std::strtod(t.text.c_str(), nullptr);
        }
        return node;
    }
    if (at_op("(")) {
        ++m_pos;
        return sequence(")", ExprKind::list);
    }
    if (at_op("[")) {
        ++m_pos;
        return sequence("]", ExprKind::list);
    }
    if (at_op("{")) {
        ++m_pos;
        return dict_literal();
    }
    return core::fail(peek().kind == TokenKind::var_end || peek().kind == TokenKind::block_end ||
                              peek().kind == TokenKind::end
                          ? syntax("expected an expression, got '" + describe(peek()) + "'")
                          : unexpected());
}

/// Lists and parenthesised expressions; a parenthesised single expression without a
/// trailing comma is the expression itself, tuples become lists.
core::Result<ExprPtr> Parser::sequence(std::string_view close, ExprKind kind)
{
    auto node = make(kind);
    bool comma = false;
    while (!at_op(close)) {
        if (!node->children.empty()) {
            SCSCTL_TRY(expect_op(","));
            comma = true;
            if (at_op(close)) {
                break;
            }
        }
        node->children.push_back(SCSCTL_TRY(expression()));
    }
    ++m_pos;
    if (close == ")" && node->children.size() == 1 && !comma) {
        return std::move(node->children[0]);
    }
    return node;
}

core::Result<ExprPtr> Parser::dict_literal()
{
    auto node = make(ExprKind::dict);
    while (!at_op("}")) {
        if (!node->children.empty()) {
            SCSCTL_TRY(expect_op(","));
            if (at_op("}")) {
                break;
            }
        }
        node->children.push_back(SCSCTL_TRY(expression()));
        SCSCTL_TRY(expect_op(":"));
        node->children.push_back(SCSCTL_TRY(expression()));
    }
    ++m_pos;
    return node;
}

core::Result<ExprPtr> Parser::postfix(ExprPtr node)
{
    while (true) {
        if (at_op(".")) {
            ++m_pos;
            if (peek().kind != TokenKind::name && peek().kind != TokenKind::integer) {
                return core::fail(unexpected());
            }
            auto attr = make(ExprKind::attr, next().text);
            attr->children.push_back(std::move(node));
            node = std::move(attr);
        } else if (at_op("[")) {
            ++m_pos;
            node = SCSCTL_TRY(subscript(std::move(node)));
        } else if (at_op("(")) {
            ++m_pos;
            auto call = make(ExprKind::call);
            call->children.push_back(std::move(node));
            SCSCTL_TRY(call_args(*call));
            node = std::move(call);
        } else {
            return node;
        }
    }
}

core::Result<ExprPtr> Parser::subscript(ExprPtr node)
{
    std::vector<ExprPtr> parts;
    bool is_slice = false;
    ExprPtr current;
    while (!at_op("]")) {
        if (at_op(":")) {
            ++m_pos;
            parts.push_back(std::move(current));
            is_slice = true;
            continue;
        }
        if (current) {
            return core::fail(unexpected());
        }
        current = SCSCTL_TRY(expression());
    }
    ++m_pos;
    parts.push_back(std::move(current));
    auto out = make(is_slice ? ExprKind::slice : ExprKind::item);
    out->children.push_back(std::move(node));
    if (!is_slice && !parts[0]) {
        return core::fail(syntax("expected an expression, got ']'"));
    }
    if (parts.size() > 3) {
        return core::fail(syntax("unexpected ':'"));
    }
    parts.resize(is_slice ? 3 : 1);
    for (auto& p : parts) {
        out->children.push_back(std::move(p));
    }
    return out;
}

/// Arguments after `(`: positional expressions then name=value pairs, up to `)`.
core::Result<void> Parser::call_args(Expr& call)
{
    while (!at_op(")")) {
        if (call.children.size() > 1 || !call.kwargs.empty()) {
            SCSCTL_TRY(expect_op(","));
            if (at_op(")")) {
                break;
            }
        }
        if (peek().kind == TokenKind::name && peek(1).kind == TokenKind::op && peek(1).text == "=") {
            std::string key = next().text;
            ++m_pos;
            call.kwargs.emplace_back(std::move(key), SCSCTL_TRY(expression()));
        } else {
            call.children.push_back(SCSCTL_TRY(expression()));
        }
    }
    ++m_pos;
    return {};
}

} // namespace scsctl::vars::detail

namespace scsctl::vars {

namespace {

core::Result<std::shared_ptr<const Template>> finish(std::vector<Token> tokens)
{
    detail::Parser parser(std::move(tokens));
    std::string stopped;
    auto tmpl = std::make_shared<Template>();
    tmpl->body = SCSCTL_TRY(parser.parse_body({}, &stopped));
    if (tmpl->body.size() == 1 && tmpl->body[0].kind == NodeKind::output) {
        tmpl->single_expression = tmpl->body[0].expr.get();
    }
    return std::shared_ptr<const Template>(std::move(tmpl));
}

} // namespace

core::Result<std::shared_ptr<const Template>> parse_template(std::string_view source, const LexOptions& options)
{
    return finish(SCSCTL_TRY(lex_template(source, options)));
}

core::Result<std::shared_ptr<const Template>> parse_expression(std::string_view source)
{
    std::vector<Token> tokens = SCSCTL_TRY(lex_template("{{ " + std::string(source) + " }}", LexOptions{}));
    auto tmpl = SCSCTL_TRY(finish(std::move(tokens)));
    if (tmpl->single_expression == nullptr) {
        return core::fail(detail::syntax("unexpected '}'"));
    }
    return tmpl;
}

} // namespace scsctl::vars
