// List filters: Jinja2's join/length/first/last/unique/sort/reverse/min/max/sum/list and
// Ansible's flatten/difference/union/intersect/symmetric_difference/zip/product, with
// Python's equality and ordering. Depends on core.
#include <algorithm>

#include "vars/filter_support.hpp"
#include "vars/python_format.hpp"

namespace scsctl::vars::detail {

namespace {

/// The sort key of an item: its attribute when asked, lowercased when a string and the
/// comparison ignores case (Jinja2's ignore_case postprocessing).
Value sort_key(const Value& item, const std::optional<std::string>& attribute, bool case_sensitive)
{
    const Value* picked = &item;
    if (attribute) {
        picked = lookup_attribute(item, *attribute);
    }
    if (picked == nullptr) {
        return nullptr;
    }
    if (!case_sensitive && picked->is_string()) {
        return lower_text(picked->get_ref<const std::string&>());
    }
    return *picked;
}

int order_class(const Value& value)
{
    if (value.is_number() || value.is_boolean()) {
        return 1;
    }
    return value.is_string() ? 2 : (value.is_array() ? 3 : 0);
}

/// Fails the way Python does when the keys cannot be ordered against each other.
core::Result<bool> check_orderable(const std::vector<Value>& keys)
{
    for (std::size_t i = 1; i < keys.size(); ++i) {
        const int a = order_class(keys[0]);
        const int b = order_class(keys[i]);
        if (a == 0 || a != b) {
            return filter_error("'<' not supported between instances of '" + type_name(keys[i]) + "' and '" +
                                type_name(keys[0]) + "'");
        }
    }
    return true;
}

/// Indices of `items` in sorted order (stable), by their keys.
core::Result<std::vector<std::size_t>> sorted_order(const std::vector<Value>& items, const FilterArgs& args,
                                                    std::size_t attribute_index, std::size_t case_index,
                                                    bool reverse)
{
    const bool case_sensitive = arg_bool(args, "case_sensitive", case_index, false);
    const auto attribute = arg_string(args, "attribute", attribute_index);
    std::vector<Value> keys;
    for (const auto& item : items) {
        keys.push_back(sort_key(item, attribute, case_sensitive));
    }
    SCSCTL_TRY(check_orderable(keys));
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) {
                         return reverse ? python_less(keys[b], keys[a]).value_or(false)
                                        : python_less(keys[a], keys[b]).value_or(false);
                     });
    return order;
}

Value unique_of(const std::vector<Value>& items, bool case_sensitive, const std::optional<std::string>& attribute)
{
    Value out = Value::array();
    std::vector<Value> seen;
    for (const auto& item : items) {
        Value key = sort_key(item, attribute, case_sensitive);
        const bool found =
            std::any_of(seen.begin(), seen.end(), [&](const Value& other) { return python_equal(other, key); });
        if (!found) {
            seen.push_back(std::move(key));
            out.push_back(item);
        }
    }
    return out;
}

core::Result<std::vector<Value>> list_arg(const FilterArgs& args, std::size_t index, std::string_view filter)
{
    const Value* other = args.get("b", index);
    if (other == nullptr) {
        return filter_error(std::string(filter) + " expects a list argument");
    }
    return as_list(*other, filter);
}

} // namespace

core::Result<Value> filter_join(const Value& input, const FilterArgs& args)
{
    const std::vector<Value> items = SCSCTL_TRY(as_list(input, "join"));
    const Value* separator = args.get("d", 0);
    const auto attribute = arg_string(args, "attribute", 1);
    const std::string glue = separator != nullptr ? python_str(*separator) : std::string();
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Value* item = attribute ? lookup_attribute(items[i], *attribute) : &items[i];
        out += i == 0 ? "" : glue;
        out += item != nullptr ? python_str(*item) : std::string();
    }
    return out;
}

core::Result<Value> filter_length(const Value& input, const FilterArgs&)
{
    if (input.is_string()) {
        return code_point_count(input.get_ref<const std::string&>());
    }
    if (input.is_array() || input.is_object()) {
        return input.size();
    }
    return filter_error("object of type '" + type_name(input) + "' has no len()");
}

