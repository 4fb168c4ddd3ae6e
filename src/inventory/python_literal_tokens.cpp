// Number and string tokens of Python 3.11 source, as its tokenizer accepts them.
// Owns lexing only; the grammar lives in python_literal.cpp. Depends on core/value only.
#include "inventory/python_literal_tokens.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <limits>

namespace scsctl::inventory::literal_detail {

namespace {

constexpr std::size_t k_max_decimal_digits = 4300; // sys.get_int_max_str_digits()

bool is_dec(char c)
{
    return c >= '0' && c <= '9';
}

int digit_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 10;
    }
    return 99;
}

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Consumes `digit (['_'] digit)*` at `i` for digits below `base`; false if none is there.
bool digit_part(std::string_view text, std::size_t& i, int base)
{
    auto is_digit = [&](std::size_t at) { return at < text.size() && digit_value(text[at]) < base; };
    if (!is_digit(i)) {
        return false;
    }
    ++i;
    while (true) {
        if (is_digit(i)) {
            ++i;
        } else if (i < text.size() && text[i] == '_' && is_digit(i + 1)) {
            i += 2;
        } else {
            return true;
        }
    }
}

/// The integer written by `digits` (underscores skipped) in `base`, or nullopt beyond uint64.
std::optional<std::uint64_t> integer_value(std::string_view digits, int base)
{
    unsigned __int128 value = 0;
    for (char c : digits) {
        if (c == '_') {
            continue;
        }
        value = value * static_cast<unsigned>(base) + static_cast<unsigned>(digit_value(c));
        if (value > std::numeric_limits<std::uint64_t>::max()) {
            return std::nullopt;
        }
    }
    return static_cast<std::uint64_t>(value);
}

NumberToken integer_token(std::string_view source, std::string_view digits, int base)
{
    NumberToken token;
    const auto value = integer_value(digits, base);
    if (!value) {
        token.type = NumberType::big_integer;
        token.value = std::string(source);
    } else if (*value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        token.value = static_cast<std::int64_t>(*value);
    } else {
        token.value = *value;
    }
    return token;
}

double float_value(std::string_view source)
{
    std::string clean;
    for (char c : source) {
        if (c != '_' && c != 'j' && c != 'J') {
            clean += c;
        }
    }
    double value = 0.0;
    const auto [end, ec] = std::from_chars(clean.data(), clean.data() + clean.size(), value);
    if (ec == std::errc::result_out_of_range) {
        return std::strtod(clean.c_str(), nullptr); // inf on overflow, as Python; 0 or subnormal below
    }
    return value;
}

void append_utf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// Exactly `count` hex digits at `i`, or nullopt.
std::optional<std::uint32_t> fixed_hex(std::string_view text, std::size_t i, std::size_t count)
{
    if (i + count > text.size()) {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    for (std::size_t k = 0; k < count; ++k) {
        const int d = digit_value(text[i + k]);
        if (d >= 16) {
            return std::nullopt;
        }
        value = value * 16 + static_cast<std::uint32_t>(d);
    }
    return value;
}

void append_code_point(StringToken& token, std::uint32_t cp)
{
    if (token.bytes) {
        token.value += static_cast<char>(cp & 0xFF);
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
        token.unsupported = true;
        append_utf8(token.value, 0xFFFD);
    } else {
        append_utf8(token.value, cp);
    }
}

/// One escape sequence at text[i] == '\\' of a non-raw literal; advances `i`. False on SyntaxError.
bool lex_escape(std::string_view text, std::size_t& i, StringToken& token)
{
    static constexpr std::string_view k_simple_from = "\\'\"abfnrtv";
    static constexpr std::string_view k_simple_to = "\\'\"\a\b\f\n\r\t\v";
    const char e = text[i + 1];
    if (e == '\n') {
        i += 2;
        return true;
    }
    if (const auto at = k_simple_from.find(e); at != std::string_view::npos) {
        token.value += k_simple_to[at];
        i += 2;
        return true;
    }
    if (e >= '0' && e <= '7') {
        std::uint32_t value = 0;
        std::size_t k = i + 1;
        for (; k < text.size() && k < i + 4 && text[k] >= '0' && text[k] <= '7'; ++k) {
            value = value * 8 + static_cast<std::uint32_t>(text[k] - '0');
        }
        append_code_point(token, value);
        i = k;
        return true;
    }
    const std::size_t width = e == 'x' ? 2 : (!token.bytes && e == 'u') ? 4 : (!token.bytes && e == 'U') ? 8 : 0;
    if (width != 0) {
        const auto value = fixed_hex(text, i + 2, width);
        if (!value || *value > 0x10FFFF) {
            return false;
        }
        append_code_point(token, *value);
        i += 2 + width;
        return true;
    }
    if (!token.bytes && e == 'N') {
        const auto close = text.find('}', i + 2);
        if (i + 2 >= text.size() || text[i + 2] != '{' || close == std::string_view::npos || close == i + 3) {
            return false;
        }
        token.unsupported = true; // the Unicode name database is not available here
        i = close + 1;
        return true;
    }
    token.value += '\\'; // unknown escapes keep the backslash
    i += 1;
    return true;
}

} // namespace

