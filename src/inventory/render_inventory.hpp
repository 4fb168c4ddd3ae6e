// ansible-inventory's views of an inventory: --list (JSON), --host NAME (JSON) and
// --graph [GROUP] [--vars] (text), byte for byte. Depends on core, model and
// inventory/host_vars; performs no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/value.hpp"
#include "model/inventory.hpp"

namespace scsctl::inventory {

/// Drops the variables ansible-inventory never shows (its INTERNAL_VARS: magic and
/// option variables such as inventory_hostname, groups, playbook_dir).
void remove_internal_vars(core::Value& vars);

/// What `--host` shows for `host`: its effective variables without internal ones.
core::Value visible_host_vars(const model::Inventory& inventory, model::HostId host);

/// The `--list` document. With `only`, host lists and hostvars keep just those hosts.
core::Value list_document(const model::Inventory& inventory,
                          const std::optional<std::vector<model::HostId>>& only = std::nullopt);

/// `ansible-inventory --list` output (JSON, sorted keys, 4-space indent, final newline).
std::string render_list(const model::Inventory& inventory,
                        const std::optional<std::vector<model::HostId>>& only = std::nullopt);

/// `ansible-inventory --host NAME` output (with final newline).
std::string render_host(const model::Inventory& inventory, model::HostId host);

/// `ansible-inventory --graph GROUP [--vars]` output (with final newline).
std::string render_graph(const model::Inventory& inventory, model::GroupId start, bool with_vars);

} // namespace scsctl::inventory