core::Result<Value> filter_first(const Value& input, const FilterArgs&)
{
    const std::vector<Value> items = SCSCTL_TRY(as_list(input, "first"));
    if (items.empty()) {
        return filter_error("no first item, sequence was empty");
    }
    return items.front();
}

core::Result<Value> filter_last(const Value& input, const FilterArgs&)
{
    const std::vector<Value> items = SCSCTL_TRY(as_list(input, "last"));
    if (items.empty()) {
        return filter_error("no last item, sequence was empty");
    }
    return items.back();
}

// Ansible's unique calls Jinja2's with case_sensitive=False unless told otherwise.
core::Result<Value> filter_unique(const Value& input, const FilterArgs& args)
{
    const std::vector<Value> items = SCSCTL_TRY(as_list(input, "unique"));
    return unique_of(items, arg_bool(args, "case_sensitive", 0, false), arg_string(args, "attribute", 1));
}

core::Result<Value> filter_sort(const Value& input, const FilterArgs& args)
{
    const std::vector<Value> items = SCSCTL_TRY(as_list(input, "sort"));
    const bool reverse = arg_bool(args, "reverse", 0, false);
    const std::vector<std::size_t> order = SCSCTL_TRY(sorted_order(items, args, 2, 1, reverse));
    Value out = Value::array();
    for (const std::size_t index : order) {
        out.push_back(items[index]);
    }
    return out;
}

core::Result<Value> filter_reverse(const Value& input, const FilterArgs&)
{
    std::vector<Value> items = SCSCTL_TRY(as_list(input, "reverse"));
    std::reverse(items.begin(), items.end());
    if (input.is_string()) {
        std::string out;
        for (const auto& point : items) {
            out += point.get<std::string>();
        }
        return out;
    }
    return Value(items);
}

namespace {

core::Result<Value> extreme(const Value& input, const FilterArgs& args, bool want_max, std::string_view name)
{
    const std::vector<Value> items = SCSCTL_TRY(as_list(input, name));
    if (items.empty()) {
        return filter_error("no aggregated item, sequence was empty");
    }
    // A descending stable sort puts the first of equal largest items first, as max() picks.
    const std::vector<std::size_t> order = SCSCTL_TRY(sorted_order(items, args, 1, 0, want_max));
    return items[order.front()];
}

} // namespace

core::Result<Value> filter_min(const Value& input, const FilterArgs& args)
{
    return extreme(input, args, false, "min");
}

core::Result<Value> filter_max(const Value& input, const FilterArgs& args)
{
    return extreme(input, args, true, "max");
}

core::Result<Value> filter_sum(const Value& input, const FilterArgs& args)
{
    const std::vector<Value> items = SCSCTL_TRY(as_list(input, "sum"));
    const auto attribute = arg_string(args, "attribute", 0);
    const Value* start = args.get("start", 1);
    Value total = start != nullptr ? *start : Value(0);
    for (const auto& item : items) {
        const Value* term = attribute ? lookup_attribute(item, *attribute) : &item;
        if (term == nullptr || !(term->is_number() || term->is_boolean()) || !(total.is_number() || total.is_boolean())) {
            if (term != nullptr && term->is_array() && total.is_array()) {
                total.insert(total.end(), term->begin(), term->end());
                continue;
            }
            return filter_error("unsupported operand type(s) for +: '" + type_name(total) + "' and '" +
                                (term != nullptr ? type_name(*term) : std::string("Undefined")) + "'");
        }
        if (total.is_number_float() || term->is_number_float()) {
            total = as_double(total) + as_double(*term);
        } else {
            total = static_cast<std::int64_t>(as_double(total)) + static_cast<std::int64_t>(as_double(*term));
        }
    }
    return total;
}

core::Result<Value> filter_list(const Value& input, const FilterArgs&)
{
    return Value(SCSCTL_TRY(as_list(input, "list")));
}