bool is_identifier_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_dec(c) || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

std::optional<NumberToken> lex_number(std::string_view text, std::size_t& pos)
{
    std::size_t i = pos;
    if (text[i] == '0' && i + 1 < text.size() && std::string_view("xXoObB").find(text[i + 1]) != std::string_view::npos) {
        const char kind = lower(text[i + 1]);
        const int base = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
        i += 2;
        const std::size_t digits_start = i;
        if (i < text.size() && text[i] == '_') {
            ++i;
        }
        if (!digit_part(text, i, base) || (i < text.size() && is_identifier_char(text[i]))) {
            return std::nullopt;
        }
        NumberToken token = integer_token(text.substr(pos, i - pos), text.substr(digits_start, i - digits_start), base);
        pos = i;
        return token;
    }
    const bool has_int = digit_part(text, i, 10);
    bool is_float = false;
    if (i < text.size() && text[i] == '.') {
        ++i;
        is_float = true;
        digit_part(text, i, 10);
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
            ++i;
        }
        if (!digit_part(text, i, 10)) {
            return std::nullopt;
        }
        is_float = true;
    }
    const bool imaginary = i < text.size() && (text[i] == 'j' || text[i] == 'J');
    if (imaginary) {
        ++i;
    }
    if ((!has_int && !is_float) || (i < text.size() && is_identifier_char(text[i]))) {
        return std::nullopt;
    }
    const std::string_view source = text.substr(pos, i - pos);
    NumberToken token;
    if (imaginary) {
        token.type = NumberType::imaginary;
    } else if (is_float) {
        token.type = NumberType::floating;
        token.value = float_value(source);
    } else {
        const bool leading_zero = source.size() > 1 && source[0] == '0' &&
                                  source.find_first_not_of("0_") != std::string_view::npos;
        if (leading_zero || source.size() > k_max_decimal_digits * 2) {
            return std::nullopt;
        }
        const auto digits = static_cast<std::size_t>(std::count_if(source.begin(), source.end(), is_dec));
        if (digits > k_max_decimal_digits) {
            return std::nullopt;
        }
        token = integer_token(source, source, 10);
    }
    pos = i;
    return token;
}

bool starts_string(std::string_view text, std::size_t pos)
{
    std::size_t i = pos;
    std::string prefix;
    while (i < text.size() && prefix.size() < 3 && std::string_view("rRbBuUfF").find(text[i]) != std::string_view::npos) {
        prefix += lower(text[i]);
        ++i;
    }
    if (i >= text.size() || (text[i] != '\'' && text[i] != '"')) {
        return false;
    }
    static constexpr std::string_view k_prefixes[] = {"", "r", "u", "b", "br", "rb", "f", "fr", "rf"};
    for (std::string_view valid : k_prefixes) {
        if (prefix == valid) {
            return true;
        }
    }
    return false;
}

std::optional<StringToken> lex_string(std::string_view text, std::size_t& pos)
{
    StringToken token;
    bool raw = false;
    std::size_t i = pos;
    for (; text[i] != '\'' && text[i] != '"'; ++i) {
        const char p = lower(text[i]);
        raw = raw || p == 'r';
        token.bytes = token.bytes || p == 'b';
        token.fstring = token.fstring || p == 'f';
    }
    const char quote = text[i];
    const bool triple = text.substr(i, 3) == std::string(3, quote);
    i += triple ? 3 : 1;
    while (true) {
        if (i >= text.size()) {
            return std::nullopt;
        }
        const char c = text[i];
        if (c == quote && (!triple || text.substr(i, 3) == std::string(3, quote))) {
            i += triple ? 3 : 1;
            break;
        }
        if (!triple && (c == '\n' || c == '\r')) {
            return std::nullopt;
        }
        if (token.bytes && static_cast<unsigned char>(c) >= 0x80) {
            return std::nullopt;
        }
        if (c != '\\') {
            token.value += c;
            ++i;
        } else if (i + 1 >= text.size()) {
            return std::nullopt;
        } else if (raw) {
            if (token.bytes && static_cast<unsigned char>(text[i + 1]) >= 0x80) {
                return std::nullopt;
            }
            token.value += text.substr(i, 2);
            i += 2;
        } else if (!lex_escape(text, i, token)) {
            return std::nullopt;
        }
    }
    pos = i;
    return token;
}

} // namespace scsctl::inventory::literal_detail
