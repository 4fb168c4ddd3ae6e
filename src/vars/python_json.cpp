// Python's json.dumps as Ansible's to_json/to_nice_json call it (ensure_ascii on, floats
// as repr, NaN/Infinity, sort_keys, indent). Depends on core and yaml (float repr).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "vars/filter_support.hpp"
#include "vars/python_format.hpp"
#include "yaml/scalar.hpp"

namespace scsctl::vars {

namespace {

void append_u_escape(std::string& out, unsigned value)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\\u%04x", value);
    out += buffer;
}

void append_json_string(std::string& out, std::string_view text, bool ensure_ascii)
{
    out += '"';
    for (std::size_t pos = 0; pos < text.size();) {
        const detail::CodePoint point = detail::decode_utf8(text, pos);
        const char32_t c = point.value;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\b') {
            out += "\\b";
        } else if (c == '\f') {
            out += "\\f";
        } else if (c < 0x20 || (ensure_ascii && c == 0x7F)) {
            append_u_escape(out, c);
        } else if (c < 0x7F || !ensure_ascii) {
            out += text.substr(pos, point.length);
        } else if (c >= 0x10000) {
            const char32_t v = c - 0x10000;
            append_u_escape(out, 0xD800 + (v >> 10));
            append_u_escape(out, 0xDC00 + (v & 0x3FF));
        } else {
            append_u_escape(out, c);
        }
        pos += point.length;
    }
    out += '"';
}

std::string json_float(double value)
{
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value < 0 ? "-Infinity" : "Infinity";
    }
    return yaml::python_float_repr(value);
}

struct Dumper {
    int indent;
    bool sort_keys;
    bool ensure_ascii;
    std::string out;

    void newline(int level)
    {
        out += '\n';
        out.append(static_cast<std::size_t>(indent * level), ' ');
    }

    void separator(bool first, int level)
    {
        if (!first) {
            out += indent < 0 ? ", " : ",";
        }
        if (indent >= 0) {
            newline(level);
        }
    }

    void dump(const core::Value& value, int level)
    {
        if (level > detail::k_max_print_depth && value.is_structured()) {
            out += "\"...\""; // see k_max_print_depth: bounded recursion
        } else if (value.is_string()) {
            append_json_string(out, value.get_ref<const std::string&>(), ensure_ascii);
        } else if (value.is_number_float()) {
            out += json_float(value.get<double>());
        } else if (value.is_array()) {
            dump_array(value, level);
        } else if (value.is_object()) {
            dump_object(value, level);
        } else {
            out += value.dump(); // null, true, false, integers
        }
    }

    void dump_array(const core::Value& value, int level)
    {
        if (value.empty()) {
            out += "[]";
            return;
        }
        out += '[';
        bool first = true;
        for (const auto& item : value) {
            separator(first, level + 1);
            first = false;
            dump(item, level + 1);
        }
        if (indent >= 0) {
            newline(level);
        }
        out += ']';
    }

    void dump_object(const core::Value& value, int level)
    {
        if (value.empty()) {
            out += "{}";
            return;
        }
        std::vector<const std::string*> keys;
        for (const auto& [key, item] : value.items()) {
            keys.push_back(&key);
        }
        if (sort_keys) {
            std::stable_sort(keys.begin(), keys.end(), [](auto* a, auto* b) { return *a < *b; });
        }
        out += '{';
        bool first = true;
        for (const std::string* key : keys) {
            separator(first, level + 1);
            first = false;
            append_json_string(out, *key, ensure_ascii);
            out += ": ";
            dump(value.find(*key).value(), level + 1);
        }
        if (indent >= 0) {
            newline(level);
        }
        out += '}';
    }
};

} // namespace

namespace detail {

std::string json_dumps(const Value& value, int indent, bool sort_keys, bool ensure_ascii)
{
    Dumper dumper{indent, sort_keys, ensure_ascii, {}};
    dumper.dump(value, 0);
    return std::move(dumper.out);
}

} // namespace detail

// Ansible 2.14 (checked with ansible-core 2.14.18): to_json is json.dumps(a) with Python's
// defaults (ensure_ascii=True, separators ", " and ": ", keys unsorted); to_nice_json adds
// indent=4, sort_keys=True, separators (",", ": "); "é" prints as "\u00e9" in both.
// `sort_keys` applies to the nice layout only; the one-line form keeps insertion order.
std::string python_json(const core::Value& value, bool nice, int indent, bool sort_keys)
{
    if (!nice) {
        return detail::json_dumps(value, -1, false, true);
    }
    return detail::json_dumps(value, indent, sort_keys, true);
}

} // namespace scsctl::vars