namespace {

void flatten_into(Value& out, const Value& list, long long levels, bool skip_nulls)
{
    for (const auto& element : list) {
        if (skip_nulls && (element.is_null() || element == "None" || element == "null")) {
            continue;
        }
        if (element.is_array() && levels != 0) {
            flatten_into(out, element, levels < 0 ? -1 : levels - 1, skip_nulls);
        } else {
            out.push_back(element);
        }
    }
}

} // namespace

core::Result<Value> filter_flatten(const Value& input, const FilterArgs& args)
{
    if (!input.is_array()) {
        return filter_error("flatten expects a list, got " + type_name(input));
    }
    const Value* levels_arg = args.get("levels", 0);
    const long long levels =
        levels_arg != nullptr && levels_arg->is_number_integer() ? std::max(0LL, levels_arg->get<long long>()) : -1;
    Value out = Value::array();
    flatten_into(out, input, levels, arg_bool(args, "skip_nulls", 1, true));
    return out;
}

namespace {

bool contains_item(const std::vector<Value>& items, const Value& needle)
{
    return std::any_of(items.begin(), items.end(), [&](const Value& item) { return python_equal(item, needle); });
}

enum class SetOp { difference, intersect, union_of, symmetric };

core::Result<Value> set_operation(const Value& input, const FilterArgs& args, SetOp op, std::string_view name)
{
    const std::vector<Value> a = SCSCTL_TRY(as_list(input, name));
    const std::vector<Value> b = SCSCTL_TRY(list_arg(args, 0, name));
    std::vector<Value> picked;
    if (op == SetOp::union_of) {
        picked = a;
        picked.insert(picked.end(), b.begin(), b.end());
    } else if (op == SetOp::symmetric) {
        for (const auto& item : a) {
            if (!contains_item(b, item)) {
                picked.push_back(item);
            }
        }
        for (const auto& item : b) {
            if (!contains_item(a, item)) {
                picked.push_back(item);
            }
        }
    } else {
        for (const auto& item : a) {
            if (contains_item(b, item) == (op == SetOp::intersect)) {
                picked.push_back(item);
            }
        }
    }
    return unique_of(picked, true, std::nullopt);
}

} // namespace

core::Result<Value> filter_difference(const Value& input, const FilterArgs& args)
{
    return set_operation(input, args, SetOp::difference, "difference");
}

core::Result<Value> filter_intersect(const Value& input, const FilterArgs& args)
{
    return set_operation(input, args, SetOp::intersect, "intersect");
}

core::Result<Value> filter_union(const Value& input, const FilterArgs& args)
{
    return set_operation(input, args, SetOp::union_of, "union");
}

core::Result<Value> filter_symmetric_difference(const Value& input, const FilterArgs& args)
{
    return set_operation(input, args, SetOp::symmetric, "symmetric_difference");
}

core::Result<Value> filter_zip(const Value& input, const FilterArgs& args)
{
    std::vector<std::vector<Value>> lists{SCSCTL_TRY(as_list(input, "zip"))};
    for (const auto& other : args.positional) {
        lists.push_back(SCSCTL_TRY(as_list(other, "zip")));
    }
    std::size_t length = lists[0].size();
    for (const auto& list : lists) {
        length = std::min(length, list.size());
    }
    Value out = Value::array();
    for (std::size_t i = 0; i < length; ++i) {
        Value row = Value::array();
        for (const auto& list : lists) {
            row.push_back(list[i]);
        }
        out.push_back(std::move(row));
    }
    return out;
}

core::Result<Value> filter_product(const Value& input, const FilterArgs& args)
{
    Value out = Value::array({Value::array()});
    std::vector<std::vector<Value>> lists{SCSCTL_TRY(as_list(input, "product"))};
    for (const auto& other : args.positional) {
        lists.push_back(SCSCTL_TRY(as_list(other, "product")));
    }
    for (const auto& list : lists) {
        Value next = Value::array();
        for (const auto& prefix : out) {
            for (const auto& item : list) {
                Value row = prefix;
                row.push_back(item);
                next.push_back(std::move(row));
            }
        }
        out = std::move(next);
    }
    return out;
}

} // namespace scsctl::vars::detail
