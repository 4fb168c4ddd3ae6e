// Scalar typing as Ansible's YAML loader does it: PyYAML's YAML 1.1 implicit resolver
// and SafeConstructor (plus Ansible's !unsafe/!vault), and Python's json key rules.
// Depends on core/value only (no yaml-cpp, so it can be tested on plain text).
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "core/value.hpp"

namespace scsctl::yaml {

/// How plain scalars are typed: YAML 1.1 (PyYAML) or JSON (Python's json module),
/// because Ansible tries json.loads before YAML.
enum class Typing { yaml11, json };

/// A scalar result, or a one-line lowercase reason why the scalar is invalid.
using ScalarResult = std::expected<core::Value, std::string>;

/// Types an untagged plain scalar: null, bool, int, float, timestamp (as Python's
/// isoformat string) or string. Fails for values PyYAML cannot construct (`0x_`, `=`).
ScalarResult resolve_plain(std::string_view text, Typing typing = Typing::yaml11);

/// Types a scalar carrying an explicit tag (`tag:yaml.org,2002:int`, `!unsafe`, ...).
/// Unknown or unsupported tags fail.
ScalarResult resolve_tagged(std::string_view tag, std::string_view text);

/// Python's repr() of a float ("1.0", "1e+16", "inf"): how Ansible prints it.
std::string python_float_repr(double value);

/// The JSON object key Python's json.dumps makes of a dict key (True -> "true",
/// 1 -> "1", None -> "null", 1.5 -> "1.5", inf -> "Infinity").
std::string key_to_string(const core::Value& key);

/// A string equal for keys Python's dict treats as equal (1, 1.0 and True collide).
std::string key_identity(const core::Value& key);

/// "a mapping", "a sequence", "a string", "an integer"...: for messages.
std::string describe(const core::Value& value);

} // namespace scsctl::yaml
