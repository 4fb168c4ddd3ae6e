// Jinja's grammar, in the same precedence order (or, and, not, compare, +/-, ~, * / // %,
// **, unary, postfix/filters). Depends on core and the lexer.
#include "vars/template_parser.hpp"

#include "vars/template_parser_impl.hpp"

namespace scsctl::vars::detail {

core::Result<Body> Parser::parse_body(std::initializer_list<std::string_view> stops, std::string* stopped)
{
    DepthGuard guard(m_depth);
    if (m_depth > k_max_depth) {
        return core::fail(syntax("template nesting is too deep"));
    }
    Body body;
    while (true) {
        const Token& t = next();
        if (t.kind == TokenKind::end) {
            if (stops.size() > 0) {
                return core::fail(syntax("unexpected end of template, expected '" + std::string(*stops.begin()) + "'"));
            }
            return body;
        }
        if (t.kind == TokenKind::data) {
            body.push_back(Node{NodeKind::text, t.text, {}, {}, {}, {}, {}, {}});
        } else if (t.kind == TokenKind::var_begin) {
            Node node;
            node.kind = NodeKind::output;
            node.expr = SCSCTL_TRY(expression());
            SCSCTL_TRY(expect(TokenKind::var_end));
            body.push_back(std::move(node));
        } else {
            bool done = false;
            SCSCTL_TRY(statement(body, stops, stopped, done));
            if (done) {
                return body;
            }
        }
    }
}

core::Result<void> Parser::statement(Body& body, std::initializer_list<std::string_view> stops, std::string* stopped,
                                     bool& done)
{
    if (peek().kind != TokenKind::name) {
        return core::fail(syntax("tag name expected"));
    }
    const std::string tag = next().text;
    for (const std::string_view stop : stops) {
        if (tag == stop) {
            *stopped = tag;
            done = true;
            return {};
        }
    }
    if (tag == "if") {
        body.push_back(SCSCTL_TRY(if_statement()));
    } else if (tag == "for") {
        body.push_back(SCSCTL_TRY(for_statement()));
    } else if (tag == "set") {
        body.push_back(SCSCTL_TRY(set_statement()));
    } else {
        return core::fail(syntax("encountered unknown tag '" + tag + "'"));
    }
    return {};
}

core::Result<Node> Parser::if_statement()
{
    Node node;
    node.kind = NodeKind::if_chain;
    ExprPtr cond = SCSCTL_TRY(expression());
    while (true) {
        SCSCTL_TRY(expect(TokenKind::block_end));
        std::string stopped;
        Body body = SCSCTL_TRY(parse_body({"elif", "else", "endif"}, &stopped));
        node.branches.emplace_back(std::move(cond), std::move(body));
        if (stopped == "endif") {
            break;
        }
        if (stopped == "else") {
            SCSCTL_TRY(expect(TokenKind::block_end));
            Body tail = SCSCTL_TRY(parse_body({"endif"}, &stopped));
            node.branches.emplace_back(nullptr, std::move(tail));
            break;
        }
        cond = SCSCTL_TRY(expression());
    }
    SCSCTL_TRY(expect(TokenKind::block_end));
    return node;
}

core::Result<std::vector<std::string>> Parser::targets()
{
    std::vector<std::string> names;
    do {
        if (peek().kind != TokenKind::name) {
            return core::fail(syntax("expected an expression, got '" + describe(peek()) + "'"));
        }
        names.push_back(next().text);
    } while (at_op(",") && (++m_pos, true));
    return names;
}

core::Result<Node> Parser::for_statement()
{
    Node node;
    node.kind = NodeKind::for_loop;
    node.targets = SCSCTL_TRY(targets());
    if (!at_name("in")) {
        return core::fail(syntax("expected token 'in', got '" + describe(peek()) + "'"));
    }
    ++m_pos;
    node.expr = SCSCTL_TRY(or_expr());
    if (at_name("if")) {
        ++m_pos;
        node.loop_filter = SCSCTL_TRY(or_expr());
    }
    SCSCTL_TRY(expect(TokenKind::block_end));
    std::string stopped;
    node.body = SCSCTL_TRY(parse_body({"endfor", "else"}, &stopped));
    if (stopped == "else") {
        SCSCTL_TRY(expect(TokenKind::block_end));
        node.else_body = SCSCTL_TRY(parse_body({"endfor"}, &stopped));
    }
    SCSCTL_TRY(expect(TokenKind::block_end));
    return node;
}

core::Result<Node> Parser::set_statement()
{
    Node node;
    node.kind = NodeKind::set;
    node.targets = SCSCTL_TRY(targets());
    SCSCTL_TRY(expect_op("="));
    node.expr = SCSCTL_TRY(expression());
    SCSCTL_TRY(expect(TokenKind::block_end));
    return node;
}

core::Result<ExprPtr> Parser::filters(ExprPtr node)
{
    while (at_op("|") || at_name("is")) {
        const bool is_test = at_name("is");
        ++m_pos;
        auto wrapped = make(is_test ? ExprKind::test : ExprKind::filter);
        if (is_test && at_name("not")) {
            ++m_pos;
            wrapped->negated = true;
        }
        if (peek().kind != TokenKind::name) {
            return core::fail(unexpected());
        }
        wrapped->name = next().text;
        while (at_op(".") && peek(1).kind == TokenKind::name) { // dotted collection names
            ++m_pos;
            wrapped->name += "." + next().text;
        }
        wrapped->children.push_back(std::move(node));
        if (at_op("(")) {
            ++m_pos;
            SCSCTL_TRY(call_args(*wrapped));
        } else if (is_test && (peek().kind == TokenKind::string || peek().kind == TokenKind::integer ||
                               peek().kind == TokenKind::floating)) {
            wrapped->children.push_back(SCSCTL_TRY(primary()));
        }
        node = std::move(wrapped);
    }
    return node;
}

} // namespace scsctl::vars::detail
