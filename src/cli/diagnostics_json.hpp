// Diagnostics as one JSON list on stdout (--output json of `inventory validate` and
// `validate`): severity, file, line, column and message per entry, sorted by place.
#pragma once

#include "core/diagnostics.hpp"

namespace scsctl::cli {

void print_diagnostics_json(const core::Diagnostics& diagnostics);

} // namespace scsctl::cli
