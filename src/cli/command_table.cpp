// The table of top-level subcommands, in the order help lists them.
#include "cli/command_table.hpp"

namespace scsctl::cli {

namespace {

constexpr CommandSpec k_commands[] = {
    {"inventory", "Read, list, graph and validate Ansible-compatible inventories", define_inventory},
    {"config", "Show the effective configuration and where each value came from", define_config},
    {"completion", "Print a shell completion script (bash or zsh)", define_completion},
    {"man", "Print the manual page (troff)", define_man},
};

} // namespace

std::span<const CommandSpec> command_table()
{
    return k_commands;
}

} // namespace scsctl::cli
