// Python's str() and repr() of values (how Ansible prints lists, dicts and scalars in
// messages and when a template yields a container). Depends on core and yaml (float repr).
#include "vars/python_format.hpp"

#include <cstdio>

#include "vars/filter_support.hpp"
#include "yaml/scalar.hpp"

namespace scsctl::vars {

namespace {

using detail::CodePoint;

/// str.isprintable() for code points above ASCII: the Unicode separators, format and
/// control characters, surrogates and private use are not printable. Unassigned code
/// points are treated as printable (Python escapes them).
bool printable_above_ascii(char32_t c)
{
    if (c <= 0xA0 || c == 0xAD || c == 0x1680 || c == 0x180E || c == 0x3000 || c == 0xFEFF) {
        return false;
    }
    if ((c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F || c == 0x8E2) {
        return false;
    }
    if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F)) {
        return false;
    }
    if ((c >= 0xD800 && c <= 0xF8FF) || (c >= 0xFFF9 && c <= 0xFFFB) || c == 0xFFFE || c == 0xFFFF) {
        return false;
    }
    if (c == 0x110BD || c == 0x110CD || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A)) {
        return false;
    }
    return !(c >= 0xE0000 && c <= 0xE0FFF) && c < 0xF0000;
}

std::string hex_escape(char prefix, unsigned value, int digits)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\\%c%0*x", prefix, digits, value);
    return buffer;
}

void append_repr_char(std::string& out, const CodePoint& point, std::string_view bytes, char quote)
{
    const char32_t c = point.value;
    if (!point.valid) {
        out += hex_escape('x', static_cast<unsigned char>(bytes[0]), 2);
    } else if (c == static_cast<char32_t>(quote) || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
    } else if (c == '\t') {
        out += "\\t";
    } else if (c == '\n') {
        out += "\\n";
    } else if (c == '\r') {
        out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
        out += hex_escape('x', c, 2);
    } else if (c < 0x7F || printable_above_ascii(c)) {
        out += bytes;
    } else if (c <= 0xFF) {
        out += hex_escape('x', c, 2);
    } else if (c <= 0xFFFF) {
        out += hex_escape('u', c, 4);
    } else {
        out += hex_escape('U', c, 8);
    }
}

std::string repr_string(std::string_view text)
{
    const bool has_single = text.find('\'') != std::string_view::npos;
    const bool has_double = text.find('"') != std::string_view::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    for (std::size_t pos = 0; pos < text.size();) {
        const CodePoint point = detail::decode_utf8(text, pos);
        append_repr_char(out, point, text.substr(pos, point.length), quote);
        pos += point.length;
    }
    out += quote;
    return out;
}

void append_repr(std::string& out, const core::Value& value, int depth)
{
    if (depth > detail::k_max_print_depth && value.is_structured()) {
        out += "..."; // see k_max_print_depth: bounded recursion
        return;
    }
    switch (value.type()) {
    case core::Value::value_t::null:
        out += "None";
        break;
    case core::Value::value_t::boolean:
        out += value.get<bool>() ? "True" : "False";
        break;
    case core::Value::value_t::number_float:
        out += yaml::python_float_repr(value.get<double>());
        break;
    case core::Value::value_t::string:
        out += repr_string(value.get_ref<const std::string&>());
        break;
    case core::Value::value_t::array: {
        out += '[';
        bool first = true;
        for (const auto& item : value) {
            out += first ? "" : ", ";
            first = false;
            append_repr(out, item, depth + 1);
        }
        out += ']';
        break;
    }
    case core::Value::value_t::object: {
        out += '{';
        bool first = true;
        for (const auto& [key, item] : value.items()) {
            out += first ? "" : ", ";
            first = false;
            out += repr_string(key);
            out += ": ";
            append_repr(out, item, depth + 1);
        }
        out += '}';
        break;
    }
    default:
        out += value.dump(); // integers
        break;
    }
}

} // namespace

std::string python_str(const core::Value& value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return python_repr(value);
}

std::string python_repr(const core::Value& value)
{
    std::string out;
    append_repr(out, value, 0);
    return out;
}

} // namespace scsctl::vars
