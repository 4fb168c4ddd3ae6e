// YAML 1.1 and JSON numbers: the resolver regexes written out by hand, and PyYAML's
// constructors with Python's int()/float() rules.
#include "yaml/number.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace scsctl::yaml {

namespace {

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

template <typename Pred>
bool all_of(std::string_view text, Pred pred)
{
    for (char c : text) {
        if (!pred(c)) {
            return false;
        }
    }
    return true;
}

std::string_view drop_sign(std::string_view text)
{
    return !text.empty() && (text[0] == '+' || text[0] == '-') ? text.substr(1) : text;
}

bool digits_or_underscore(std::string_view text)
{
    return all_of(text, [](char c) { return is_digit(c) || c == '_'; });
}

/// `(?::[0-5]?[0-9])+` over `text` (which starts with ':').
bool sexagesimal_tail(std::string_view text)
{
    if (text.empty()) {
        return false;
    }
    while (!text.empty()) {
        if (text[0] != ':') {
            return false;
        }
        text.remove_prefix(1);
        std::size_t n = 0;
        while (n < text.size() && n < 2 && is_digit(text[n])) {
            ++n;
        }
        if (n == 0 || (n == 2 && text[0] > '5')) {
            return false;
        }
        text.remove_prefix(n);
    }
    return true;
}

/// `[0-9][0-9_]*` as a prefix: its length, or 0.
std::size_t leading_number(std::string_view text, bool nonzero_first)
{
    if (text.empty() || !is_digit(text[0]) || (nonzero_first && text[0] == '0')) {
        return 0;
    }
    std::size_t n = 1;
    while (n < text.size() && (is_digit(text[n]) || text[n] == '_')) {
        ++n;
    }
    return n;
}

/// `[eE][-+][0-9]+` or nothing.
bool yaml11_exponent(std::string_view text)
{
    if (text.empty()) {
        return true;
    }
    return text.size() >= 3 && (text[0] == 'e' || text[0] == 'E') && (text[1] == '+' || text[1] == '-') &&
           all_of(text.substr(2), is_digit);
}

struct Magnitude {
    std::uint64_t value = 0;
    double approx = 0.0;
    bool overflow = false;

    void push(unsigned base, unsigned digit)
    {
        approx = approx * base + digit;
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / base) {
            overflow = true;
        }
        value = value * base + digit;
    }
};

core::Value signed_value(bool negative, const Magnitude& m)
{
    constexpr auto k_max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (m.overflow) {
        return core::Value(negative ? -m.approx : m.approx);
    }
    if (!negative) {
        return m.value <= k_max ? core::Value(static_cast<std::int64_t>(m.value)) : core::Value(m.value);
    }
    if (m.value <= k_max + 1) {
        return core::Value(static_cast<std::int64_t>(0 - m.value));
    }
    return core::Value(-m.approx);
}

/// Python's int(text, base) on a non-empty string of digits (underscores already removed).
bool parse_digits(std::string_view text, unsigned base, Magnitude& out)
{
    if (text.empty()) {
        return false;
    }
    for (char c : text) {
        unsigned digit = 0;
        if (is_digit(c)) {
            digit = static_cast<unsigned>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<unsigned>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = static_cast<unsigned>(c - 'A' + 10);
        } else {
            return false;
        }
        if (digit >= base) {
            return false;
        }
        out.push(base, digit);
    }
    return true;
}

bool parse_sexagesimal(std::string_view text, Magnitude& out)
{
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(':', start), text.size());
        Magnitude part;
        if (!parse_digits(text.substr(start, end - start), 10, part) || part.overflow) {
            return false;
        }
        Magnitude next;
        next.approx = out.approx * 60 + part.approx;
        next.overflow = out.overflow || out.value > (std::numeric_limits<std::uint64_t>::max() - part.value) / 60;
        next.value = out.value * 60 + part.value;
        out = next;
        start = end + 1;
    }
    return true;
}

bool parse_double(std::string_view text, double& out)
{
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

} // namespace

bool is_yaml11_int(std::string_view text)
{
    const std::string_view body = drop_sign(text);
    if (body.empty()) {
        return false;
    }
    if (body.starts_with("0b") && body.size() > 2) {
        return all_of(body.substr(2), [](char c) { return c == '0' || c == '1' || c == '_'; });
    }
    if (body.starts_with("0x") && body.size() > 2) {
        return all_of(body.substr(2), [](char c) { return is_hex(c) || c == '_'; });
    }
    if (body[0] == '0') {
        return body.size() == 1 || all_of(body.substr(1), [](char c) { return (c >= '0' && c <= '7') || c == '_'; });
    }
    const std::size_t lead = leading_number(body, true);
    if (lead == 0) {
        return false;
    }
    return lead == body.size() || sexagesimal_tail(body.substr(lead));
}

