// Numbers as PyYAML resolves (YAML 1.1 regexes) and constructs them (underscores,
// 0b/0x/leading-0 octal, sexagesimal, .inf/.nan), and JSON's number grammar.
// Depends on core/value and yaml/scalar.hpp only.
#pragma once

#include <string_view>

#include "yaml/scalar.hpp"

namespace scsctl::yaml {

/// PyYAML's implicit int resolver (`0b1_0`, `017`, `1_000`, `0x1F`, `1:30`).
bool is_yaml11_int(std::string_view text);

/// PyYAML's implicit float resolver (needs a dot: `1.5`, `1.`, `.5`, `1.0e+3`, `.inf`, `.nan`, `1:30.5`).
bool is_yaml11_float(std::string_view text);

/// JSON's number grammar (RFC 8259).
bool is_json_number(std::string_view text);

/// SafeConstructor.construct_yaml_int. Integers beyond 64 bits become floats (Python keeps them exact).
ScalarResult construct_int(std::string_view text);

/// SafeConstructor.construct_yaml_float (also Python's float() for explicit !!float).
ScalarResult construct_float(std::string_view text);

} // namespace scsctl::yaml
