// Python's operators over core::Value (bool counts as int, int overflow falls back to
// float). Depends on core only.
#include "vars/value_ops.hpp"

#include <cmath>

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
        if (y == 0) {
            return core::fail(type_error(op == "%" ? "integer modulo by zero" : "integer division or modulo by zero"));
        }
        std::int64_t q = x / y;
        std::int64_t m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) {
            --q;
            m += y;
        }
        return core::Value(op == "//" ? q : m);
    }
    if (op == "**" && y >= 0) {
        std::int64_t acc = 1;
        bool overflow = false;
        for (std::int64_t i = 0; i < y && !overflow; ++i) {
            overflow = __builtin_mul_overflow(acc, x, &acc);
            if (acc == 0 || acc == 1) {
                break;
            }
        }
        if (!overflow) {
            return core::Value(acc);
        }
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
    return core::Value(std::pow(fx, fy));
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

core::Result<core::Value> repeat(const core::Value& seq, std::int64_t times)
{
    if (seq.is_string()) {
        std::string out;
        const auto& s = seq.get_ref<const std::string&>();
        if (times > 0 && s.size() * static_cast<std::size_t>(times) > (64u << 20)) {
            return core::fail(type_error("repeated string is too large"));
        }
        for (std::int64_t i = 0; i < times; ++i) {
            out += s;
        }
        return core::Value(out);
    }
    core::Value out = core::Value::array();
    if (times > 0 && seq.size() * static_cast<std::size_t>(times) > (1u << 20)) {
        return core::fail(type_error("repeated list is too large"));
    }
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