bool is_yaml11_float(std::string_view text)
{
    if (text == ".nan" || text == ".NaN" || text == ".NAN") {
        return true;
    }
    const std::string_view body = drop_sign(text);
    if (body == ".inf" || body == ".Inf" || body == ".INF") {
        return true;
    }
    if (text.starts_with(".")) { // `\.[0-9][0-9_]*(exp)?`: no sign allowed
        const std::size_t lead = leading_number(text.substr(1), false);
        return lead > 0 && yaml11_exponent(text.substr(1 + lead));
    }
    const std::size_t lead = leading_number(body, false);
    if (lead == 0) {
        return false;
    }
    std::string_view rest = body.substr(lead);
    if (rest.starts_with(".")) {
        rest.remove_prefix(1);
        std::size_t n = 0;
        while (n < rest.size() && (is_digit(rest[n]) || rest[n] == '_')) {
            ++n;
        }
        return yaml11_exponent(rest.substr(n));
    }
    // Sexagesimal: [0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
    const std::size_t dot = rest.find('.');
    return dot != std::string_view::npos && sexagesimal_tail(rest.substr(0, dot)) &&
           digits_or_underscore(rest.substr(dot + 1));
}

bool is_json_number(std::string_view text)
{
    std::string_view body = text.starts_with("-") ? text.substr(1) : text;
    std::size_t n = 0;
    while (n < body.size() && is_digit(body[n])) {
        ++n;
    }
    if (n == 0 || (n > 1 && body[0] == '0')) {
        return false;
    }
    body.remove_prefix(n);
    if (body.starts_with(".")) {
        body.remove_prefix(1);
        n = 0;
        while (n < body.size() && is_digit(body[n])) {
            ++n;
        }
        if (n == 0) {
            return false;
        }
        body.remove_prefix(n);
    }
    if (body.starts_with("e") || body.starts_with("E")) {
        body.remove_prefix(1);
        if (body.starts_with("+") || body.starts_with("-")) {
            body.remove_prefix(1);
        }
        return !body.empty() && all_of(body, is_digit);
    }
    return body.empty();
}

ScalarResult construct_int(std::string_view text)
{
    std::string value;
    for (char c : text) {
        if (c != '_') {
            value.push_back(c);
        }
    }
    const bool negative = value.starts_with("-");
    const std::string_view body = drop_sign(value);
    Magnitude m;
    bool ok = false;
    if (body.starts_with("0b")) {
        ok = parse_digits(body.substr(2), 2, m);
    } else if (body.starts_with("0x")) {
        ok = parse_digits(body.substr(2), 16, m);
    } else if (body.starts_with("0o") || body.starts_with("0O")) {
        ok = parse_digits(body.substr(2), 8, m); // Python's int(text, 8) takes the 0o prefix
    } else if (body.starts_with("0")) {
        ok = parse_digits(body, 8, m);
    } else if (body.find(':') != std::string_view::npos) {
        ok = parse_sexagesimal(body, m);
    } else {
        ok = parse_digits(body, 10, m);
    }
    if (!ok) {
        return std::unexpected("invalid integer '" + std::string(text) + "'");
    }
    return signed_value(negative, m);
}

ScalarResult construct_float(std::string_view text)
{
    std::string value;
    for (char c : text) {
        if (c != '_') {
            value.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        }
    }
    const double sign = value.starts_with("-") ? -1.0 : 1.0;
    const std::string_view body = drop_sign(value);
    if (body == ".inf") {
        return core::Value(sign * std::numeric_limits<double>::infinity());
    }
    if (body == ".nan") {
        return core::Value(std::numeric_limits<double>::quiet_NaN());
    }
    double result = 0.0;
    bool ok = !body.empty() && body[0] != '+' && body[0] != '-';
    if (ok && body.find(':') != std::string_view::npos) {
        std::size_t start = 0;
        while (ok && start <= body.size()) {
            const std::size_t end = std::min(body.find(':', start), body.size());
            double part = 0.0;
            ok = parse_double(body.substr(start, end - start), part);
            result = result * 60 + part;
            start = end + 1;
        }
    } else if (ok) {
        ok = parse_double(body, result);
    }
    if (!ok) {
        return std::unexpected("invalid float '" + std::string(text) + "'");
    }
    return core::Value(sign * result);
}

} // namespace scsctl::yaml
