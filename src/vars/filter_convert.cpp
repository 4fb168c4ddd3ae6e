// Conversion filters: Ansible's bool, Jinja2's int/float/string/abs/round, Ansible's
// type_debug and ternary, with Python's parsing of numbers in strings. Depends on core.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <limits>

#include "vars/filter_support.hpp"
#include "vars/python_format.hpp"

namespace scsctl::vars::detail {

namespace {

std::string_view strip_ascii(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\n\r\f\v");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\n\r\f\v") - first + 1);
}

/// Digits with single underscores between them (Python's numeric literal rule).
std::optional<std::string> digits_without_underscores(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_') {
            if (i == 0 || i + 1 == text.size() || text[i + 1] == '_') {
                return std::nullopt;
            }
            continue;
        }
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
        out += text[i];
    }
    return out.empty() ? std::nullopt : std::optional<std::string>(out);
}

/// Python's int(text) in base 10; nullopt when Python raises ValueError (or the number
/// does not fit 64 bits).
std::optional<long long> python_int(std::string_view text)
{
    text = strip_ascii(text);
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    const auto digits = digits_without_underscores(text);
    if (!digits) {
        return std::nullopt;
    }
    errno = 0;
    const long long value = std::strtoll(digits->c_str(), nullptr, 10);
    if (errno == ERANGE) {
        return std::nullopt;
    }
    return negative ? -value : value;
}

/// Python's float(text); nullopt on ValueError.
std::optional<double> python_float(std::string_view text)
{
    text = strip_ascii(text);
    std::string body(text);
    std::string sign;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
        sign = body.substr(0, 1);
        body.erase(0, 1);
    }
    const std::string lowered = lower_text(body);
    if (lowered == "inf" || lowered == "infinity" || lowered == "nan") {
        return std::strtod((sign + lowered).c_str(), nullptr);
    }
    const std::size_t e_pos = lowered.find('e');
    std::string mantissa = lowered.substr(0, e_pos);
    std::string cleaned;
    const std::size_t dot = mantissa.find('.');
    const std::string int_part = mantissa.substr(0, dot);
    const std::string frac_part = dot == std::string::npos ? std::string() : mantissa.substr(dot + 1);
    if (int_part.empty() && frac_part.empty()) {
        return std::nullopt;
    }
    for (const std::string* part : {&int_part, &frac_part}) {
        if (!part->empty()) {
            const auto digits = digits_without_underscores(*part);
            if (!digits) {
                return std::nullopt;
            }
            cleaned += *digits;
        } else {
            cleaned += '0';
        }
        if (part == &int_part) {
            cleaned += '.';
        }
    }
    if (e_pos != std::string::npos) {
        std::string_view exponent(lowered);
        exponent.remove_prefix(e_pos + 1);
        std::string exp_sign;
        if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) {
            exp_sign = std::string(1, exponent[0]);
            exponent.remove_prefix(1);
        }
        const auto digits = digits_without_underscores(exponent);
        if (!digits) {
            return std::nullopt;
        }
        cleaned += "e" + exp_sign + *digits;
    }
    return std::strtod((sign + cleaned).c_str(), nullptr);
}

Value whole_number(double value)
{
    return static_cast<std::int64_t>(value);
}

} // namespace

// Ansible 2.14's bool filter: None and booleans unchanged; strings lowercased; True only
// for 'yes', 'on', '1', 'true' and the number 1 (so 'y', 't' and 2 give False).
core::Result<Value> filter_bool(const Value& input, const FilterArgs&)
{
    if (input.is_null() || input.is_boolean()) {
        return input;
    }
    if (input.is_string()) {
        const std::string text = lower_text(input.get_ref<const std::string&>());
        return text == "yes" || text == "on" || text == "1" || text == "true";
    }
    return input.is_number() && as_double(input) == 1.0;
}

