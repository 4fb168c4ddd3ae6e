// The one choke point of redaction for runs: every run event (and every ad-hoc command
// outcome) passes through here before any reporter or the journal sees it.
// Depends on core, model and the Redactor.
#pragma once

#include <functional>
#include <memory>

#include "model/command_outcome.hpp"
#include "model/run_event.hpp"
#include "secrets/redactor.hpp"

namespace scsctl::secrets {

/// Redacts every string of the event: names, results, diffs, errors, outputs.
void redact_event(model::RunEvent& event, const Redactor& redactor);

/// Redacts the outputs and error of one ad-hoc command's outcome.
void redact_outcome(model::CommandOutcome& outcome, const Redactor& redactor);

using RunEventSink = std::function<void(const model::RunEvent&)>;

/// A sink that hands `inner` a redacted copy of each event (the event itself when the
/// redactor knows no secret). Every consumer wired inside `inner` sees only those.
RunEventSink redacting_sink(std::shared_ptr<const Redactor> redactor, RunEventSink inner);

} // namespace scsctl::secrets
