// Jinja's lexing rules for the subset scsctl supports; the parser sees one flat token list.
// Depends on core only.
#include "vars/template_lexer.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>

namespace scsctl::vars {

namespace {

core::Error syntax(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

/// A 0x/0o/0b literal with Python's messages for bad digits. Beyond uint64 it becomes a
/// float, as decimal literals beyond int64 do: Python has bignums, the engine has doubles.
core::Result<Token> radix_literal(const std::string& digits, int base)
{
    const std::string kind = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
    double approx = 0.0;
    for (const char d : digits) {
        const bool dec = std::isdigit(static_cast<unsigned char>(d)) != 0;
        const int v = dec ? d - '0' : std::tolower(static_cast<unsigned char>(d)) - 'a' + 10;
        if (v >= base) {
            return core::fail(syntax(dec ? std::string("invalid digit '") + d + "' in " + kind + " literal"
                                         : "invalid " + kind + " literal"));
        }
        approx = approx * base + v;
    }
    if (digits.empty()) {
        return core::fail(syntax("invalid " + kind + " literal"));
    }
    std::uint64_t value = 0;
    if (std::from_chars(digits.data(), digits.data() + digits.size(), value, base).ec == std::errc()) {
        return Token{TokenKind::integer, std::to_string(value)};
    }
    return Token{TokenKind::floating, std::to_string(approx)}; // exact: approx is a whole number
}

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void append_utf8(std::string& out, unsigned long cp)
{
    static constexpr unsigned char k_lead[] = {0x00, 0xC0, 0xE0, 0xF0};
    const int extra = cp < 0x80 ? 0 : cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;
    out += static_cast<char>(k_lead[extra] | (cp >> (6 * extra)));
    for (int i = extra - 1; i >= 0; --i) {
        out += static_cast<char>(0x80 | ((cp >> (6 * i)) & 0x3F));
    }
}

/// Python's string-literal escapes; returns the index after the escape.
std::size_t decode_escape(std::string_view s, std::size_t i, std::string& out)
{
    const char c = s[i];
    const auto hex = [&](std::size_t width) {
        if (i + width >= s.size()) {
            out += '\\';
            out += c;
            return i + 1;
        }
        const std::string digits(s.substr(i + 1, width));
        for (const char d : digits) {
            if (std::isxdigit(static_cast<unsigned char>(d)) == 0) {
                out += '\\';
                out += c;
                return i + 1;
            }
        }
        append_utf8(out, std::stoul(digits, nullptr, 16));
        return i + 1 + width;
    };
    switch (c) {
    case 'n': out += '\n'; return i + 1;
    case 't': out += '\t'; return i + 1;
    case 'r': out += '\r'; return i + 1;
    case 'a': out += '\a'; return i + 1;
    case 'b': out += '\b'; return i + 1;
    case 'f': out += '\f'; return i + 1;
    case 'v': out += '\v'; return i + 1;
    case '0': out += '\0'; return i + 1;
    case '\\': case '\'': case '"': out += c; return i + 1;
    case '\n': return i + 1;
    case 'x': return hex(2);
    case 'u': return hex(4);
    case 'U': return hex(8);
    default: out += '\\'; out += c; return i + 1;
    }
}

class Lexer {
public:
    Lexer(std::string_view source, const LexOptions& options) : m_src(source), m_options(options) {}

    core::Result<std::vector<Token>> run();

private:
    core::Result<std::size_t> tag(std::size_t pos, std::string_view close, TokenKind begin, TokenKind end);
    core::Result<std::size_t> expression_token(std::size_t pos);
    core::Result<std::size_t> string_token(std::size_t pos);
    core::Result<std::size_t> number_token(std::size_t pos);
    bool is_raw(std::size_t pos) const;
    std::size_t raw_body(std::size_t pos) const;
    std::size_t raw_block(std::size_t pos);
    void data(std::string_view text, bool strip_right);
    std::size_t after_tag(std::size_t pos, bool strip, bool trim);

    std::string_view m_src;
    LexOptions m_options;
    std::vector<Token> m_tokens;
    bool m_strip_next = false;
    int m_depth = 0;
};

void Lexer::data(std::string_view text, bool strip_right)
{
    if (m_strip_next) {
        while (!text.empty() && is_space(text.front())) {
            text.remove_prefix(1);
        }
        m_strip_next = false;
    }
    if (strip_right) {
        while (!text.empty() && is_space(text.back())) {
            text.remove_suffix(1);
        }
    }
    if (!text.empty()) {
        m_tokens.push_back({TokenKind::data, std::string(text)});
    }
}

/// Position after a closing delimiter: `-` strips the next data's leading whitespace,
/// trim_blocks drops one newline after a block or comment tag.
std::size_t Lexer::after_tag(std::size_t pos, bool strip, bool trim)
{
    m_strip_next = strip;
    if (!strip && trim && m_options.trim_blocks) {
        if (m_src.substr(pos).starts_with("\r\n")) {
            return pos + 2;
        }
        if (pos < m_src.size() && m_src[pos] == '\n') {
            return pos + 1;
        }
    }
    return pos;
}

/// Whether the tag whose inside starts at `pos` (just after `{%`) is `{% raw %}`.
bool Lexer::is_raw(std::size_t pos) const
{
    return raw_body(pos) != std::string_view::npos;
}

/// Where the body of the raw tag at `pos` starts (npos when it is not a raw tag).
std::size_t Lexer::raw_body(std::size_t pos) const
{
    std::size_t i = pos;
    if (i < m_src.size() && m_src[i] == '-') {
        ++i;
    }
    while (i < m_src.size() && is_space(m_src[i])) {
        ++i;
    }
    if (!m_src.substr(i).starts_with("raw")) {
        return std::string_view::npos;
    }
    i += 3;
    while (i < m_src.size() && is_space(m_src[i])) {
        ++i;
    }
    const bool strip_inner = m_src.substr(i).starts_with("-%}");
    if (!strip_inner && !m_src.substr(i).starts_with("%}")) {
        return std::string_view::npos;
    }
    return i + (strip_inner ? 3 : 2);
}

/// Emits the body of the raw block at `pos` as data; returns the position after
/// `{% endraw %}` (past the end when it is missing).
std::size_t Lexer::raw_block(std::size_t pos)
{
    const std::size_t body = raw_body(pos);
    const bool strip_inner = m_src[body - 3] == '-';
    std::size_t search = body;
    while (true) {
        const std::size_t open = m_src.find("{%", search);
        if (open == std::string_view::npos) {
            return m_src.size() + 1; // unterminated: reported by the caller
        }
        std::size_t j = open + 2;
        const bool strip_before = j < m_src.size() && m_src[j] == '-';
        j += strip_before ? 1 : 0;
        while (j < m_src.size() && is_space(m_src[j])) {
            ++j;
        }
        if (m_src.substr(j).starts_with("endraw")) {
            const std::size_t close = m_src.find("%}", j);
            if (close == std::string_view::npos) {
                return m_src.size() + 1;
            }
            m_strip_next = strip_inner;
            data(m_src.substr(body, open - body), strip_before);
            const bool strip_after = close > 0 && m_src[close - 1] == '-';
            return after_tag(close + 2, strip_after, true);
        }
        search = open + 2;
    }
}

core::Result<std::vector<Token>> Lexer::run()
{
    std::size_t pos = 0;
    while (pos < m_src.size()) {
        const std::size_t open = m_src.find('{', pos);
        if (open == std::string_view::npos || open + 1 >= m_src.size()) {
            data(m_src.substr(pos), false);
            break;
        }
        const char kind = m_src[open + 1];
        if (kind != '{' && kind != '%' && kind != '#') {
            data(m_src.substr(pos, open + 1 - pos), false);
            pos = open + 1;
            continue;
        }
        const bool strip_before = open + 2 < m_src.size() && m_src[open + 2] == '-';
        if (kind == '%' && is_raw(open + 2)) {
            data(m_src.substr(pos, open - pos), strip_before);
            pos = raw_block(open + 2);
            if (pos > m_src.size()) {
                return core::fail(syntax("missing end of raw directive"));
            }
            continue;
        }
        data(m_src.substr(pos, open - pos), strip_before);
        const std::size_t inner = open + 2 + (strip_before ? 1 : 0);
        if (kind == '#') {
            const std::size_t close = m_src.find("#}", inner);
            if (close == std::string_view::npos) {
                return core::fail(syntax("missing end of comment tag"));
            }
            pos = after_tag(close + 2, close > inner && m_src[close - 1] == '-', true);
        } else if (kind == '{') {
            pos = SCSCTL_TRY(tag(inner, "}}", TokenKind::var_begin, TokenKind::var_end));
        } else {
            pos = SCSCTL_TRY(tag(inner, "%}", TokenKind::block_begin, TokenKind::block_end));
        }
    }
    m_tokens.push_back({TokenKind::end, {}});
    return std::move(m_tokens);
}

/// Tokens of one tag whose inside starts at `pos`, up to `close` at bracket depth 0.
core::Result<std::size_t> Lexer::tag(std::size_t pos, std::string_view close, TokenKind begin, TokenKind end)
{
    m_tokens.push_back({begin, {}});
    m_depth = 0;
    while (true) {
        while (pos < m_src.size() && is_space(m_src[pos])) {
            ++pos;
        }
        if (pos >= m_src.size()) {
            return core::fail(syntax(begin == TokenKind::var_begin ? "unexpected end of template, expected 'end of print statement'"
                                                                  : "unexpected end of template, expected 'end of statement block'"));
        }
        if (m_depth == 0) {
            const std::string_view rest = m_src.substr(pos);
            const bool dash = rest.size() > close.size() && rest[0] == '-' && rest.substr(1).starts_with(close);
            if (dash || rest.starts_with(close)) {
                m_tokens.push_back({end, {}});
                const std::size_t after = pos + close.size() + (dash ? 1 : 0);
                return after_tag(after, dash, end == TokenKind::block_end);
            }
        }
        pos = SCSCTL_TRY(expression_token(pos));
    }
}

core::Result<std::size_t> Lexer::expression_token(std::size_t pos)
{
    const char c = m_src[pos];
    if (std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_') {
        std::size_t end = pos;
        while (end < m_src.size() && (std::isalnum(static_cast<unsigned char>(m_src[end])) != 0 || m_src[end] == '_')) {
            ++end;
        }
        m_tokens.push_back({TokenKind::name, std::string(m_src.substr(pos, end - pos))});
        return end;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
        return number_token(pos);
    }
    if (c == '\'' || c == '"') {
        return string_token(pos);
    }
    static constexpr std::string_view k_two[] = {"**", "//", "==", "!=", "<=", ">="};
    for (const std::string_view op : k_two) {
        if (m_src.substr(pos).starts_with(op)) {
            m_tokens.push_back({TokenKind::op, std::string(op)});
            return pos + 2;
        }
    }
    if (std::string_view("+-*/%~<>=.,:|()[]{}").find(c) == std::string_view::npos) {
        return core::fail(syntax(std::string("unexpected char '") + c + "' at " + std::to_string(pos)));
    }
    if (c == '(' || c == '[' || c == '{') {
        ++m_depth;
    } else if ((c == ')' || c == ']' || c == '}') && m_depth > 0) {
        --m_depth;
    } else if (c == ')' || c == ']' || c == '}') {
        return core::fail(syntax(std::string("unexpected '") + c + "'"));
    }
    m_tokens.push_back({TokenKind::op, std::string(1, c)});
    return pos + 1;
}

core::Result<std::size_t> Lexer::string_token(std::size_t pos)
{
    const char quote = m_src[pos];
    std::string value;
    for (std::size_t i = pos + 1; i < m_src.size();) {
        if (m_src[i] == quote) {
            m_tokens.push_back({TokenKind::string, std::move(value)});
            return i + 1;
        }
        if (m_src[i] == '\\' && i + 1 < m_src.size()) {
            i = decode_escape(m_src, i + 1, value);
            continue;
        }
        value += m_src[i++];
    }
    return core::fail(syntax(std::string("unexpected char '") + quote + "' at " + std::to_string(pos)));
}

core::Result<std::size_t> Lexer::number_token(std::size_t pos)
{
    const std::string_view rest = m_src.substr(pos);
    int base = 10;
    if (rest.size() > 2 && rest[0] == '0' && std::string_view("xXoObB").find(rest[1]) != std::string_view::npos) {
        base = (rest[1] == 'x' || rest[1] == 'X') ? 16 : (rest[1] == 'o' || rest[1] == 'O') ? 8 : 2;
    }
    std::size_t end = pos + (base == 10 ? 0 : 2);
    std::string digits;
    bool is_float = false;
    const auto take_digits = [&] {
        while (end < m_src.size() && (std::isxdigit(static_cast<unsigned char>(m_src[end])) != 0 || m_src[end] == '_')) {
            if (base == 10 && std::isdigit(static_cast<unsigned char>(m_src[end])) == 0 && m_src[end] != '_') {
                break;
            }
            if (m_src[end] != '_') {
                digits += m_src[end];
            }
            ++end;
        }
    };
    take_digits();
    if (base == 10 && end + 1 < m_src.size() && m_src[end] == '.' && std::isdigit(static_cast<unsigned char>(m_src[end + 1])) != 0) {
        is_float = true;
        digits += m_src[end++];
        take_digits();
    }
    if (base == 10 && end < m_src.size() && (m_src[end] == 'e' || m_src[end] == 'E')) {
        std::size_t e = end + 1;
        if (e < m_src.size() && (m_src[e] == '+' || m_src[e] == '-')) {
            ++e;
        }
        if (e < m_src.size() && std::isdigit(static_cast<unsigned char>(m_src[e])) != 0) {
            is_float = true;
            digits += 'e';
            digits += m_src.substr(end + 1, e - end - 1);
            end = e;
            take_digits();
        }
    }
    m_tokens.push_back(base != 10 ? SCSCTL_TRY(radix_literal(digits, base))
                                  : Token{is_float ? TokenKind::floating : TokenKind::integer, digits});
    return end;
}

} // namespace

core::Result<std::vector<Token>> lex_template(std::string_view source, const LexOptions& options)
{
    if (source.ends_with("\r\n")) {
        source.remove_suffix(2);
    } else if (source.ends_with('\n')) {
        source.remove_suffix(1);
    }
    Lexer lexer(source, options);
    return lexer.run();
}

} // namespace scsctl::vars
