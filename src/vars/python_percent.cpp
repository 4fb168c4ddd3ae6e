// python_percent_format: one pass over the format, one conversion spec at a time.
#include "vars/python_percent.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "vars/python_format.hpp"
#include "vars/value_ops.hpp"

namespace scsctl::vars {

namespace {

core::Error percent_error(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

struct Spec {
    std::optional<std::string> key; ///< %(key)s
    std::string flags;
    std::optional<long long> width;
    std::optional<long long> precision;
    char conversion = 's';
    bool has(char flag) const { return flags.find(flag) != std::string::npos; }
};

std::size_t code_points(std::string_view text)
{
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return count;
}

std::string truncate_points(const std::string& text, std::size_t points)
{
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == points) {
            return text.substr(0, i);
        }
    }
    return text;
}

/// Pads `body` (after `sign_prefix`) to the spec's width: left with '-', zeros with '0'.
std::string pad(const Spec& spec, const std::string& sign_prefix, const std::string& body, bool numeric)
{
    const std::size_t used = code_points(sign_prefix) + code_points(body);
    const std::size_t width = spec.width && *spec.width > 0 ? static_cast<std::size_t>(*spec.width) : 0;
    if (used >= width) {
        return sign_prefix + body;
    }
    const std::size_t fill = width - used;
    if (spec.has('-')) {
        return sign_prefix + body + std::string(fill, ' ');
    }
    if (numeric && spec.has('0')) {
        return sign_prefix + std::string(fill, '0') + body;
    }
    return std::string(fill, ' ') + sign_prefix + body;
}

std::string digits_of(unsigned long long magnitude, int base, bool upper)
{
    const char* table = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    do {
        out.insert(out.begin(), table[magnitude % static_cast<unsigned>(base)]);
        magnitude /= static_cast<unsigned>(base);
    } while (magnitude != 0);
    return out;
}

core::Result<std::string> format_integer(const Spec& spec, const core::Value& value)
{
    const char c = spec.conversion;
    const bool decimal = c == 'd' || c == 'i' || c == 'u';
    long long number = 0;
    if (value.is_boolean()) {
        number = value.get<bool>() ? 1 : 0;
    } else if (value.is_number_integer()) {
        number = value.get<long long>();
    } else if (value.is_number_float() && decimal) {
        number = static_cast<long long>(std::trunc(value.get<double>()));
    } else {
        return core::fail(percent_error(std::string("%") + c + " format: " +
                                        (decimal ? "a real number" : "an integer") + " is required, not " +
                                        python_type(value)));
    }
    const unsigned long long magnitude =
        number < 0 ? 0ULL - static_cast<unsigned long long>(number) : static_cast<unsigned long long>(number);
    const int base = decimal ? 10 : c == 'o' ? 8 : 16;
    std::string digits = digits_of(magnitude, base, c == 'X');
    if (spec.precision && static_cast<std::size_t>(*spec.precision) > digits.size()) {
        digits.insert(0, static_cast<std::size_t>(*spec.precision) - digits.size(), '0');
    }
    std::string prefix = number < 0 ? "-" : spec.has('+') ? "+" : spec.has(' ') ? " " : "";
    if (spec.has('#') && !decimal) {
        prefix += c == 'o' ? "0o" : c == 'x' ? "0x" : "0X";
    }
    return pad(spec, prefix, digits, true);
}

core::Result<std::string> format_float(const Spec& spec, const core::Value& value)
{
    if (!value.is_number() && !value.is_boolean()) {
        return core::fail(percent_error("must be real number, not " + python_type(value)));
    }
    const double number = value.is_boolean() ? (value.get<bool>() ? 1.0 : 0.0) : value.get<double>();
    std::string c_format = "%";
    for (const char flag : spec.flags) {
        c_format += flag;
    }
    if (spec.width) {
        c_format += std::to_string(*spec.width);
    }
    c_format += "." + std::to_string(spec.precision.value_or(6)) + spec.conversion;
    // The format is built from a parsed spec (flags from "-+ #0", numbers, one of eEfFgG),
    // so it cannot hold anything snprintf would misread.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    const int size = std::snprintf(nullptr, 0, c_format.c_str(), number);
    std::string out(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
    std::snprintf(out.data(), out.size() + 1, c_format.c_str(), number);
#pragma GCC diagnostic pop
    return out;
}

core::Result<std::string> format_char(const Spec& spec, const core::Value& value)
{
    std::string text;
    if (value.is_string() && code_points(value.get_ref<const std::string&>()) == 1) {
        text = value.get<std::string>();
    } else if (value.is_number_integer() && value.get<long long>() >= 0 && value.get<long long>() <= 0x10FFFF) {
        const auto point = static_cast<std::uint32_t>(value.get<long long>());
        if (point < 0x80) {
            text += static_cast<char>(point);
        } else if (point < 0x800) {
            text += static_cast<char>(0xC0 | (point >> 6));
            text += static_cast<char>(0x80 | (point & 0x3F));
        } else if (point < 0x10000) {
            text += static_cast<char>(0xE0 | (point >> 12));
            text += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
            text += static_cast<char>(0x80 | (point & 0x3F));
        } else {
            text += static_cast<char>(0xF0 | (point >> 18));
            text += static_cast<char>(0x80 | ((point >> 12) & 0x3F));
            text += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
            text += static_cast<char>(0x80 | (point & 0x3F));
        }
    } else {
        return core::fail(percent_error("%c requires int or char"));
    }
    return pad(spec, "", text, false);
}

core::Result<std::string> convert(const Spec& spec, const core::Value& value)
{
    switch (spec.conversion) {
    case 's':
    case 'r':
    case 'a': {
        std::string text = spec.conversion == 's' ? python_str(value) : python_repr(value);
        if (spec.precision) {
            text = truncate_points(text, static_cast<std::size_t>(std::max(*spec.precision, 0LL)));
        }
        return pad(spec, "", text, false);
    }
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
        return format_integer(spec, value);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
        return format_float(spec, value);
    default:
        return format_char(spec, value);
    }
}

/// Reads the spec after a '%' at `at` (moved past it); `next` yields '*' arguments.
template <typename Next>
core::Result<Spec> parse_spec(std::string_view format, std::size_t& at, Next&& next)
{
    Spec spec;
    if (at < format.size() && format[at] == '(') {
        const auto close = format.find(')', at);
        if (close == std::string_view::npos) {
            return core::fail(percent_error("incomplete format key"));
        }
        spec.key = std::string(format.substr(at + 1, close - at - 1));
        at = close + 1;
    }
    while (at < format.size() && std::string_view("-+ #0").find(format[at]) != std::string_view::npos) {
        spec.flags += format[at++];
    }
    auto number = [&](std::optional<long long>& into) -> core::Result<void> {
        if (at < format.size() && format[at] == '*') {
            ++at;
            const core::Value value = SCSCTL_TRY(next());
            if (!value.is_number_integer()) {
                return core::fail(percent_error("* wants int"));
            }
            into = value.get<long long>();
            return {};
        }
        while (at < format.size() && format[at] >= '0' && format[at] <= '9') {
            into = std::min(into.value_or(0) * 10 + (format[at++] - '0'), 1LL << 40); // no overflow
        }
        return {};
    };
    SCSCTL_TRY(number(spec.width));
    if (at < format.size() && format[at] == '.') {
        ++at;
        spec.precision = 0;
        SCSCTL_TRY(number(spec.precision));
    }
    // Python would build a string of any width; a template must not exhaust memory.
    constexpr long long k_max_width = 1 << 20;
    if (spec.width.value_or(0) > k_max_width || spec.precision.value_or(0) > k_max_width) {
        return core::fail(percent_error("format width or precision over " + std::to_string(k_max_width)));
    }
    while (at < format.size() && (format[at] == 'h' || format[at] == 'l' || format[at] == 'L')) {
        ++at;
    }
    if (at >= format.size()) {
        return core::fail(percent_error("incomplete format"));
    }
    spec.conversion = format[at++];
    if (std::string_view("sradiuoxXeEfFgGc").find(spec.conversion) == std::string_view::npos) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%#x", static_cast<unsigned char>(spec.conversion));
        return core::fail(percent_error(std::string("unsupported format character '") + spec.conversion + "' (" +
                                        hex + ") at index " + std::to_string(at - 1)));
    }
    return spec;
}

std::size_t count_conversions(std::string_view format)
{
    std::size_t count = 0;
    for (std::size_t i = 0; i + 1 < format.size(); ++i) {
        if (format[i] == '%') {
            if (format[i + 1] == '%') {
                ++i;
            } else {
                ++count;
            }
        }
    }
    return count;
}

} // namespace

