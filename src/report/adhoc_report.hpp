// Reporting `scsctl exec` results: text grouped by identical outcome (each group once,
// with its host list), or JSON Lines (one object per host). Depends on core and model.
#pragma once

#include <ostream>
#include <vector>

#include "model/command_outcome.hpp"

namespace scsctl::report {

/// Groups of hosts with identical status, exit code, signal, stdout and stderr (and,
/// for hosts where nothing ran, the same kind of failure), in first-seen order.
struct OutcomeGroup {
    std::vector<const model::CommandOutcome*> members;
};
std::vector<OutcomeGroup> group_outcomes(const std::vector<model::CommandOutcome>& outcomes);

/// Text report of all groups. `color` adds ANSI colours to the status words.
void write_adhoc_text(std::ostream& out, const std::vector<model::CommandOutcome>& outcomes, bool color);

/// One JSON object (one line) for one host. stdout/stderr that are not valid UTF-8 are
/// base64-encoded and flagged with "stdout_encoding"/"stderr_encoding": "base64".
void write_adhoc_json_line(std::ostream& out, const model::CommandOutcome& outcome);

/// "N ok, N failed, N unreachable".
std::string adhoc_summary(const std::vector<model::CommandOutcome>& outcomes);

} // namespace scsctl::report
