// Internal helpers shared by the filter and test tables: Python's truthiness, equality,
// ordering and type names over core::Value, argument access and error making.
// Depends on core only (not part of the vars interface).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"
#include "vars/filters.hpp"

namespace scsctl::vars::detail {

using core::Value;

/// A failed Result with a one-line message (kind `failed`: a template error fails the task).
std::unexpected<core::Error> filter_error(std::string message);

/// Python's type name of a value: str, int, float, bool, list, dict, NoneType.
std::string type_name(const Value& value);
/// Python's bool(value).
bool truthy(const Value& value);
/// Python's ==: 1 == 1.0 == True, containers element-wise.
bool python_equal(const Value& left, const Value& right);
/// Python's < for numbers, strings (by code point) and lists; nullopt when Python would
/// raise TypeError ("'<' not supported between ...").
std::optional<bool> python_less(const Value& left, const Value& right);
/// Whether `needle` is in `haystack` the way Python's `in` works (substring, item, key).
core::Result<bool> python_contains(const Value& haystack, const Value& needle);

bool is_number(const Value& value); ///< int or float, not bool
double as_double(const Value& value);

/// Python's str.lower()/upper() for ASCII, Latin-1, Greek and Cyrillic letters.
std::string lower_text(std::string_view text);
std::string upper_text(std::string_view text);
/// One decoded UTF-8 sequence at a byte offset; an invalid byte decodes alone, invalid.
struct CodePoint {
    char32_t value = 0;
    std::size_t length = 1;
    bool valid = true;
};
CodePoint decode_utf8(std::string_view text, std::size_t pos);
void append_utf8(std::string& out, char32_t point);

/// Splits UTF-8 text into code points (each as its bytes); invalid bytes stand alone.
std::vector<std::string> code_points(std::string_view text);
std::size_t code_point_count(std::string_view text);

/// Arguments: the named or positional argument, with a default.
bool arg_bool(const FilterArgs& args, std::string_view name, std::size_t index, bool fallback);
std::optional<std::string> arg_string(const FilterArgs& args, std::string_view name, std::size_t index);
/// The text of a string argument, or the error "<filter> expects a string for <name>".
core::Result<std::string> arg_required_string(const FilterArgs& args, std::string_view name, std::size_t index,
                                              std::string_view filter);

/// Jinja's attribute lookup with dots ("a.b", "items.0"); nullptr when missing.
const Value* lookup_attribute(const Value& item, std::string_view path);

/// Iterates like Python's list(value): lists, dict keys, string code points.
core::Result<std::vector<Value>> as_list(const Value& value, std::string_view filter);

} // namespace scsctl::vars::detail

namespace scsctl::vars::detail {

/// Values that from_json/from_yaml may return, like the template parser's nesting limit:
/// deeper documents are an error rather than a tree every recursive walk must survive.
constexpr int k_max_parsed_depth = 200;
/// The printers (str/repr, json, yaml) recurse once per level; below this depth they write
/// "..." instead (Python's reprlib does the same), so no value can overflow the stack.
constexpr int k_max_print_depth = 1000;

/// Whether `value` nests lists/dicts more than `limit` levels (recursion bounded by limit).
bool nested_deeper_than(const Value& value, int limit);

/// json.dumps with its main knobs: indent < 0 is the one-line form with separators
/// (", ", ": "); indent >= 0 puts items on their own lines with (",", ": ").
std::string json_dumps(const Value& value, int indent, bool sort_keys, bool ensure_ascii);

} // namespace scsctl::vars::detail

namespace scsctl::vars::detail {

// The filters and tests, one function each (filters.cpp and tests_table.cpp hold the tables).
#define SCSCTL_FILTERS(X)                                                                                  \
    X(abs) X(b64decode) X(b64encode) X(basename) X(bool) X(capitalize) X(combine) X(dict2items)        \
    X(dictsort) X(difference) X(dirname) X(first) X(flatten) X(float) X(format) X(from_json) X(from_yaml) X(hash) X(int)    \
    X(intersect) X(items2dict) X(join) X(last) X(length) X(list) X(lower) X(map) X(max) X(md5) X(min) \
    X(product) X(quote) X(regex_escape) X(regex_findall) X(regex_replace) X(regex_search) X(reject)    \
    X(rejectattr) X(replace) X(reverse) X(round) X(select) X(selectattr) X(sha1) X(sort) X(split)      \
    X(string) X(sum) X(symmetric_difference) X(ternary) X(title) X(to_json) X(to_nice_json)           \
    X(to_nice_yaml) X(to_yaml) X(trim) X(type_debug) X(union) X(unique) X(upper) X(zip)

#define SCSCTL_DECLARE_FILTER(name) core::Result<Value> filter_##name(const Value& input, const FilterArgs& args);
SCSCTL_FILTERS(SCSCTL_DECLARE_FILTER)
#undef SCSCTL_DECLARE_FILTER

core::Result<bool> test_version(const Value& input, const FilterArgs& args);
/// The match/search/regex tests: mode "match", "search" or "regex" (match_type argument).
core::Result<bool> regex_test(const Value& input, const FilterArgs& args, std::string_view mode);
const std::vector<std::pair<std::string, TestFn>>& test_table();

} // namespace scsctl::vars::detail
