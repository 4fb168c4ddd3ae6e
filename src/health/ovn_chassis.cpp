// ovn-sbctl's JSON format: {"headings": ["name", "hostname"], "data": [["lab1", "lab1"], ...]}.
// Columns are found by heading, so the order of --columns does not matter. An OVSDB
// string cell is a plain JSON string; other types are ["type", value] pairs, read as "".
#include "health/ovn_chassis.hpp"

#include <algorithm>

namespace scsctl::health {

namespace {

std::string cell_text(const nlohmann::json& cell)
{
    return cell.is_string() ? cell.get<std::string>() : std::string{};
}

} // namespace

core::Result<std::vector<RegisteredChassis>> parse_chassis_table(const nlohmann::json& table)
{
    const auto bad = [](const std::string& why) {
        return core::fail(core::Error{core::ErrorKind::failed, "ovn-sbctl chassis list: " + why, {}});
    };
    if (!table.is_object() || !table.contains("headings") || !table.contains("data") ||
        !table["headings"].is_array() || !table["data"].is_array()) {
        return bad("not an OVSDB table (no headings and data)");
    }
    const auto& headings = table["headings"];
    const auto column = [&](const char* name) -> std::ptrdiff_t {
        const auto found = std::find(headings.begin(), headings.end(), name);
        return found == headings.end() ? -1 : std::distance(headings.begin(), found);
    };
    const std::ptrdiff_t name_at = column("name");
    const std::ptrdiff_t hostname_at = column("hostname");
    if (name_at < 0) {
        return bad("no 'name' column");
    }
    std::vector<RegisteredChassis> chassis;
    for (const auto& row : table["data"]) {
        if (!row.is_array() || static_cast<std::ptrdiff_t>(row.size()) <= std::max(name_at, hostname_at)) {
            return bad("a row has fewer cells than headings");
        }
        chassis.push_back({cell_text(row[name_at]), hostname_at < 0 ? std::string{} : cell_text(row[hostname_at])});
    }
    return chassis;
}

std::vector<std::string> missing_chassis(const std::vector<std::string>& expected,
                                         const std::vector<RegisteredChassis>& registered)
{
    std::vector<std::string> missing;
    for (const auto& name : expected) {
        const bool found = std::any_of(registered.begin(), registered.end(), [&](const RegisteredChassis& chassis) {
            return chassis.name == name || chassis.hostname == name;
        });
        if (!found) {
            missing.push_back(name);
        }
    }
    return missing;
}

} // namespace scsctl::health
