// literal_eval and the native-type rule of ansible-core 2.14 (jinja2_native off).
// Verified against ansible-core 2.14.18 (set_fact + type_debug):
//   "{{ 1 + 1 }}" -> str '2'; "{{ 1.5 }}" -> str; "{{ true }}" -> bool; "{{ 'True' }}" -> bool;
//   "{{ 'yes' }}" / "{{ 'None' }}" -> str; "{{ lst }}" -> list; "[{{ 1 }}, 2]" -> list;
//   " {{ lst }}" (leading space) -> str; "{{ lst }} " -> list; "{{ '{' }}" -> str;
//   "{{ {1: 'a'} }}" -> dict with key "1"; "{{ none }}" -> '' ; "a{{ nonev }}b" -> "ab";
//   "{{ var }}" alone where var is an int/bool/None -> that value unchanged (Templar's
//   single-variable shortcut), while "{{ var }}" where var holds "{{ 0 }}" -> str '0'.
// Depends on core and python_format.
#include "vars/native_types.hpp"

#include <charconv>
#include <cstdlib>

#include "vars/python_format.hpp"

namespace scsctl::vars {

namespace {

class LiteralParser {
public:
    explicit LiteralParser(std::string_view text) : m_s(text) {}

    std::optional<core::Value> parse()
    {
        auto v = value(0);
        skip();
        if (!v || m_i != m_s.size()) {
            return std::nullopt;
        }
        return v;
    }

private:
    void skip()
    {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n' || m_s[m_i] == '\r')) {
            ++m_i;
        }
    }
    bool eat(char c)
    {
        skip();
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }

    std::optional<core::Value> value(int depth);
    std::optional<core::Value> sequence(char close, int depth);
    std::optional<core::Value> mapping(int depth);
    std::optional<core::Value> string();
    std::optional<core::Value> number();

    std::string_view m_s;
    std::size_t m_i = 0;
};

std::optional<core::Value> LiteralParser::value(int depth)
{
    skip();
    if (depth > 100 || m_i >= m_s.size()) {
        return std::nullopt;
    }
    const char c = m_s[m_i];
    if (c == '[' || c == '(') {
        ++m_i;
        return sequence(c == '[' ? ']' : ')', depth);
    }
    if (c == '{') {
        ++m_i;
        return mapping(depth);
    }
    if (c == '\'' || c == '"') {
        std::string text;
        while (m_i < m_s.size() && (m_s[m_i] == '\'' || m_s[m_i] == '"')) {
            auto part = string();
            if (!part) {
                return std::nullopt;
            }
            text += part->get<std::string>();
            skip();
        }
        return core::Value(text);
    }
    for (const auto& [word, v] : {std::pair<std::string_view, core::Value>{"True", true}, {"False", false}, {"None", nullptr}}) {
        if (m_s.substr(m_i).starts_with(word)) {
            m_i += word.size();
            return v;
        }
    }
    return number();
}

std::optional<core::Value> LiteralParser::sequence(char close, int depth)
{
    core::Value out = core::Value::array();
    while (!eat(close)) {
        if (!out.empty() && !eat(',')) {
            return std::nullopt;
        }
        if (eat(close)) {
            break;
        }
        auto v = value(depth + 1);
        if (!v) {
            return std::nullopt;
        }
        out.push_back(std::move(*v));
    }
    return out;
}

std::optional<core::Value> LiteralParser::mapping(int depth)
{
    core::Value out = core::Value::object();
    bool first = true;
    while (!eat('}')) {
        if (!first && !eat(',')) {
            return std::nullopt;
        }
        first = false;
        if (eat('}')) {
            break;
        }
        auto key = value(depth + 1);
        if (!key || key->is_array() || key->is_object() || !eat(':')) {
            return std::nullopt;
        }
        auto v = value(depth + 1);
        if (!v) {
            return std::nullopt;
        }
        out[key->is_string() ? key->get<std::string>() : python_str(*key)] = std::move(*v);
    }
    return out;
}

std::optional<core::Value> LiteralParser::string()
{
    const char quote = m_s[m_i++];
    std::string out;
    while (m_i < m_s.size() && m_s[m_i] != quote) {
        char c = m_s[m_i++];
        if (c == '\\' && m_i < m_s.size()) {
            const char e = m_s[m_i++];
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case '0': c = '\0'; break;
            case '\\': case '\'': case '"': c = e; break;
            case 'x':
                if (m_i + 2 <= m_s.size()) {
                    c = static_cast<char>(std::strtol(std::string(m_s.substr(m_i, 2)).c_str(), nullptr, 16));
                    m_i += 2;
                }
                break;
            default: out += '\\'; c = e; break;
            }
        }
        out += c;
    }
    if (m_i >= m_s.size()) {
        return std::nullopt;
    }
    ++m_i;
    return core::Value(out);
}

std::optional<core::Value> LiteralParser::number()
{
    const std::size_t start = m_i;
    if (m_i < m_s.size() && (m_s[m_i] == '-' || m_s[m_i] == '+')) {
        ++m_i;
    }
    bool is_float = false;
    while (m_i < m_s.size() && (std::isdigit(static_cast<unsigned char>(m_s[m_i])) != 0 || m_s[m_i] == '.' ||
                                m_s[m_i] == 'e' || m_s[m_i] == 'E' ||
                                ((m_s[m_i] == '-' || m_s[m_i] == '+') && (m_s[m_i - 1] == 'e' || m_s[m_i - 1] == 'E')))) {
        is_float = is_float || !std::isdigit(static_cast<unsigned char>(m_s[m_i]));
        ++m_i;
    }
    const std::string text(m_s.substr(start, m_i - start));
    if (text.empty() || text == "-" || text == "+") {
        return std::nullopt;
    }
    if (!is_float) {
        std::int64_t v = 0;
        const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
        const auto [ptr, ec] = std::from_chars(begin, text.data() + text.size(), v);
        if (ec == std::errc() && ptr == text.data() + text.size()) {
            return core::Value(v);
        }
    }
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) {
        return std::nullopt;
    }
    return core::Value(d);
}

} // namespace

std::optional<core::Value> literal_eval(std::string_view text)
{
    return LiteralParser(text).parse();
}

core::Value native_from_text(std::string text)
{
    if (text.starts_with('{') || text.starts_with('[') || text == "True" || text == "False") {
        if (auto v = literal_eval(text)) {
            return std::move(*v);
        }
    }
    return core::Value(std::move(text));
}

} // namespace scsctl::vars
