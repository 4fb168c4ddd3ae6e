// The outputs of `scsctl preflight`: the host × check table with a summary line, the JSON
// document (tests/schemas/preflight.schema.json, docs/preflight.md) and JUnit XML (one
// testcase per host and check). Depends on core, preflight and report's XML escaping.
#pragma once

#include <string>
#include <vector>

#include "core/value.hpp"
#include "preflight/checks.hpp"
#include "preflight/requirements.hpp"

namespace scsctl::cli {

struct PreflightHost {
    preflight::HostReport report;
    preflight::HostRequirements requirements;
};

/// Counts for the summary line and the JSON "summary".
struct PreflightCounts {
    std::size_t hosts = 0, ready = 0, warned = 0, failed = 0, unreachable = 0;
    std::size_t checks_passed = 0, checks_warned = 0, checks_failed = 0, checks_skipped = 0;
};
PreflightCounts preflight_counts(const std::vector<PreflightHost>& hosts);

/// 0 when nothing failed, 3 when the only failures are unreachable hosts, else 1.
int preflight_exit_code(const std::vector<PreflightHost>& hosts);

std::string preflight_text(const std::vector<PreflightHost>& hosts);
std::string preflight_summary_line(const std::vector<PreflightHost>& hosts);
core::Value preflight_json(const std::vector<PreflightHost>& hosts);
std::string preflight_junit_xml(const std::vector<PreflightHost>& hosts);

} // namespace scsctl::cli
