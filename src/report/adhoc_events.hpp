// `scsctl exec` outcomes as run events, so that the file reports (JUnit, HTML) serve
// `exec` as they serve `run`: the command is one task of one play, each host's outcome
// one result and verdict. Depends on core and model.
#pragma once

#include <string>
#include <vector>

#include "model/command_outcome.hpp"
#include "model/run_event.hpp"

namespace scsctl::report {

/// The play ("exec PATTERN") and task (the command) that the results belong to.
std::vector<model::RunEvent> adhoc_start_events(const std::string& pattern, const std::string& command);

/// One host's outcome: its HostResult, then its TaskDone verdict.
std::vector<model::RunEvent> adhoc_outcome_events(const model::CommandOutcome& outcome, const std::string& command);

/// The recap: ok, failed or unreachable per host.
model::Recap adhoc_recap(const std::vector<model::CommandOutcome>& outcomes);

} // namespace scsctl::report
