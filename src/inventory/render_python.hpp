// Python's text forms of values, as ansible-inventory prints them: float repr, str()
// of scalars and containers (repr of nested strings, True/False/None) and the JSON of
// json.dumps(sort_keys=True, indent=4, ensure_ascii=False). Depends on core only.
#pragma once

#include <string>

#include "core/value.hpp"

namespace scsctl::inventory {

/// Python's repr of a float: shortest round-trip digits, exponent form below 1e-4 and
/// from 1e16 on ("1e-05", "1e+16"), ".0" on integral values, inf/nan.
std::string python_float_repr(double value);

/// Python's repr of a string: single quotes unless only double quotes avoid escaping,
/// with \n, \t, \xNN, \uNNNN escapes for non-printable characters.
std::string python_string_repr(const std::string& text);

/// Python's repr of a value (what str() shows for items inside lists and dicts).
std::string python_repr(const core::Value& value);

/// Python's str(): strings as they are, everything else as repr.
std::string python_str(const core::Value& value);

/// json.dumps(value, sort_keys=True, indent=4, ensure_ascii=False).
std::string python_json_dumps(const core::Value& value);

/// Appends json.dumps of `value` to `out` as it appears nested `indent` spaces deep
/// (the first line is not indented; the following ones are).
void append_python_json(const core::Value& value, int indent, std::string& out);

/// Appends `key` as json.dumps writes a string (ensure_ascii=False).
void append_json_key(const std::string& key, std::string& out);

} // namespace scsctl::inventory
