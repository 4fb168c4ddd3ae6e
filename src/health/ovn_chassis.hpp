// The ovn layer's health: every expected chassis is registered in the southbound
// database. Pure: reads the JSON of `ovn-sbctl --format=json --columns=name,hostname list
// Chassis` (OVSDB's table format). Depends on nlohmann-json only.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace scsctl::health {

struct RegisteredChassis {
    std::string name;
    std::string hostname;
};

/// The chassis in the table, or an error when the document is not that table.
core::Result<std::vector<RegisteredChassis>> parse_chassis_table(const nlohmann::json& table);

/// The expected names (inventory hosts of ovn_controller) that no chassis carries as its
/// name or hostname, in the order expected.
std::vector<std::string> missing_chassis(const std::vector<std::string>& expected,
                                         const std::vector<RegisteredChassis>& registered);

} // namespace scsctl::health
