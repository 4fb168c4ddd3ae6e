// Mapping filters: Ansible's dict2items, items2dict and combine, Jinja2's dictsort (merge_hash semantics with
// recursive and list_merge). Depends on core.
#include <algorithm>

#include "vars/filter_support.hpp"
#include "vars/python_format.hpp"

namespace scsctl::vars::detail {

namespace {

std::string key_of(const Value& key)
{
    return key.is_string() ? key.get<std::string>() : python_str(key);
}

bool contains_value(const Value& list, const Value& needle)
{
    for (const auto& item : list) {
        if (python_equal(item, needle)) {
            return true;
        }
    }
    return false;
}

/// Lists under the same key merged by Ansible's list_merge modes.
Value merge_lists(const Value& low, const Value& high, const std::string& mode)
{
    Value out = Value::array();
    auto append_all = [&out](const Value& list) { out.insert(out.end(), list.begin(), list.end()); };
    auto append_missing = [&out](const Value& list, const Value& other) {
        for (const auto& item : list) {
            if (!contains_value(other, item)) {
                out.push_back(item);
            }
        }
    };
    if (mode == "keep") {
        return low;
    }
    if (mode == "append") {
        append_all(low);
        append_all(high);
    } else if (mode == "prepend") {
        append_all(high);
        append_all(low);
    } else if (mode == "append_rp") {
        append_missing(low, high);
        append_all(high);
    } else if (mode == "prepend_rp") {
        append_all(high);
        append_missing(low, high);
    } else {
        return high;
    }
    return out;
}

/// Ansible's merge_hash(low, high): keys of `high` win; existing keys keep their place.
Value merge_hash(const Value& low, const Value& high, bool recursive, const std::string& list_merge)
{
    if (low.empty() || python_equal(low, high)) {
        return high;
    }
    Value out = low;
    for (const auto& [key, high_value] : high.items()) {
        auto found = out.find(key);
        if (found == out.end()) {
            core::append_new_key(out, key, high_value);
            continue;
        }
        Value& low_value = *found;
        if (low_value.is_object() && high_value.is_object()) {
            low_value = recursive ? merge_hash(low_value, high_value, recursive, list_merge) : high_value;
        } else if (low_value.is_array() && high_value.is_array()) {
            low_value = merge_lists(low_value, high_value, list_merge);
        } else {
            low_value = high_value;
        }
    }
    return out;
}

} // namespace

core::Result<Value> filter_dict2items(const Value& input, const FilterArgs& args)
{
    if (!input.is_object()) {
        return filter_error("dict2items requires a dictionary, got <class '" + type_name(input) + "'> instead.");
    }
    const std::string key_name = arg_string(args, "key_name", 0).value_or("key");
    const std::string value_name = arg_string(args, "value_name", 1).value_or("value");
    Value out = Value::array();
    for (const auto& [key, value] : input.items()) {
        Value item = Value::object();
        item[key_name] = key;
        item[value_name] = value;
        out.push_back(std::move(item));
    }
    return out;
}

// Jinja2's dictsort(case_sensitive=False, by='key', reverse=False): [key, value] pairs.
core::Result<Value> filter_dictsort(const Value& input, const FilterArgs& args)
{
    if (!input.is_object()) {
        return filter_error("'" + type_name(input) + "' object has no attribute 'items'");
    }
    const bool case_sensitive = arg_bool(args, "case_sensitive", 0, false);
    const std::string by = arg_string(args, "by", 1).value_or("key");
    const bool reverse = arg_bool(args, "reverse", 2, false);
    if (by != "key" && by != "value") {
        return filter_error("You can only sort by either 'key' or 'value'");
    }
    std::vector<Value> pairs;
    std::vector<Value> keys;
    for (const auto& [key, value] : input.items()) {
        pairs.push_back(Value::array({key, value}));
        const Value& sort_on = by == "key" ? pairs.back()[0] : value;
        keys.push_back(!case_sensitive && sort_on.is_string() ? Value(lower_text(sort_on.get<std::string>())) : sort_on);
    }
    std::vector<std::size_t> order(pairs.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    bool comparable = true;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto less = reverse ? python_less(keys[b], keys[a]) : python_less(keys[a], keys[b]);
        comparable = comparable && less.has_value();
        return less.value_or(false);
    });
    if (!comparable) {
        return filter_error("'<' not supported between the values of this dictionary");
    }
    Value out = Value::array();
    for (const std::size_t index : order) {
        out.push_back(std::move(pairs[index]));
    }
    return out;
}

core::Result<Value> filter_items2dict(const Value& input, const FilterArgs& args)
{
    if (!input.is_array()) {
        return filter_error("items2dict requires a list, got <class '" + type_name(input) + "'> instead.");
    }
    const std::string key_name = arg_string(args, "key_name", 0).value_or("key");
    const std::string value_name = arg_string(args, "value_name", 1).value_or("value");
    Value out = Value::object();
    for (const auto& item : input) {
        if (!item.is_object()) {
            return filter_error("items2dict requires a list of dictionaries, got " + python_repr(input) + " instead.");
        }
        auto key = item.find(key_name);
        auto value = item.find(value_name);
        if (key == item.end() || value == item.end()) {
            return filter_error("items2dict requires each dictionary in the list to contain the keys '" + key_name +
                                "' and '" + value_name + "', got " + python_repr(input) + " instead.");
        }
        out[key_of(*key)] = *value;
    }
    return out;
}

// combine(*dicts, recursive=False, list_merge='replace'); a list of dicts as input is
// flattened one level (`[a, b] | combine`). Merged from the right, as Ansible does.
core::Result<Value> filter_combine(const Value& input, const FilterArgs& args)
{
    std::vector<Value> dicts;
    auto take = [&dicts](const Value& term) {
        if (term.is_array()) {
            dicts.insert(dicts.end(), term.begin(), term.end());
        } else {
            dicts.push_back(term);
        }
    };
    take(input);
    for (const auto& term : args.positional) {
        take(term);
    }
    bool recursive = false;
    std::string list_merge = "replace";
    for (const auto& [name, value] : args.named) {
        if (name == "recursive") {
            recursive = truthy(value);
        } else if (name == "list_merge" && value.is_string()) {
            list_merge = value.get<std::string>();
        } else {
            return filter_error("'recursive' and 'list_merge' are the only valid keyword arguments");
        }
    }
    static const std::vector<std::string> k_modes = {"replace", "keep", "append", "prepend", "append_rp", "prepend_rp"};
    if (std::find(k_modes.begin(), k_modes.end(), list_merge) == k_modes.end()) {
        return filter_error("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', "
                            "'prepend', 'append_rp' or 'prepend_rp'");
    }
    for (const auto& dict : dicts) {
        if (!dict.is_object()) {
            return filter_error("failed to combine variables, expected dicts but got a '" + type_name(dict) + "'");
        }
    }
    if (dicts.empty()) {
        return Value::object();
    }
    Value result = dicts.back();
    for (std::size_t i = dicts.size() - 1; i-- > 0;) {
        result = merge_hash(dicts[i], result, recursive, list_merge);
    }
    return result;
}

} // namespace scsctl::vars::detail
