// Located YAML documents: yaml-cpp parsing with precise, one-line errors (tabs, duplicate
// keys, syntax) and conversion to core::Value with PyYAML's YAML 1.1 typing, as Ansible
// reads YAML. Depends on core and yaml-cpp only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/diagnostics.hpp"
#include "core/location.hpp"
#include "core/value.hpp"
#include "yaml/scalar.hpp"

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
/// How many values one document may expand to (aliases counted each time they are used),
/// shared by every conversion of that document so an alias bomb spread over several
/// variables is cut off once and reported once.
struct ValueBudget {
    std::size_t remaining = 2'000'000;
    bool reported = false;
};

core::Value to_value(const std::string& path, const YAML::Node& node, core::Diagnostics& diagnostics,
                     Typing typing = Typing::yaml11, ValueBudget* budget = nullptr);

/// A scalar node as a Value by YAML 1.1 rules (see to_value); invalid scalars give null.
core::Value scalar_to_value(const YAML::Node& node);

/// Ansible's from_yaml on a whole file: JSON typing when `text` is JSON, else YAML 1.1;
/// nullopt (with located errors) when it does not parse. Empty text gives null.
/// `root_location`, when given, receives where the top-level value starts.
std::optional<core::Value> load_value(const std::string& path, std::string_view text, core::Diagnostics& diagnostics,
                                      core::Location* root_location = nullptr);

/// One key of a mapping after merge keys are applied and duplicates collapsed.
/// Beware: assigning to a YAML::Node writes through to the document; rebind with reset().
struct MapEntry {
    YAML::Node key;
    YAML::Node value;
    core::Value key_value; ///< the typed key (a string, number, bool or null)
    std::string name;      ///< the key as Python's json prints it
};

/// The entries of mapping `node` as PyYAML builds the dict: merged (<<) entries first,
/// later keys replacing earlier ones in place. Duplicate explicit keys, unhashable keys
/// and bad merge values are reported located.
std::vector<MapEntry> mapping_entries(const std::string& path, const YAML::Node& node, core::Diagnostics& diagnostics,
                                      Typing typing = Typing::yaml11);

/// "a mapping", "a sequence", "a string", "null"...: what a node is, for messages.
std::string describe_node(const YAML::Node& node, Typing typing = Typing::yaml11);

} // namespace scsctl::yaml