// Jinja2's int(default=0, base=10): strings through int(), then int(float()); anything
// that fails gives the default.
core::Result<Value> filter_int(const Value& input, const FilterArgs& args)
{
    const Value* fallback = args.get("default", 0);
    const Value result_default = fallback != nullptr ? *fallback : Value(0);
    if (input.is_boolean()) {
        return Value(input.get<bool>() ? 1 : 0);
    }
    if (input.is_number_integer()) {
        return input;
    }
    if (input.is_number_float()) {
        const double value = input.get<double>();
        return std::isfinite(value) ? whole_number(std::trunc(value)) : result_default;
    }
    if (!input.is_string()) {
        return result_default;
    }
    const std::string& text = input.get_ref<const std::string&>();
    const Value* base_arg = args.get("base", 1);
    if (base_arg != nullptr && base_arg->is_number_integer() && base_arg->get<int>() != 10) {
        const int base = base_arg->get<int>();
        std::string digits(strip_ascii(text));
        if (base == 16 && (digits.starts_with("0x") || digits.starts_with("0X"))) {
            digits.erase(0, 2);
        }
        char* end = nullptr;
        const long long value = std::strtoll(digits.c_str(), &end, base);
        return !digits.empty() && *end == '\0' ? Value(value) : result_default;
    }
    if (auto value = python_int(text)) {
        return Value(*value);
    }
    if (auto value = python_float(text); value && std::isfinite(*value)) {
        return whole_number(std::trunc(*value));
    }
    return result_default;
}

core::Result<Value> filter_float(const Value& input, const FilterArgs& args)
{
    const Value* fallback = args.get("default", 0);
    const Value result_default = fallback != nullptr ? *fallback : Value(0.0);
    if (input.is_number() || input.is_boolean()) {
        return Value(as_double(input));
    }
    if (input.is_string()) {
        if (auto value = python_float(input.get_ref<const std::string&>())) {
            return Value(*value);
        }
    }
    return result_default;
}

core::Result<Value> filter_string(const Value& input, const FilterArgs&)
{
    return python_str(input);
}

core::Result<Value> filter_abs(const Value& input, const FilterArgs&)
{
    if (input.is_boolean()) {
        return Value(input.get<bool>() ? 1 : 0);
    }
    if (input.is_number_integer() && !input.is_number_unsigned()) {
        const std::int64_t v = input.get<std::int64_t>();
        // |INT64_MIN| is not an int64 (llabs is UB there): float, as int overflow is elsewhere.
        if (v == std::numeric_limits<std::int64_t>::min()) {
            return Value(-static_cast<double>(v));
        }
        return Value(v < 0 ? -v : v);
    }
    if (input.is_number()) {
        return input.is_number_float() ? Value(std::fabs(input.get<double>())) : input;
    }
    return filter_error("bad operand type for abs(): '" + type_name(input) + "'");
}

/// Python's round(x, n) on a float: the exact binary value rounded half-even.
double python_round(double value, int precision)
{
    if (!std::isfinite(value)) {
        return value;
    }
    if (precision == 0) {
        return std::nearbyint(value);
    }
    if (precision < 0) {
        const double scale = std::pow(10.0, -precision);
        return std::nearbyint(value / scale) * scale;
    }
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, "%.*f", std::min(precision, 300), value);
    return std::strtod(buffer, nullptr);
}

// Jinja2's round(precision=0, method='common'): 'common' is Python's round (an int stays
// an int), 'ceil' and 'floor' always give a float.
core::Result<Value> filter_round(const Value& input, const FilterArgs& args)
{
    const Value* precision_arg = args.get("precision", 0);
    const int precision = precision_arg != nullptr && precision_arg->is_number_integer() ? precision_arg->get<int>() : 0;
    const std::string method = arg_string(args, "method", 1).value_or("common");
    if (method != "common" && method != "ceil" && method != "floor") {
        return filter_error("method must be common, ceil or floor");
    }
    if (!input.is_number() && !input.is_boolean()) {
        return filter_error("type " + type_name(input) + " doesn't define __round__ method");
    }
    if (method == "common") {
        if (!input.is_number_float()) {
            return input.is_boolean() ? Value(input.get<bool>() ? 1 : 0) : input;
        }
        return Value(python_round(input.get<double>(), precision));
    }
    const double scale = std::pow(10.0, precision);
    const double scaled = as_double(input) * scale;
    return Value((method == "ceil" ? std::ceil(scaled) : std::floor(scaled)) / scale);
}

core::Result<Value> filter_type_debug(const Value& input, const FilterArgs&)
{
    return type_name(input);
}

core::Result<Value> filter_ternary(const Value& input, const FilterArgs& args)
{
    const Value* true_val = args.get("true_val", 0);
    const Value* false_val = args.get("false_val", 1);
    const Value* none_val = args.get("none_val", 2);
    if (true_val == nullptr || false_val == nullptr) {
        return filter_error("ternary expects two arguments (true_val, false_val)");
    }
    if (input.is_null() && none_val != nullptr && !none_val->is_null()) {
        return *none_val;
    }
    return truthy(input) ? *true_val : *false_val;
}

} // namespace scsctl::vars::detail
