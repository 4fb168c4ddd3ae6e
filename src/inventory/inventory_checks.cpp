// Name checks on a loaded inventory. Must not read files or change the inventory.
#include "inventory/inventory_checks.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace scsctl::inventory {

namespace {

bool is_space(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

/// Ansible's variable-name rule for groups: a word character that is not a digit,
/// then word characters (non-ASCII letters are accepted as Python does).
bool is_valid_group_name(const std::string& name)
{
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front())) != 0) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x80 || std::isalnum(byte) != 0 || c == '_';
    });
}

} // namespace

void check_inventory(const model::Inventory& inventory, core::Diagnostics& diagnostics, bool detailed)
{
    for (const auto& host : inventory.hosts()) {
        if (host.implicit) {
            continue;
        }
        if (std::all_of(host.name.begin(), host.name.end(), is_space)) {
            diagnostics.error(host.where, "host name is empty");
        } else if (std::any_of(host.name.begin(), host.name.end(), is_space)) {
            diagnostics.warning(host.where, "host name '" + host.name + "' contains whitespace");
        }
    }
    std::vector<std::string> invalid;
    for (const auto& group : inventory.groups()) {
        if (is_valid_group_name(group.name)) {
            continue;
        }
        invalid.push_back("'" + group.name + "'");
        if (detailed) {
            diagnostics.warning(group.where, "group name '" + group.name +
                                                 "' is not a valid variable name (use letters, digits and "
                                                 "underscores, not starting with a digit)");
        }
    }
    if (!detailed && !invalid.empty()) {
        std::string names = invalid.front();
        for (std::size_t i = 1; i < std::min<std::size_t>(invalid.size(), 3); ++i) {
            names += ", " + invalid[i];
        }
        diagnostics.warning({}, std::to_string(invalid.size()) + " group name" + (invalid.size() == 1 ? " is" : "s are") +
                                    " not valid variable names (" + names + (invalid.size() > 3 ? ", ..." : "") +
                                    "); 'scsctl inventory validate' lists them");
    }
}

} // namespace scsctl::inventory
