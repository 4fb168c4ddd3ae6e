// How `scsctl drift` shows what it found (model/drift.hpp): the text report (per layer:
// its last deploy, whether its inputs changed since, then per host the tasks that would
// change with their diffs), the `drift_layer` JSON event (docs/json-events.md), the JUnit
// document (one suite per layer, one case per host: drift is a failure, an unreachable
// host an error, a layer never deployed skipped), and the exit code. Depends on core and model.
#pragma once

#include <string>

#include "core/value.hpp"
#include "model/drift.hpp"

namespace scsctl::report {

/// The text report, ending with a summary line.
std::string drift_text(const model::DriftReport& report);

/// One layer as the `drift_layer` JSON Lines event (with "schema").
core::Value drift_layer_json(const model::DriftLayer& layer);

/// The JUnit XML document; `hostname` "" asks gethostname(), `timestamp` is seconds since the epoch.
std::string drift_junit_xml(const model::DriftReport& report, const std::string& name, const std::string& hostname,
                            double timestamp, double duration_seconds);

/// 1 when a host drifted or a task failed there, else 3 when a host was unreachable, else 0.
int drift_exit_code(const model::DriftReport& report);

/// The summary line ("2 hosts drifted, 3 in line, 1 unreachable; layers not deployed: 1").
std::string drift_summary(const model::DriftReport& report);

} // namespace scsctl::report
