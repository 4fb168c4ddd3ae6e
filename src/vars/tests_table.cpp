// Jinja2's and Ansible's tests (`x is number`, `result is failed`, `v is version(...)`),
// except defined/undefined, which the evaluator answers. Depends on core.
#include <cmath>

#include "vars/filter_support.hpp"

namespace scsctl::vars::detail {

namespace {

core::Result<bool> test_none(const Value& input, const FilterArgs&)
{
    return input.is_null();
}

core::Result<bool> test_string(const Value& input, const FilterArgs&)
{
    return input.is_string();
}

// numbers.Number includes bool, as in Python.
core::Result<bool> test_number(const Value& input, const FilterArgs&)
{
    return input.is_number() || input.is_boolean();
}

core::Result<bool> test_integer(const Value& input, const FilterArgs&)
{
    return input.is_number_integer();
}

core::Result<bool> test_float(const Value& input, const FilterArgs&)
{
    return input.is_number_float();
}

core::Result<bool> test_boolean(const Value& input, const FilterArgs&)
{
    return input.is_boolean();
}

core::Result<bool> test_mapping(const Value& input, const FilterArgs&)
{
    return input.is_object();
}

// Strings, lists and dicts all have len() and __getitem__ (and are iterable).
core::Result<bool> test_sequence(const Value& input, const FilterArgs&)
{
    return input.is_string() || input.is_array() || input.is_object();
}

const Value* other_arg(const FilterArgs& args)
{
    const Value* other = args.get("other", 0);
    return other != nullptr ? other : args.get("value", 0);
}

core::Result<bool> test_eq(const Value& input, const FilterArgs& args)
{
    const Value* other = other_arg(args);
    return other != nullptr && python_equal(input, *other);
}

core::Result<bool> test_ne(const Value& input, const FilterArgs& args)
{
    const Value* other = other_arg(args);
    return other == nullptr || !python_equal(input, *other);
}

core::Result<bool> ordered(const Value& input, const FilterArgs& args, const char* symbol, bool swap, bool or_equal)
{
    const Value* other = other_arg(args);
    if (other == nullptr) {
        return filter_error(std::string("the '") + symbol + "' test expects an argument");
    }
    const Value& left = swap ? *other : input;
    const Value& right = swap ? input : *other;
    const auto less = python_less(left, right);
    if (!less) {
        return filter_error(std::string("'") + symbol + "' not supported between instances of '" + type_name(input) +
                            "' and '" + type_name(*other) + "'");
    }
    return *less || (or_equal && python_equal(left, right));
}

core::Result<bool> test_lt(const Value& input, const FilterArgs& args)
{
    return ordered(input, args, "<", false, false);
}

core::Result<bool> test_le(const Value& input, const FilterArgs& args)
{
    return ordered(input, args, "<=", false, true);
}

core::Result<bool> test_gt(const Value& input, const FilterArgs& args)
{
    return ordered(input, args, ">", true, false);
}

core::Result<bool> test_ge(const Value& input, const FilterArgs& args)
{
    return ordered(input, args, ">=", true, true);
}

core::Result<bool> test_in(const Value& input, const FilterArgs& args)
{
    const Value* seq = args.get("seq", 0);
    if (seq == nullptr) {
        return filter_error("the 'in' test expects a container");
    }
    return python_contains(*seq, input);
}

core::Result<bool> test_contains(const Value& input, const FilterArgs& args)
{
    const Value* item = args.get("value", 0);
    if (item == nullptr) {
        return filter_error("the 'contains' test expects a value");
    }
    return python_contains(input, *item);
}

core::Result<long long> integer_of(const Value& input, std::string_view test)
{
    if (input.is_number_integer() || input.is_boolean()) {
        return input.is_boolean() ? (input.get<bool>() ? 1 : 0) : input.get<long long>();
    }
    return filter_error("the '" + std::string(test) + "' test expects an integer, got " + type_name(input));
}

core::Result<bool> test_odd(const Value& input, const FilterArgs&)
{
    return SCSCTL_TRY(integer_of(input, "odd")) % 2 != 0;
}

core::Result<bool> test_even(const Value& input, const FilterArgs&)
{
    return SCSCTL_TRY(integer_of(input, "even")) % 2 == 0;
}

core::Result<bool> test_divisibleby(const Value& input, const FilterArgs& args)
{
    const Value* num = args.get("num", 0);
    if (num == nullptr || !(num->is_number() || num->is_boolean())) {
        return filter_error("the 'divisibleby' test expects a number");
    }
    const double divisor = as_double(*num);
    if (divisor == 0) {
        return filter_error("integer division or modulo by zero");
    }
    return std::fmod(as_double(input), divisor) == 0;
}

core::Result<bool> subset_of(const Value& small, const Value& big)
{
    if (!(small.is_array() || small.is_object()) || !(big.is_array() || big.is_object())) {
        return filter_error("subset and superset expect lists");
    }
    for (const auto& item : SCSCTL_TRY(as_list(small, "subset"))) {
        if (!SCSCTL_TRY(python_contains(big, item))) {
            return false;
        }
    }
    return true;
}

core::Result<bool> test_subset(const Value& input, const FilterArgs& args)
{
    const Value* big = args.get("b", 0);
    return big == nullptr ? filter_error("the 'subset' test expects a list") : subset_of(input, *big);
}

core::Result<bool> test_superset(const Value& input, const FilterArgs& args)
{
    const Value* small = args.get("b", 0);
    return small == nullptr ? filter_error("the 'superset' test expects a list") : subset_of(*small, input);
}

core::Result<bool> test_truthy(const Value& input, const FilterArgs& args)
{
    if (arg_bool(args, "convert_bool", 0, false) && (input.is_string() || input.is_number())) {
        const std::string text = lower_text(input.is_string() ? input.get<std::string>() : input.dump());
        for (const char* word : {"y", "yes", "on", "1", "true", "t", "1.0"}) {
            if (text == word) {
                return true;
            }
        }
        for (const char* word : {"n", "no", "off", "0", "false", "f", "0.0"}) {
            if (text == word) {
                return false;
            }
        }
    }
    return truthy(input);
}

core::Result<bool> test_falsy(const Value& input, const FilterArgs& args)
{
    return !SCSCTL_TRY(test_truthy(input, args));
}

core::Result<const Value*> result_mapping(const Value& input, std::string_view test)
{
    if (!input.is_object()) {
        return filter_error("The '" + std::string(test) + "' test expects a dictionary");
    }
    return &input;
}

bool flag(const Value& result, const char* key)
{
    auto found = result.find(key);
    return found != result.end() && truthy(*found);
}

core::Result<bool> test_failed(const Value& input, const FilterArgs&)
{
    return flag(*SCSCTL_TRY(result_mapping(input, "failed")), "failed");
}

core::Result<bool> test_succeeded(const Value& input, const FilterArgs&)
{
    return !flag(*SCSCTL_TRY(result_mapping(input, "failed")), "failed");
}

core::Result<bool> test_skipped(const Value& input, const FilterArgs&)
{
    return flag(*SCSCTL_TRY(result_mapping(input, "skipped")), "skipped");
}

core::Result<bool> test_unreachable(const Value& input, const FilterArgs&)
{
    return flag(*SCSCTL_TRY(result_mapping(input, "unreachable")), "unreachable");
}

core::Result<bool> test_reachable(const Value& input, const FilterArgs&)
{
    return !flag(*SCSCTL_TRY(result_mapping(input, "unreachable")), "unreachable");
}

// changed: the 'changed' key, else any changed item of a loop's 'results'.
core::Result<bool> test_changed(const Value& input, const FilterArgs&)
{
    const Value& result = *SCSCTL_TRY(result_mapping(input, "changed"));
    if (result.contains("changed")) {
        return flag(result, "changed");
    }
    auto results = result.find("results");
    if (results == result.end() || !results->is_array() || results->empty() || !(*results)[0].is_object()) {
        return false;
    }
    for (const auto& item : *results) {
        if (item.is_object() && flag(item, "changed")) {
            return true;
        }
    }
    return false;
}

core::Result<bool> test_any(const Value& input, const FilterArgs&)
{
    for (const auto& item : SCSCTL_TRY(as_list(input, "any"))) {
        if (truthy(item)) {
            return true;
        }
    }
    return false;
}

core::Result<bool> test_all(const Value& input, const FilterArgs&)
{
    for (const auto& item : SCSCTL_TRY(as_list(input, "all"))) {
        if (!truthy(item)) {
            return false;
        }
    }
    return true;
}

core::Result<bool> test_lower(const Value& input, const FilterArgs&)
{
    const std::string text = input.is_string() ? input.get<std::string>() : std::string();
    return lower_text(text) == text && upper_text(text) != text;
}

core::Result<bool> test_upper(const Value& input, const FilterArgs&)
{
    const std::string text = input.is_string() ? input.get<std::string>() : std::string();
    return upper_text(text) == text && lower_text(text) != text;
}

core::Result<bool> test_match(const Value& input, const FilterArgs& args)
{
    return regex_test(input, args, "match");
}

core::Result<bool> test_search(const Value& input, const FilterArgs& args)
{
    return regex_test(input, args, "search");
}

core::Result<bool> test_regex(const Value& input, const FilterArgs& args)
{
    return regex_test(input, args, "regex");
}

core::Result<bool> test_abs(const Value& input, const FilterArgs&)
{
    return input.is_string() && input.get_ref<const std::string&>().starts_with("/");
}

} // namespace

const std::vector<std::pair<std::string, TestFn>>& test_table()
{
    static const std::vector<std::pair<std::string, TestFn>> k_tests = {
        {"!=", test_ne}, {"<", test_lt}, {"<=", test_le}, {"==", test_eq}, {">", test_gt}, {">=", test_ge},
        {"abs", test_abs}, {"all", test_all}, {"any", test_any}, {"boolean", test_boolean},
        {"change", test_changed}, {"changed", test_changed}, {"contains", test_contains},
        {"divisibleby", test_divisibleby}, {"eq", test_eq}, {"equalto", test_eq}, {"even", test_even},
        {"failed", test_failed}, {"failure", test_failed}, {"falsy", test_falsy}, {"float", test_float},
        {"ge", test_ge}, {"greaterthan", test_gt}, {"gt", test_gt}, {"in", test_in}, {"integer", test_integer},
        {"issubset", test_subset}, {"issuperset", test_superset}, {"iterable", test_sequence},
        {"le", test_le}, {"lessthan", test_lt}, {"lower", test_lower}, {"lt", test_lt}, {"mapping", test_mapping},
        {"match", test_match}, {"ne", test_ne}, {"none", test_none}, {"number", test_number}, {"odd", test_odd},
        {"reachable", test_reachable}, {"regex", test_regex}, {"search", test_search},
        {"sequence", test_sequence}, {"skip", test_skipped}, {"skipped", test_skipped}, {"string", test_string},
        {"subset", test_subset}, {"succeeded", test_succeeded}, {"success", test_succeeded},
        {"successful", test_succeeded}, {"superset", test_superset}, {"truthy", test_truthy},
        {"unreachable", test_unreachable}, {"upper", test_upper}, {"version", test_version},
        {"version_compare", test_version},
    };
    return k_tests;
}

} // namespace scsctl::vars::detail
