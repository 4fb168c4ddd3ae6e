// Where an inventory variable is set, for located validation messages: the model keeps
// the place of hosts and groups but not of each variable, so the locator looks for the
// key in the files that set it, in Ansible's precedence (the winning file first).
// Depends on core, model and inventory (host_vars' group order).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/location.hpp"
#include "model/inventory.hpp"

namespace scsctl::layers {

class VarLocator {
  public:
    explicit VarLocator(const model::Inventory& inventory) : m_inventory(inventory) {}

    /// Where `key` of `host` is set (host_vars file, host line, group_vars file, group),
    /// else the host's own place.
    core::Location host_var(model::HostId host, const std::string& key) const;

    /// Where the region variable `key` (group 'all') is set, else the inventory file.
    core::Location region_var(const std::string& key) const;

    /// Where `key` is set for `group` (group_vars file, else the group's vars in the
    /// inventory); empty when the group does not set it.
    core::Location group_var(model::GroupId group, const std::string& key) const;

    /// The inventory file itself (line 1, column 1): where missing things are reported.
    core::Location inventory_file() const;

  private:
    /// `key:` (YAML) or `key=` (INI) at or after `from_line` in `file`; empty if absent.
    core::Location find_key(const std::string& file, const std::string& key, int from_line) const;
    core::Location in_files(const std::vector<std::string>* files, const std::string& key) const;
    const std::vector<std::string>& lines_of(const std::string& file) const;

    const model::Inventory& m_inventory;
    mutable std::map<std::string, std::vector<std::string>> m_lines;
};

} // namespace scsctl::layers