core::Result<std::string> python_percent_format(std::string_view format, const core::Value& args, bool as_tuple)
{
    std::vector<core::Value> positional;
    const bool mapping = args.is_object();
    if (args.is_array() && (as_tuple || args.size() == count_conversions(format))) {
        positional.assign(args.begin(), args.end());
    } else if (!mapping) {
        positional.push_back(args);
    }
    std::size_t used = 0;
    auto next = [&]() -> core::Result<core::Value> {
        if (used >= positional.size()) {
            return core::fail(percent_error("not enough arguments for format string"));
        }
        return positional[used++];
    };
    std::string out;
    for (std::size_t at = 0; at < format.size();) {
        const char c = format[at++];
        if (c != '%') {
            out += c;
            continue;
        }
        if (at < format.size() && format[at] == '%') {
            out += '%';
            ++at;
            continue;
        }
        const Spec spec = SCSCTL_TRY(parse_spec(format, at, next));
        core::Value value;
        if (spec.key) {
            if (!mapping) {
                return core::fail(percent_error("format requires a mapping"));
            }
            const auto found = args.find(*spec.key);
            if (found == args.end()) {
                return core::fail(percent_error("KeyError: '" + *spec.key + "'"));
            }
            value = *found;
        } else if (mapping && positional.empty()) {
            value = args; // '%s' % {'a': 1} formats the mapping itself
            positional.push_back(args);
            used = 1;
        } else {
            value = SCSCTL_TRY(next());
        }
        out += SCSCTL_TRY(convert(spec, value));
    }
    if (used < positional.size() && !mapping) {
        return core::fail(percent_error("not all arguments converted during string formatting"));
    }
    return out;
}

} // namespace scsctl::vars
