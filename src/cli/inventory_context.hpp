// Loading what a command that talks to hosts needs: effective settings, the inventory
// (all problems reported at once), and the hosts a pattern and --limit select.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "cli/global_options.hpp"
#include "config/settings.hpp"
#include "exec/endpoint_vars.hpp"
#include "inventory/loader.hpp"

namespace scsctl::cli {

struct InventoryContext {
    config::Settings settings;
    inventory::LoadResult loaded;
    std::string inventory_dir; ///< directory of the first source (for known_hosts)
};

/// Loads settings and inventory; on error prints every diagnostic and returns exit 2.
std::expected<InventoryContext, int> load_inventory_context(const GlobalOptions& options, const Console& console,
                                                            std::vector<config::FlagValue> flags = {});

/// Hosts matching `pattern` within `limit`; prints an error and returns 2 when the
/// pattern is invalid, and when nothing matches (a no-op run is almost always a typo).
std::expected<std::vector<model::HostId>, int> select_hosts(const InventoryContext& context,
                                                            const std::string& pattern, const std::string& limit,
                                                            const Console& console);

/// The connection of every selected host, its templated connection variables rendered
/// under `extra_vars` (the secret store's values); prints each problem and returns 2 if
/// any. Unsupported ssh options are reported once each, as warnings.
std::expected<std::vector<exec::HostConnection>, int> connections_for(const InventoryContext& context,
                                                                      const std::vector<model::HostId>& hosts,
                                                                      const exec::ConnectionDefaults& defaults,
                                                                      const Console& console,
                                                                      const core::Value& extra_vars = core::Value::object());

/// Connection defaults from the settings (remote_user, private_key_file,
/// host_key_checking, timeout) and the inventory directory.
exec::ConnectionDefaults connection_defaults(const InventoryContext& context);

} // namespace scsctl::cli
