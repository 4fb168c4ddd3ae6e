// The subcommand table: one row per top-level subcommand, each defined in its own
// cmd_<name>.cpp. No static self-registration: this table is the whole list.
#pragma once

#include <span>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace scsctl::cli {

struct CommandSpec {
    const char* name;
    const char* summary;
    /// Adds the subcommand's options and sub-subcommands to `command` and sets
    /// `options.action` from its callbacks.
    void (*define)(CLI::App& command, GlobalOptions& options);
};

std::span<const CommandSpec> command_table();

// One per cmd_<name>.cpp.
void define_inventory(CLI::App& command, GlobalOptions& options);
void define_exec(CLI::App& command, GlobalOptions& options);
void define_run(CLI::App& command, GlobalOptions& options);
void define_runs(CLI::App& command, GlobalOptions& options);
void define_lock(CLI::App& command, GlobalOptions& options);
void define_unlock(CLI::App& command, GlobalOptions& options);
void define_vars(CLI::App& command, GlobalOptions& options);
void define_ssh(CLI::App& command, GlobalOptions& options);
void define_secrets(CLI::App& command, GlobalOptions& options);
void define_config(CLI::App& command, GlobalOptions& options);
void define_completion(CLI::App& command, GlobalOptions& options);
void define_man(CLI::App& command, GlobalOptions& options);
void define_layers(CLI::App& command, GlobalOptions& options);
void define_validate(CLI::App& command, GlobalOptions& options);
void define_plan(CLI::App& command, GlobalOptions& options);
void define_deploy(CLI::App& command, GlobalOptions& options);
void define_upgrade(CLI::App& command, GlobalOptions& options);
void define_destroy(CLI::App& command, GlobalOptions& options);
void define_restore(CLI::App& command, GlobalOptions& options);
void define_status(CLI::App& command, GlobalOptions& options);
void define_drift(CLI::App& command, GlobalOptions& options);
void define_scs(CLI::App& command, GlobalOptions& options);
void define_openstack(CLI::App& command, GlobalOptions& options);
void define_check(CLI::App& command, GlobalOptions& options);
void define_health(CLI::App& command, GlobalOptions& options);
void define_preflight(CLI::App& command, GlobalOptions& options);
void define_lab(CLI::App& command, GlobalOptions& options);

} // namespace scsctl::cli
