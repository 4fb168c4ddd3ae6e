// The filter table and the lookups the evaluator uses (find_filter, find_test, names).
// One static table, sorted by name; aliases point at the same function. Depends on core.
#include "vars/filters.hpp"

#include <algorithm>

#include "vars/filter_support.hpp"

namespace scsctl::vars {

const core::Value* FilterArgs::get(std::string_view name, std::size_t index) const
{
    for (const auto& [key, value] : named) {
        if (key == name) {
            return &value;
        }
    }
    return index < positional.size() ? &positional[index] : nullptr;
}

namespace {

using FilterEntry = std::pair<std::string, FilterFn>;

std::vector<FilterEntry> build_filter_table()
{
    std::vector<FilterEntry> table = {
#define SCSCTL_FILTER_ENTRY(name) {#name, detail::filter_##name},
        SCSCTL_FILTERS(SCSCTL_FILTER_ENTRY)
#undef SCSCTL_FILTER_ENTRY
        {"checksum", detail::filter_sha1},
        {"count", detail::filter_length},
    };
    std::sort(table.begin(), table.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return table;
}

const std::vector<FilterEntry>& filter_table()
{
    static const std::vector<FilterEntry> k_table = build_filter_table();
    return k_table;
}

template <typename Table>
std::vector<std::string> names_of(const Table& table)
{
    std::vector<std::string> names;
    for (const auto& entry : table) {
        names.push_back(entry.first);
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

FilterFn find_filter(std::string_view name)
{
    for (const auto& [key, fn] : filter_table()) {
        if (key == name) {
            return fn;
        }
    }
    return nullptr;
}

TestFn find_test(std::string_view name)
{
    for (const auto& [key, fn] : detail::test_table()) {
        if (key == name) {
            return fn;
        }
    }
    return nullptr;
}

const std::vector<std::string>& filter_names()
{
    static const std::vector<std::string> k_names = names_of(filter_table());
    return k_names;
}

const std::vector<std::string>& test_names()
{
    static const std::vector<std::string> k_names = names_of(detail::test_table());
    return k_names;
}

} // namespace scsctl::vars
