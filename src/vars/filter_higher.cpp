// Jinja2's higher-order filters: map, select, reject, selectattr, rejectattr. They look
// other filters and tests up in the tables (find_filter/find_test). Depends on core.
#include "vars/filter_support.hpp"

namespace scsctl::vars::detail {

namespace {

/// The rest of the arguments after the first `skip` positional ones.
FilterArgs shifted(const FilterArgs& args, std::size_t skip)
{
    FilterArgs out;
    for (std::size_t i = skip; i < args.positional.size(); ++i) {
        out.positional.push_back(args.positional[i]);
    }
    out.named = args.named;
    return out;
}

/// Applies test `name` to `value` (nullptr: undefined). No name: Python truthiness.
/// `defined`/`undefined` are the evaluator's tests; they are answered here for items.
core::Result<bool> apply_test(const Value* value, const std::optional<std::string>& name, const FilterArgs& args)
{
    if (!name) {
        return value != nullptr && truthy(*value);
    }
    if (*name == "defined" || *name == "undefined") {
        return (value != nullptr) == (*name == "defined");
    }
    const TestFn test = find_test(*name);
    if (test == nullptr) {
        return filter_error("no test named '" + *name + "'");
    }
    if (value == nullptr) {
        return false;
    }
    return test(*value, args);
}

core::Result<Value> select_items(const Value& input, const FilterArgs& args, bool by_attribute, bool keep,
                                 std::string_view filter)
{
    const std::vector<Value> items = SCSCTL_TRY(as_list(input, filter));
    std::optional<std::string> attribute;
    std::size_t next = 0;
    if (by_attribute) {
        if (args.positional.empty() || !args.positional[0].is_string()) {
            return filter_error(std::string(filter) + " expects an attribute name");
        }
        attribute = args.positional[0].get<std::string>();
        next = 1;
    }
    std::optional<std::string> test_name;
    if (args.positional.size() > next) {
        if (!args.positional[next].is_string()) {
            return filter_error(std::string(filter) + " expects a test name");
        }
        test_name = args.positional[next].get<std::string>();
    }
    const FilterArgs test_args = shifted(args, next + 1);
    Value out = Value::array();
    for (const auto& item : items) {
        const Value* subject = attribute ? lookup_attribute(item, *attribute) : &item;
        if (SCSCTL_TRY(apply_test(subject, test_name, test_args)) == keep) {
            out.push_back(item);
        }
    }
    return out;
}

} // namespace

// map(attribute='x', default=...) or map('filter', args...).
core::Result<Value> filter_map(const Value& input, const FilterArgs& args)
{
    const std::vector<Value> items = SCSCTL_TRY(as_list(input, "map"));
    Value out = Value::array();
    for (const auto& [name, value] : args.named) {
        if (name != "attribute") {
            continue;
        }
        const std::string path = value.is_string() ? value.get<std::string>() : value.dump();
        const Value* fallback = nullptr;
        for (const auto& [other, other_value] : args.named) {
            fallback = other == "default" ? &other_value : fallback;
        }
        for (const auto& item : items) {
            const Value* picked = lookup_attribute(item, path);
            if (picked == nullptr && fallback == nullptr) {
                return filter_error("'" + type_name(item) + " object' has no attribute '" + path + "'");
            }
            out.push_back(picked != nullptr ? *picked : *fallback);
        }
        return out;
    }
    if (args.positional.empty() || !args.positional[0].is_string()) {
        return filter_error("map expects a filter name or attribute=");
    }
    const std::string name = args.positional[0].get<std::string>();
    if (name == "default" || name == "d") {
        // Every item is defined; default only replaces falsy items when boolean=True.
        const Value* fallback = args.get("default_value", 1);
        const bool boolean = arg_bool(args, "boolean", 2, false);
        for (const auto& item : items) {
            out.push_back(boolean && !truthy(item) && fallback != nullptr ? *fallback : item);
        }
        return out;
    }
    const FilterFn filter = find_filter(name);
    if (filter == nullptr) {
        return filter_error("no filter named '" + name + "'");
    }
    const FilterArgs rest = shifted(args, 1);
    for (const auto& item : items) {
        out.push_back(SCSCTL_TRY(filter(item, rest)));
    }
    return out;
}

core::Result<Value> filter_select(const Value& input, const FilterArgs& args)
{
    return select_items(input, args, false, true, "select");
}

core::Result<Value> filter_reject(const Value& input, const FilterArgs& args)
{
    return select_items(input, args, false, false, "reject");
}

core::Result<Value> filter_selectattr(const Value& input, const FilterArgs& args)
{
    return select_items(input, args, true, true, "selectattr");
}

core::Result<Value> filter_rejectattr(const Value& input, const FilterArgs& args)
{
    return select_items(input, args, true, false, "rejectattr");
}

} // namespace scsctl::vars::detail
