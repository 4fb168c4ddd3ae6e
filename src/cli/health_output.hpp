// Output of `scsctl health`: the text table, the JSON document and the JUnit XML of the
// layers' check results. Formatting only. Depends on health and report (XML escaping).
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

/// One testsuite per layer, one testcase per check and host (classname health.LAYER).
std::string health_junit_xml(const std::vector<health::LayerSummary>& summaries);

} // namespace scsctl::cli
