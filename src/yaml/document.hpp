// Located YAML documents: yaml-cpp parsing with precise, one-line errors (tabs, duplicate
// keys, syntax) and conversion to core::Value with PyYAML's YAML 1.1 typing, as Ansible
// reads YAML; whole-file loading (load_value) through libyaml. Depends on core only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/diagnostics.hpp"
#include "core/location.hpp"
#include "core/value.hpp"
#include "yaml/map_entry.hpp"
#include "yaml/scalar.hpp"
#include "yaml/value_budget.hpp"

namespace scsctl::yaml {

/// Parses the single document of `text` (read from `path`); an empty text gives a null
/// node. Syntax errors, tab indentation, too deep nesting and a second document (which
/// Ansible refuses too) are reported located and yield nullopt.
std::optional<YAML::Node> parse(const std::string& path, std::string_view text, core::Diagnostics& diagnostics);

/// Where `node` starts in `path` (1-based line and column; 0 when unknown).
core::Location location_of(const std::string& path, const YAML::Node& node);

/// Typing::json when `text` is valid JSON (Ansible tries json.loads first), else yaml11.
Typing typing_of(std::string_view text);

/// Converts `node` to a Value the way Ansible's YAML loader does: plain scalars typed by
/// YAML 1.1 rules (yes/no/on/off booleans, 0o/0x/0b/sexagesimal ints, floats with a
/// dot, ~/null, timestamps as isoformat strings), quoted scalars as strings, explicit
/// tags honoured, merge keys (<<) applied, keys stringified as Python's json does.
/// Duplicate keys, bad tags and recursive aliases are reported as errors (the value is
/// still returned, last key winning, as Ansible keeps it).
core::Value to_value(const std::string& path, const YAML::Node& node, core::Diagnostics& diagnostics,
                     Typing typing = Typing::yaml11, ValueBudget* budget = nullptr);

/// A scalar node as a Value by YAML 1.1 rules (see to_value); invalid scalars give null.
core::Value scalar_to_value(const YAML::Node& node);

/// Ansible's from_yaml on a whole file: JSON typing when `text` is JSON, else YAML 1.1;
/// nullopt (with located errors) when it does not parse. Empty text gives null.
/// Parses with libyaml (parse_tree), the scanner of PyYAML's CLoader that Ansible uses.
/// `root_location`, when given, receives where the top-level value starts.
std::optional<core::Value> load_value(const std::string& path, std::string_view text, core::Diagnostics& diagnostics,
                                      core::Location* root_location = nullptr);

/// One key of a mapping after merge keys are applied and duplicates collapsed.
/// Beware: assigning to a YAML::Node writes through to the document; rebind with reset().
using MapEntry = BasicMapEntry<YAML::Node>;

/// The entries of mapping `node` as PyYAML builds the dict: merged (<<) entries first,
/// later keys replacing earlier ones in place. Duplicate explicit keys, unhashable keys
/// and bad merge values are reported located.
std::vector<MapEntry> mapping_entries(const std::string& path, const YAML::Node& node, core::Diagnostics& diagnostics,
                                      Typing typing = Typing::yaml11);

/// "a mapping", "a sequence", "a string", "null"...: what a node is, for messages.
std::string describe_node(const YAML::Node& node, Typing typing = Typing::yaml11);

} // namespace scsctl::yaml
