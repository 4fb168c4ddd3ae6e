// JUnit XML of `scsctl validate --junit FILE`: one testsuite, one testcase per rule×layer
// (classname "layers.<layer>", or "inventory" for inventory-wide rules and the load),
// a failure holding the located messages. Depends on core, layers and report.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "layers/validate.hpp"

namespace scsctl::cli {

/// The document for the inventory load's diagnostics and the rules' outcomes.
std::string validate_junit_xml(const core::Diagnostics& load, const std::vector<layers::RuleOutcome>& outcomes);

} // namespace scsctl::cli
