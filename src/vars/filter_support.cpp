// Python's value semantics (truthiness, ==, <, `in`, type names, case mapping) for the
// filter and test tables. Depends on core only.
#include "vars/filter_support.hpp"

#include <charconv>
#include <cmath>

namespace scsctl::vars::detail {

std::unexpected<core::Error> filter_error(std::string message)
{
    return core::fail(core::Error{core::ErrorKind::failed, std::move(message), {}});
}

std::string type_name(const Value& value)
{
    switch (value.type()) {
    case Value::value_t::null:
        return "NoneType";
    case Value::value_t::boolean:
        return "bool";
    case Value::value_t::number_integer:
    case Value::value_t::number_unsigned:
        return "int";
    case Value::value_t::number_float:
        return "float";
    case Value::value_t::string:
        return "str";
    case Value::value_t::array:
        return "list";
    case Value::value_t::object:
        return "dict";
    default:
        return "bytes";
    }
}

bool truthy(const Value& value)
{
    switch (value.type()) {
    case Value::value_t::null:
        return false;
    case Value::value_t::boolean:
        return value.get<bool>();
    case Value::value_t::number_integer:
        return value.get<std::int64_t>() != 0;
    case Value::value_t::number_unsigned:
        return value.get<std::uint64_t>() != 0;
    case Value::value_t::number_float:
        return value.get<double>() != 0.0;
    case Value::value_t::string:
        return !value.get_ref<const std::string&>().empty();
    default:
        return !value.empty();
    }
}

bool is_number(const Value& value)
{
    return value.is_number();
}

double as_double(const Value& value)
{
    if (value.is_boolean()) {
        return value.get<bool>() ? 1.0 : 0.0;
    }
    if (value.is_number_unsigned()) {
        return static_cast<double>(value.get<std::uint64_t>());
    }
    if (value.is_number_integer()) {
        return static_cast<double>(value.get<std::int64_t>());
    }
    return value.is_number_float() ? value.get<double>() : 0.0;
}

namespace {

bool numeric(const Value& value)
{
    return value.is_number() || value.is_boolean();
}

bool integral(const Value& value)
{
    return value.is_number_integer() || value.is_boolean();
}

/// Compares two numbers exactly when both are integers: -1, 0 or 1.
int compare_numbers(const Value& left, const Value& right)
{
    if (integral(left) && integral(right)) {
        auto wide = [](const Value& v) -> __int128 {
            if (v.is_boolean()) {
                return v.get<bool>() ? 1 : 0;
            }
            if (v.is_number_unsigned()) {
                return static_cast<__int128>(v.get<std::uint64_t>());
            }
            return static_cast<__int128>(v.get<std::int64_t>());
        };
        const __int128 a = wide(left);
        const __int128 b = wide(right);
        return a < b ? -1 : (a > b ? 1 : 0);
    }
    const double a = as_double(left);
    const double b = as_double(right);
    return a < b ? -1 : (a > b ? 1 : 0);
}

} // namespace

bool python_equal(const Value& left, const Value& right)
{
    if (numeric(left) && numeric(right)) {
        if (left.is_number_float() && std::isnan(left.get<double>())) {
            return false;
        }
        return compare_numbers(left, right) == 0 && !(right.is_number_float() && std::isnan(right.get<double>()));
    }
    if (left.type() != right.type()) {
        return false;
    }
    if (left.is_array()) {
        if (left.size() != right.size()) {
            return false;
        }
        for (std::size_t i = 0; i < left.size(); ++i) {
            if (!python_equal(left[i], right[i])) {
                return false;
            }
        }
        return true;
    }
    if (left.is_object()) {
        if (left.size() != right.size()) {
            return false;
        }
        for (const auto& [key, value] : left.items()) {
            auto found = right.find(key);
            if (found == right.end() || !python_equal(value, *found)) {
                return false;
            }
        }
        return true;
    }
    return left == right;
}

std::optional<bool> python_less(const Value& left, const Value& right)
{
    if (numeric(left) && numeric(right)) {
        return compare_numbers(left, right) < 0;
    }
    if (left.is_string() && right.is_string()) {
        return left.get_ref<const std::string&>() < right.get_ref<const std::string&>();
    }
    if (left.is_array() && right.is_array()) {
        const std::size_t n = std::min(left.size(), right.size());
        for (std::size_t i = 0; i < n; ++i) {
            if (!python_equal(left[i], right[i])) {
                return python_less(left[i], right[i]);
            }
        }
        return left.size() < right.size();
    }
    return std::nullopt;
}

core::Result<bool> python_contains(const Value& haystack, const Value& needle)
{
    if (haystack.is_string()) {
        if (!needle.is_string()) {
            return filter_error("'in <string>' requires string as left operand, not " + type_name(needle));
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
        if (needle.is_string()) {
            return haystack.contains(needle.get_ref<const std::string&>());
        }
        return false;
    }
    return filter_error("argument of type '" + type_name(haystack) + "' is not iterable");
}

bool arg_bool(const FilterArgs& args, std::string_view name, std::size_t index, bool fallback)
{
    const Value* value = args.get(name, index);
    return value == nullptr ? fallback : truthy(*value);
}

std::optional<std::string> arg_string(const FilterArgs& args, std::string_view name, std::size_t index)
{
    const Value* value = args.get(name, index);
    if (value == nullptr || !value->is_string()) {
        return std::nullopt;
    }
    return value->get<std::string>();
}

core::Result<std::string> arg_required_string(const FilterArgs& args, std::string_view name, std::size_t index,
                                              std::string_view filter)
{
    const Value* value = args.get(name, index);
    if (value == nullptr) {
        return filter_error(std::string(filter) + " is missing its argument '" + std::string(name) + "'");
    }
    if (!value->is_string()) {
        return filter_error(std::string(filter) + " expects a string for '" + std::string(name) + "', got " +
                            type_name(*value));
    }
    return value->get<std::string>();
}

const Value* lookup_attribute(const Value& item, std::string_view path)
{
    const Value* current = &item;
    while (current != nullptr) {
        const std::size_t dot = path.find('.');
        const std::string_view part = path.substr(0, dot);
        const Value* next = nullptr;
        if (current->is_object()) {
            auto found = current->find(std::string(part));
            next = found == current->end() ? nullptr : &*found;
        } else if (current->is_array()) {
            std::size_t index = 0;
            auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
            if (ec == std::errc{} && end == part.data() + part.size() && index < current->size()) {
                next = &(*current)[index];
            }
        }
        current = next;
        if (dot == std::string_view::npos) {
            break;
        }
        path.remove_prefix(dot + 1);
    }
    return current;
}

core::Result<std::vector<Value>> as_list(const Value& value, std::string_view filter)
{
    std::vector<Value> items;
    if (value.is_array()) {
        items.assign(value.begin(), value.end());
    } else if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            items.emplace_back(key);
        }
    } else if (value.is_string()) {
        for (auto& point : code_points(value.get_ref<const std::string&>())) {
            items.emplace_back(std::move(point));
        }
    } else {
        return filter_error(std::string(filter) + " expects a list, got " + type_name(value));
    }
    return items;
}

bool nested_deeper_than(const Value& value, int limit)
{
    if (!value.is_structured()) {
        return false;
    }
    if (limit <= 0) {
        return true;
    }
    for (const auto& item : value) {
        if (nested_deeper_than(item, limit - 1)) {
            return true;
        }
    }
    return false;
}

} // namespace scsctl::vars::detail
