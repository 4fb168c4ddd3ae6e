// Located YAML documents: yaml-cpp parsing with precise, one-line errors (tabs, duplicate
// keys, syntax) and conversion to core::Value with PyYAML's YAML 1.1 typing, as Ansible
// reads YAML. Depends on core and yaml-cpp only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "core/diagnostics.hpp"
#include "core/location.hpp"
#include "core/value.hpp"

namespace scsctl::yaml {

/// Parses the first document of `text` (read from `path`). Syntax errors, tab
/// indentation and similar problems are reported located and yield nullopt.
std::optional<YAML::Node> parse(const std::string& path, std::string_view text, core::Diagnostics& diagnostics);

/// Where `node` starts in `path` (1-based line and column).
core::Location location_of(const std::string& path, const YAML::Node& node);

/// Converts `node` to a Value the way Ansible's YAML loader does: plain scalars typed by
/// YAML 1.1 rules (yes/no/on/off booleans, 0o/0x/0b/sexagesimal ints, floats with a
/// dot, ~/null), quoted scalars as strings, explicit tags honoured, merge keys (<<)
/// applied. Duplicate keys are reported as errors (Ansible silently keeps the last).
core::Value to_value(const std::string& path, const YAML::Node& node, core::Diagnostics& diagnostics);

/// A scalar node as a Value by YAML 1.1 rules (see to_value).
core::Value scalar_to_value(const YAML::Node& node);

} // namespace scsctl::yaml
