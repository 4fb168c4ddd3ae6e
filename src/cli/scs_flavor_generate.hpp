// `scsctl scs flavor-name generate`: flavor fields (options, or the JSON objects that
// `flavor-name --json` prints) to the canonical name and its scs-0103 extra_specs.
// Depends on core and scs.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"

namespace scsctl::cli {

/// Adds `generate` under `flavor_name` and returns it.
CLI::App* define_flavor_generate(CLI::App& flavor_name, GlobalOptions& options);

} // namespace scsctl::cli
