// scsctl config (placeholder until implemented).
#include "cli/command_table.hpp"

namespace scsctl::cli {

void define_config(CLI::App& command, GlobalOptions& options)
{
    (void)command;
    (void)options;
}

} // namespace scsctl::cli
