// One key of a YAML mapping as PyYAML builds the dict, for any node type (yaml-cpp's
// YAML::Node or a Tree's TreeNode). Depends on core only.
#pragma once

#include <string>

#include "core/value.hpp"

namespace scsctl::yaml {

/// One key of a mapping after merge keys are applied and duplicates collapsed.
template <class Node>
struct BasicMapEntry {
    Node key;
    Node value;
    core::Value key_value; ///< the typed key (a string, number, bool or null)
    std::string name;      ///< the key as Python's json prints it
};

} // namespace scsctl::yaml
