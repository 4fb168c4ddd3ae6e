// Python `re` pattern and replacement syntax, rewritten for PCRE2 (see translate.hpp).
// Depends on core only; no PCRE2 here so the rules are testable as plain strings.
#include "regex/translate.hpp"

#include <cctype>

namespace scsctl::regex {

namespace {

core::Error bad(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

bool is_hex(char c)
{
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

bool is_octal(char c)
{
    return c >= '0' && c <= '7';
}

/// `\x`, `\u`, `\U` followed by exactly `width` hex digits become `\x{...}`.
core::Result<std::size_t> hex_escape(std::string_view pattern, std::size_t i, std::size_t width, std::string& out)
{
    if (i + width >= pattern.size()) {
        return core::fail(bad("incomplete escape \\" + std::string(1, pattern[i]) + " at position " +
                              std::to_string(i - 1)));
    }
    const std::string_view digits = pattern.substr(i + 1, width);
    for (const char c : digits) {
        if (!is_hex(c)) {
            return core::fail(bad("incomplete escape \\" + std::string(1, pattern[i]) + " at position " +
                                  std::to_string(i - 1)));
        }
    }
    out += "\\x{";
    out += digits;
    out += '}';
    return i + width;
}

/// Handles the escape whose letter is at `i` (after the backslash); returns the index of
/// the last character consumed.
core::Result<std::size_t> escape(std::string_view pattern, std::size_t i, bool in_class, std::string& out)
{
    const char next = pattern[i];
    switch (next) {
    case 'x':
        return hex_escape(pattern, i, 2, out);
    case 'u':
        return hex_escape(pattern, i, 4, out);
    case 'U':
        return hex_escape(pattern, i, 8, out);
    case 'Z':
        out += in_class ? "\\Z" : "\\z";
        return i;
    case 'z':
    case 'e':
    case 'c':
    case 'K':
    case 'R':
    case 'h':
    case 'H':
    case 'X':
    case 'p':
    case 'P':
    case 'Q':
    case 'E':
    case 'G':
    case 'N':
    case 'o':
    case 'k':
    case 'g':
        return core::fail(bad("bad escape \\" + std::string(1, next) + " at position " + std::to_string(i - 1)));
    default:
        out += '\\';
        out += next;
        return i;
    }
}

/// Outside a class: the Python group spellings PCRE2 reads differently. Returns how many
/// characters of `pattern` from `i` were consumed (0 when nothing was rewritten).
std::size_t group_syntax(std::string_view pattern, std::size_t i, std::string& out)
{
    const std::string_view rest = pattern.substr(i);
    if (rest.starts_with("(?P<")) {
        out += "(?<";
        return 4;
    }
    if (rest.starts_with("(?P=")) {
        const std::size_t close = rest.find(')');
        if (close != std::string_view::npos) {
            out += "\\k<";
            out += rest.substr(4, close - 4);
            out += '>';
            return close + 1;
        }
    }
    if (rest.starts_with("{,")) {
        std::size_t j = 2;
        while (j < rest.size() && std::isdigit(static_cast<unsigned char>(rest[j])) != 0) {
            ++j;
        }
        if (j > 2 && j < rest.size() && rest[j] == '}') {
            out += "{0,";
            return 2;
        }
    }
    return 0;
}

} // namespace

core::Result<std::string> translate_pattern(std::string_view pattern)
{
    std::string out;
    out.reserve(pattern.size() + 8);
    bool in_class = false;
    std::size_t class_start = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\') {
            if (i + 1 >= pattern.size()) {
                return core::fail(bad("bad escape (end of pattern) at position " + std::to_string(i)));
            }
            i = SCSCTL_TRY(escape(pattern, i + 1, in_class, out));
            continue;
        }
        if (!in_class) {
            if (const std::size_t used = group_syntax(pattern, i, out); used > 0) {
                i += used - 1;
                continue;
            }
            if (c == '[') {
                in_class = true;
                class_start = i + 1;
                if (class_start < pattern.size() && pattern[class_start] == '^') {
                    ++class_start;
                }
            }
            out += c;
            continue;
        }
        if (c == ']' && i != class_start) {
            in_class = false;
        }
        out += (c == '[') ? std::string("\\[") : std::string(1, c);
    }
    return out;
}

namespace {

char simple_escape(char c)
{
    switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'f': return '\f';
    case 'v': return '\v';
    case 'a': return '\a';
    case 'b': return '\b';
    case '\\': return '\\';
    default: return 0;
    }
}

/// `\g<...>` at `i` (pointing at 'g'); returns the index of the closing '>'.
core::Result<std::size_t> named_ref(std::string_view text, std::size_t i, std::vector<ReplacementPart>& parts)
{
    if (i + 1 >= text.size() || text[i + 1] != '<') {
        return core::fail(bad("missing < at position " + std::to_string(i + 1)));
    }
    const std::size_t close = text.find('>', i + 2);
    if (close == std::string_view::npos) {
        return core::fail(bad("missing >, unterminated name at position " + std::to_string(i + 2)));
    }
    const std::string name(text.substr(i + 2, close - i - 2));
    if (name.empty()) {
        return core::fail(bad("missing group name at position " + std::to_string(i + 2)));
    }
    bool numeric = true;
    for (const char c : name) {
        numeric = numeric && std::isdigit(static_cast<unsigned char>(c)) != 0;
    }
    if (numeric) {
        if (name.size() > 6) {
            return core::fail(bad("invalid group reference " + name));
        }
        parts.emplace_back(GroupRef{static_cast<std::size_t>(std::stoul(name)), {}});
    } else {
        parts.emplace_back(GroupRef{0, name});
    }
    return close;
}

/// A backslash followed by a digit at `i`: an octal character or a group number.
std::size_t digit_ref(std::string_view text, std::size_t i, std::vector<ReplacementPart>& parts, std::string& literal)
{
    const auto at = [&](std::size_t k) { return k < text.size() ? text[k] : '\0'; };
    if (text[i] == '0') {
        std::size_t j = i + 1;
        unsigned value = 0;
        while (j < text.size() && j < i + 3 && is_octal(text[j])) {
            value = value * 8 + static_cast<unsigned>(text[j] - '0');
            ++j;
        }
        literal += static_cast<char>(value);
        return j - 1;
    }
    if (is_octal(text[i]) && is_octal(at(i + 1)) && is_octal(at(i + 2))) {
        const unsigned value = static_cast<unsigned>((text[i] - '0') * 64 + (text[i + 1] - '0') * 8 + (text[i + 2] - '0'));
        literal += static_cast<char>(value & 0xff);
        return i + 2;
    }
    std::size_t number = static_cast<std::size_t>(text[i] - '0');
    std::size_t last = i;
    if (std::isdigit(static_cast<unsigned char>(at(i + 1))) != 0) {
        number = number * 10 + static_cast<std::size_t>(text[i + 1] - '0');
        last = i + 1;
    }
    if (!literal.empty()) {
        parts.emplace_back(std::move(literal));
        literal.clear();
    }
    parts.emplace_back(GroupRef{number, {}});
    return last;
}

} // namespace

core::Result<std::vector<ReplacementPart>> parse_replacement(std::string_view text)
{
    std::vector<ReplacementPart> parts;
    std::string literal;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 >= text.size()) {
            literal += text[i];
            continue;
        }
        const char next = text[++i];
        if (next == 'g') {
            if (!literal.empty()) {
                parts.emplace_back(std::move(literal));
                literal.clear();
            }
            i = SCSCTL_TRY(named_ref(text, i, parts));
        } else if (std::isdigit(static_cast<unsigned char>(next)) != 0) {
            i = digit_ref(text, i, parts, literal);
        } else if (const char c = simple_escape(next); c != 0) {
            literal += c;
        } else if (std::isalpha(static_cast<unsigned char>(next)) != 0) {
            return core::fail(bad("bad escape \\" + std::string(1, next) + " at position " + std::to_string(i - 1)));
        } else {
            literal += '\\';
            literal += next;
        }
    }
    if (!literal.empty()) {
        parts.emplace_back(std::move(literal));
    }
    return parts;
}

} // namespace scsctl::regex
