// Internal: the Parser class shared by template_parser.cpp (statements) and
// template_expr.cpp (expressions). Depends on core and the lexer.
#pragma once

#include <algorithm>
#include <initializer_list>

#include "vars/template_parser.hpp"

namespace scsctl::vars::detail {

constexpr int k_max_depth = 200;

inline core::Error syntax(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

inline ExprPtr make(ExprKind kind, std::string name = {})
{
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->name = std::move(name);
    return e;
}

inline std::string describe(const Token& t)
{
    switch (t.kind) {
    case TokenKind::var_end: return "end of print statement";
    case TokenKind::block_end: return "end of statement block";
    case TokenKind::end: return "end of template";
    case TokenKind::data: return "template data";
    case TokenKind::string: return "string";
    case TokenKind::integer: return "integer";
    case TokenKind::floating: return "float";
    default: return t.text;
    }
}

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

    core::Result<Body> parse_body(std::initializer_list<std::string_view> stops, std::string* stopped);
    core::Result<ExprPtr> expression();

    const Token& peek(std::size_t ahead = 0) const
    {
        const std::size_t at = std::min(m_pos + ahead, m_tokens.size() - 1);
        return m_tokens[at];
    }
    bool at_op(std::string_view op) const { return peek().kind == TokenKind::op && peek().text == op; }
    bool at_name(std::string_view name) const { return peek().kind == TokenKind::name && peek().text == name; }
    const Token& next() { return m_tokens[std::min(m_pos++, m_tokens.size() - 1)]; }
    core::Error unexpected() const { return syntax("unexpected '" + describe(peek()) + "'"); }
    core::Result<void> expect_op(std::string_view op)
    {
        if (!at_op(op)) {
            return core::fail(syntax("expected token '" + std::string(op) + "', got '" + describe(peek()) + "'"));
        }
        ++m_pos;
        return {};
    }
    core::Result<void> expect(TokenKind kind)
    {
        if (peek().kind != kind) {
            return core::fail(unexpected());
        }
        ++m_pos;
        return {};
    }

private:
    struct DepthGuard {
        int& depth;
        explicit DepthGuard(int& d) : depth(d) { ++depth; }
        ~DepthGuard() { --depth; }
    };

    core::Result<void> statement(Body& body, std::initializer_list<std::string_view> stops, std::string* stopped,
                                 bool& done);
    core::Result<Node> if_statement();
    core::Result<Node> for_statement();
    core::Result<Node> set_statement();
    core::Result<ExprPtr> condition_expr();
    core::Result<ExprPtr> or_expr();
    core::Result<ExprPtr> and_expr();
    core::Result<ExprPtr> not_expr();
    core::Result<ExprPtr> compare_expr();
    core::Result<ExprPtr> math1();
    core::Result<ExprPtr> concat_expr();
    core::Result<ExprPtr> math2();
    core::Result<ExprPtr> pow_expr();
    core::Result<ExprPtr> unary(bool with_filter);
    core::Result<ExprPtr> primary();
    core::Result<ExprPtr> sequence(std::string_view close, ExprKind kind);
    core::Result<ExprPtr> dict_literal();
    core::Result<ExprPtr> postfix(ExprPtr node);
    core::Result<ExprPtr> filters(ExprPtr node);
    core::Result<ExprPtr> subscript(ExprPtr node);
    core::Result<void> call_args(Expr& call);
    core::Result<std::vector<std::string>> targets();

    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    int m_depth = 0;
};

} // namespace scsctl::vars::detail
