// Output of `scsctl health`: the text table, the JSON document, the Prometheus text
// exposition and the JUnit XML of the layers' check results. Formatting only. Depends on
// health and report (XML escaping, the Prometheus text format).
#pragma once

#include <string>
#include <vector>

#include "core/value.hpp"
#include "health/runner.hpp"

namespace scsctl::cli {

/// LAYER CHECK HOST RESULT DETAIL, one row per result.
std::string health_text(const std::vector<health::LayerSummary>& summaries);

/// {"ok", "passed", "failed", "errors", "layers": [{"name", "ok", "results": [...]}]}.
core::Value health_json(const std::vector<health::LayerSummary>& summaries);

/// The Prometheus text exposition for the node exporter's textfile collector:
/// scsctl_health_check_status{layer,check,host} (1 pass, 0 fail or error),
/// scsctl_health_check_duration_seconds{layer,check,host}, scsctl_health_results{status},
/// scsctl_health_ok and scsctl_health_last_run_timestamp_seconds (`run_time`, seconds
/// since the epoch). Samples sorted by labels.
std::string health_prometheus(const std::vector<health::LayerSummary>& summaries, double run_time);

/// One testsuite per layer, one testcase per check and host (classname health.LAYER).
std::string health_junit_xml(const std::vector<health::LayerSummary>& summaries);

} // namespace scsctl::cli
