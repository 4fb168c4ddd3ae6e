// Python's operators over core::Value (bool counts as int, int overflow falls back to
// float; str % args formats). Depends on core only.
#include "vars/value_ops.hpp"

#include <cmath>
#include <limits>
#include <optional>

#include "vars/python_percent.hpp"

namespace scsctl::vars {

namespace {

core::Error type_error(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

bool is_int(const core::Value& v)
{
    return v.is_number_integer() || v.is_boolean();
}

bool is_num(const core::Value& v)
{
    return v.is_number() || v.is_boolean();
}

std::int64_t as_int(const core::Value& v)
{
    if (v.is_boolean()) {
        return v.get<bool>() ? 1 : 0;
    }
    if (v.is_number_unsigned()) {
        return static_cast<std::int64_t>(v.get<std::uint64_t>());
    }
    return v.get<std::int64_t>();
}

double as_float(const core::Value& v)
{
    return v.is_number_float() ? v.get<double>() : static_cast<double>(as_int(v));
}

core::Error unsupported(std::string_view op, const core::Value& a, const core::Value& b)
{
    return type_error("unsupported operand type(s) for " + std::string(op) + ": '" + python_type(a) + "' and '" +
                      python_type(b) + "'");
}

/// Python's floor division and modulo (the result takes the divisor's sign).
core::Result<core::Value> floor_div_mod(std::string_view op, std::int64_t x, std::int64_t y)
{
    if (y == 0) {
        return core::fail(type_error(op == "%" ? "integer modulo by zero" : "integer division or modulo by zero"));
    }
    if (y == -1) {
        // INT64_MIN / -1 traps (SIGFPE); its quotient 2**63 is not an int64, so it falls back
        // to float like every other int overflow.
        if (op == "%") {
            return core::Value(std::int64_t{0});
        }
        return x == std::numeric_limits<std::int64_t>::min() ? core::Value(-static_cast<double>(x)) : core::Value(-x);
    }
    std::int64_t q = x / y;
    std::int64_t m = x % y;
    if (m != 0 && ((m < 0) != (y < 0))) {
        --q;
        m += y;
    }
    return core::Value(op == "//" ? q : m);
}

/// x ** y for y >= 0 by squaring, so huge exponents cost O(log y); nullopt on int64
/// overflow. Squaring the base only overflows when a higher bit of y is still to come, and
/// then the result overflows too (|x| >= 2), so no representable result is lost.
std::optional<std::int64_t> int_power(std::int64_t base, std::int64_t exp)
{
    std::int64_t acc = 1;
    while (exp > 0) {
        if ((exp & 1) != 0 && __builtin_mul_overflow(acc, base, &acc)) {
            return std::nullopt;
        }
        exp >>= 1;
        if (exp > 0 && __builtin_mul_overflow(base, base, &base)) {
            return std::nullopt;
        }
    }
    return acc;
}

core::Result<core::Value> int_arith(std::string_view op, std::int64_t x, std::int64_t y)
{
    std::int64_t r = 0;
    if (op == "+" && !__builtin_add_overflow(x, y, &r)) {
        return core::Value(r);
    }
    if (op == "-" && !__builtin_sub_overflow(x, y, &r)) {
        return core::Value(r);
    }
    if (op == "*" && !__builtin_mul_overflow(x, y, &r)) {
        return core::Value(r);
    }
    if (op == "//" || op == "%") {
        return floor_div_mod(op, x, y);
    }
    if (op == "**" && y >= 0) {
        if (const auto power = int_power(x, y)) {
            return core::Value(*power);
        }
    }
    if (op == "**" && y < 0 && x == 0) {
        return core::fail(type_error("0.0 cannot be raised to a negative power"));
    }
    const double fx = static_cast<double>(x);
    const double fy = static_cast<double>(y);
    if (op == "+") {
        return core::Value(fx + fy);
    }
    if (op == "-") {
        return core::Value(fx - fy);
    }
    if (op == "*") {
        return core::Value(fx * fy);
    }
    return core::Value(std::pow(fx, fy)); // negative exponents give floats, as in Python
}

core::Result<core::Value> float_arith(std::string_view op, double x, double y)
{
    if ((op == "/" || op == "//" || op == "%") && y == 0.0) {
        return core::fail(type_error(op == "/" ? "division by zero" : "float modulo"));
    }
    if (op == "+") { return core::Value(x + y); }
    if (op == "-") { return core::Value(x - y); }
    if (op == "*") { return core::Value(x * y); }
    if (op == "/") { return core::Value(x / y); }
    if (op == "//") { return core::Value(std::floor(x / y)); }
    if (op == "%") {
        double m = std::fmod(x, y);
        if (m != 0.0 && ((m < 0) != (y < 0))) {
            m += y;
        }
        return core::Value(m);
    }
    return core::Value(std::pow(x, y));
}

/// seq * times. Empty operands and counts <= 0 return at once (a loop over 10**18 empty
/// copies would never end); the cap is checked by division, as unit * times can overflow.
core::Result<core::Value> repeat(const core::Value& seq, std::int64_t times)
{
    const bool text = seq.is_string();
    const std::size_t unit = text ? seq.get_ref<const std::string&>().size() : seq.size();
    if (times <= 0 || unit == 0) {
        return text ? core::Value("") : core::Value::array();
    }
    const std::size_t limit = text ? (64u << 20) : (1u << 20);
    if (static_cast<std::uint64_t>(times) > limit / unit) {
        return core::fail(type_error(text ? "repeated string is too large" : "repeated list is too large"));
    }
    if (text) {
        const auto& s = seq.get_ref<const std::string&>();
        std::string out;
        out.reserve(unit * static_cast<std::size_t>(times));
        for (std::int64_t i = 0; i < times; ++i) {
            out += s;
        }
        return core::Value(std::move(out));
    }
    core::Value out = core::Value::array();
    for (std::int64_t i = 0; i < times; ++i) {
        for (const auto& item : seq) {
            out.push_back(item);
        }
    }
    return out;
}

} // namespace

std::string python_type(const core::Value& v)
{
    switch (v.type()) {
    case core::Value::value_t::null: return "NoneType";
    case core::Value::value_t::boolean: return "bool";
    case core::Value::value_t::number_integer:
    case core::Value::value_t::number_unsigned: return "int";
    case core::Value::value_t::number_float: return "float";
    case core::Value::value_t::string: return "str";
    case core::Value::value_t::array: return "list";
    case core::Value::value_t::object: return "dict";
    default: return "object";
    }
}

bool python_truthy(const core::Value& v)
{
    if (v.is_null()) {
        return false;
    }
    if (v.is_boolean()) {
        return v.get<bool>();
    }
    if (v.is_number_float()) {
        return v.get<double>() != 0.0;
    }
    if (v.is_number()) {
        return as_int(v) != 0;
    }
    if (v.is_string()) {
        return !v.get_ref<const std::string&>().empty();
    }
    if (v.is_array() || v.is_object()) {
        return !v.empty();
    }
    return true;
}

bool python_equal(const core::Value& a, const core::Value& b)
{
    if (is_num(a) && is_num(b)) {
        if (is_int(a) && is_int(b)) {
            return as_int(a) == as_int(b);
        }
        return as_float(a) == as_float(b);
    }
    if (a.type() != b.type()) {
        return false;
    }
    if (a.is_array()) {
        if (a.size() != b.size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!python_equal(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }
    if (a.is_object()) {
        if (a.size() != b.size()) {
            return false;
        }
        for (auto it = a.begin(); it != a.end(); ++it) {
            const auto other = b.find(it.key());
            if (other == b.end() || !python_equal(*it, *other)) {
                return false;
            }
        }
        return true;
    }
    return a == b;
}

core::Result<bool> python_order(std::string_view op, const core::Value& a, const core::Value& b)
{
    int cmp = 0;
    if (is_num(a) && is_num(b)) {
        const double x = as_float(a);
        const double y = as_float(b);
        cmp = (is_int(a) && is_int(b)) ? (as_int(a) < as_int(b) ? -1 : as_int(a) > as_int(b) ? 1 : 0)
                                       : (x < y ? -1 : x > y ? 1 : 0);
    } else if (a.is_string() && b.is_string()) {
        const int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
        cmp = c < 0 ? -1 : c > 0 ? 1 : 0;
    } else if (a.is_array() && b.is_array()) {
        std::size_t i = 0;
        while (i < a.size() && i < b.size() && python_equal(a[i], b[i])) {
            ++i;
        }
        if (i < a.size() && i < b.size()) {
            return python_order(op, a[i], b[i]);
        }
        cmp = a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
    } else {
        return core::fail(type_error("'" + std::string(op) + "' not supported between instances of '" +
                                     python_type(a) + "' and '" + python_type(b) + "'"));
    }
    if (op == "<") { return cmp < 0; }
    if (op == "<=") { return cmp <= 0; }
    if (op == ">") { return cmp > 0; }
    return cmp >= 0;
}

core::Result<bool> python_contains(const core::Value& haystack, const core::Value& needle)
{
    if (haystack.is_string()) {
        if (!needle.is_string()) {
            return core::fail(type_error("'in <string>' requires string as left operand, not " + python_type(needle)));
        }
        return haystack.get_ref<const std::string&>().find(needle.get_ref<const std::string&>()) != std::string::npos;
    }
    if (haystack.is_array()) {
        for (const auto& item : haystack) {
            if (python_equal(item, needle)) {
                return true;
            }
        }
        return false;
    }
    if (haystack.is_object()) {
        return needle.is_string() && haystack.contains(needle.get_ref<const std::string&>());
    }
    return core::fail(type_error("argument of type '" + python_type(haystack) + "' is not iterable"));
}

core::Result<core::Value> python_arith(std::string_view op, const core::Value& a, const core::Value& b)
{
    if (is_num(a) && is_num(b)) {
        if (op != "/" && is_int(a) && is_int(b)) {
            return int_arith(op, as_int(a), as_int(b));
        }
        return float_arith(op, as_float(a), as_float(b));
    }
    if (op == "%" && a.is_string()) {
        return core::Value(SCSCTL_TRY(python_percent_format(a.get_ref<const std::string&>(), b, false)));
    }
    if (op == "+" && ((a.is_string() && b.is_string()) || (a.is_array() && b.is_array()))) {
        if (a.is_string()) {
            return core::Value(a.get_ref<const std::string&>() + b.get_ref<const std::string&>());
        }
        core::Value out = a;
        for (const auto& item : b) {
            out.push_back(item);
        }
        return out;
    }
    if (op == "*" && (a.is_string() || a.is_array()) && is_int(b)) {
        return repeat(a, as_int(b));
    }
    if (op == "*" && (b.is_string() || b.is_array()) && is_int(a)) {
        return repeat(b, as_int(a));
    }
    return core::fail(unsupported(op, a, b));
}

} // namespace scsctl::vars
