// Python-compatible text forms of values (float repr, str/repr, json.dumps).
// Must not depend on the inventory model: values only.
#include "inventory/render_python.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace scsctl::inventory {

namespace {

/// Decodes the UTF-8 sequence at `text[i]` (input is valid UTF-8) and advances `i`.
char32_t next_code_point(const std::string& text, std::size_t& i)
{
    const auto byte = static_cast<unsigned char>(text[i]);
    int length = byte < 0x80 ? 1 : (byte & 0xE0) == 0xC0 ? 2 : (byte & 0xF0) == 0xE0 ? 3 : 4;
    char32_t cp = length == 1 ? byte : length == 2 ? (byte & 0x1F) : length == 3 ? (byte & 0x0F) : (byte & 0x07);
    for (int k = 1; k < length && i + k < text.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += static_cast<std::size_t>(length);
    return cp;
}

/// Python's str.isprintable for one character, without the unassigned code points.
bool is_printable(char32_t c)
{
    if (c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD) {
        return false;
    }
    if ((c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F || c == 0x180E || c == 0x1680) {
        return false;
    }
    if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F)) {
        return false;
    }
    if (c == 0x3000 || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) || (c >= 0xE000 && c <= 0xF8FF)) {
        return false;
    }
    return c < 0xE0000 || (c > 0xE007F && c < 0xF0000);
}

std::string hex_escape(char32_t c)
{
    char buffer[16];
    if (c < 0x100) {
        std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned>(c));
    } else if (c < 0x10000) {
        std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
    } else {
        std::snprintf(buffer, sizeof buffer, "\\U%08x", static_cast<unsigned>(c));
    }
    return buffer;
}

/// Appends `text` as a JSON string (ensure_ascii=False: only quotes, backslashes and
/// control characters are escaped), copying runs of plain bytes at once.
void append_json_string(const std::string& text, std::string& out)
{
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(text, run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
            out += buffer;
        }
        }
    }
    out.append(text, run, text.size() - run);
    out += '"';
}

void append_json_number(const core::Value& value, std::string& out)
{
    if (value.is_number_float()) {
        const double number = value.get<double>();
        if (std::isnan(number)) {
            out += "NaN";
        } else if (std::isinf(number)) {
            out += number > 0 ? "Infinity" : "-Infinity";
        } else {
            out += python_float_repr(number);
        }
        return;
    }
    char buffer[32];
    const auto [end, ec] = value.is_number_unsigned()
                               ? std::to_chars(buffer, buffer + sizeof buffer, value.get<std::uint64_t>())
                               : std::to_chars(buffer, buffer + sizeof buffer, value.get<std::int64_t>());
    out.append(buffer, ec == std::errc() ? end : buffer);
}

void append_object(const core::Value& value, int indent, std::string& out)
{
    // sort_keys=True. Keep pointers to the members: looking keys up again in an
    // ordered_json is linear, which would make a 10,000-host document quadratic.
    std::vector<std::pair<const std::string*, const core::Value*>> members;
    members.reserve(value.size());
    for (const auto& [key, member] : value.get_ref<const core::Value::object_t&>()) {
        members.emplace_back(&key, &member);
    }
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
    out += "{\n";
    for (std::size_t i = 0; i < members.size(); ++i) {
        out.append(static_cast<std::size_t>(indent + 4), ' ');
        append_json_string(*members[i].first, out);
        out += ": ";
        append_python_json(*members[i].second, indent + 4, out);
        out += i + 1 < members.size() ? ",\n" : "\n";
    }
    out.append(static_cast<std::size_t>(indent), ' ');
    out += '}';
}

void append_array(const core::Value& value, int indent, std::string& out)
{
    out += "[\n";
    const std::size_t size = value.size();
    for (std::size_t i = 0; i < size; ++i) {
        out.append(static_cast<std::size_t>(indent + 4), ' ');
        append_python_json(value[i], indent + 4, out);
        out += i + 1 < size ? ",\n" : "\n";
    }
    out.append(static_cast<std::size_t>(indent), ' ');
    out += ']';
}

} // namespace

std::string python_float_repr(double value)
{
    if (std::isnan(value)) {
        return "nan";
    }
    if (std::isinf(value)) {
        return value > 0 ? "inf" : "-inf";
    }
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const std::string scientific(buffer, ec == std::errc() ? end : buffer);
    // "-d.ddde+XX": split sign, digits and exponent.
    const bool negative = scientific.starts_with('-');
    const auto e = scientific.find('e');
    std::string digits;
    for (char c : scientific.substr(negative ? 1 : 0, e - (negative ? 1 : 0))) {
        if (c != '.') {
            digits += c;
        }
    }
    const int exponent = std::stoi(scientific.substr(e + 1));
    const int point = exponent + 1; // digits before the decimal point
    std::string out = negative ? "-" : "";
    if (point > 16 || point < -3) {
        out += digits.substr(0, 1);
        if (digits.size() > 1) {
            out += "." + digits.substr(1);
        }
        char tail[16];
        std::snprintf(tail, sizeof tail, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        return out + tail;
    }
    if (point <= 0) {
        return out + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    }
    if (static_cast<std::size_t>(point) >= digits.size()) {
        return out + digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0') + ".0";
    }
    return out + digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
}

std::string python_string_repr(const std::string& text)
{
    const bool has_single = text.find('\'') != std::string::npos;
    const bool has_double = text.find('"') != std::string::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const char32_t c = next_code_point(text, i);
        if (c == '\\' || c == static_cast<char32_t>(quote)) {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (!is_printable(c)) {
            out += hex_escape(c);
        } else {
            out.append(text, start, i - start);
        }
    }
    return out + quote;
}

std::string python_repr(const core::Value& value)
{
    if (value.is_string()) {
        return python_string_repr(value.get_ref<const std::string&>());
    }
    if (value.is_object()) {
        std::string out = "{";
        bool first = true;
        for (const auto& item : value.items()) {
            out += (first ? "" : ", ") + python_string_repr(item.key()) + ": " + python_repr(item.value());
            first = false;
        }
        return out + "}";
    }
    if (value.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < value.size(); ++i) {
            out += (i == 0 ? "" : ", ") + python_repr(value[i]);
        }
        return out + "]";
    }
    if (value.is_number_float()) {
        return python_float_repr(value.get<double>());
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "True" : "False";
    }
    if (value.is_null()) {
        return "None";
    }
    return value.dump();
}

std::string python_str(const core::Value& value)
{
    return value.is_string() ? value.get<std::string>() : python_repr(value);
}

void append_python_json(const core::Value& value, int indent, std::string& out)
{
    if (value.is_object()) {
        value.empty() ? void(out += "{}") : append_object(value, indent, out);
    } else if (value.is_array()) {
        value.empty() ? void(out += "[]") : append_array(value, indent, out);
    } else if (value.is_string()) {
        append_json_string(value.get_ref<const std::string&>(), out);
    } else if (value.is_number()) {
        append_json_number(value, out);
    } else {
        out += value.is_null() ? "null" : (value.get<bool>() ? "true" : "false");
    }
}

void append_json_key(const std::string& key, std::string& out)
{
    append_json_string(key, out);
}

std::string python_json_dumps(const core::Value& value)
{
    std::string out;
    append_python_json(value, 0, out);
    return out;
}

} // namespace scsctl::inventory
