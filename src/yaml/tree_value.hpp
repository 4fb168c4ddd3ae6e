// A libyaml Tree's nodes as Values and mapping entries, with the same PyYAML rules as
// yaml-cpp's nodes get in document.hpp. Depends on core only (no yaml-cpp).
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/value.hpp"
#include "yaml/map_entry.hpp"
#include "yaml/scalar.hpp"
#include "yaml/tree.hpp"
#include "yaml/value_budget.hpp"

namespace scsctl::yaml {

using TreeEntry = BasicMapEntry<TreeNode>;

/// `node` as a Value (see the YAML::Node overload in document.hpp for the rules).
core::Value to_value(const std::string& path, const TreeNode& node, core::Diagnostics& diagnostics,
                     Typing typing = Typing::yaml11, ValueBudget* budget = nullptr);

/// The entries of mapping `node` as PyYAML builds the dict (see document.hpp).
std::vector<TreeEntry> mapping_entries(const std::string& path, const TreeNode& node, core::Diagnostics& diagnostics,
                                       Typing typing = Typing::yaml11);

/// "a mapping", "a sequence", "a string", "null"...: what a node is, for messages.
std::string describe_node(const TreeNode& node, Typing typing = Typing::yaml11);

} // namespace scsctl::yaml
