// The composition root: builds the CLI11 app from the command table, parses, runs the
// chosen command, and turns every failure into a one-line message and an exit code.
#pragma once

#include <CLI/CLI.hpp>

namespace scsctl::cli {

struct GlobalOptions;

/// Runs scsctl with `argv`; returns the process exit code.
int run(int argc, char** argv);

/// Builds the whole command tree (used by run, the man page and shell completion).
void build_app(CLI::App& app, GlobalOptions& options);

} // namespace scsctl::cli
