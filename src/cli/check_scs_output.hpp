// Output of `scsctl check scs`: the reference-style `ID: PASS|FAIL|ABORT` line per testcase
// with its log lines, the summary table, the JSON document (docs/scs.md) and the JUnit XML.
// Formatting only. Depends on core, scs and report (XML escaping).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/value.hpp"
#include "scs/iaas_scope.hpp"

namespace scsctl::cli {

/// What a report says besides the results.
struct ScsCheckRun {
    std::string subject;    ///< --subject, else the cloud's name
    std::string version;    ///< "v5.1"
    std::string checked_at; ///< UTC, ISO 8601
    std::string preflight_error; ///< "" when the preflight passed
    std::vector<scs::TestcaseResult> results;
};

/// "ID: RESULT" and, indented below, the testcase's ERROR and WARNING lines (INFO too when
/// `verbose`).
std::string testcase_text(const scs::TestcaseResult& result, bool verbose);

/// One row per standard (testcases, PASS, FAIL, ABORT, required not passed), then a line
/// with the required and recommended totals and the verdict.
std::string summary_text(const ScsCheckRun& run, std::span<const scs::TestcaseSpec* const> selected);

/// Whether every required testcase passed (none selected counts as passed).
bool required_passed(const std::vector<scs::TestcaseResult>& results);

core::Value check_json(const ScsCheckRun& run, std::span<const scs::TestcaseSpec* const> selected);

/// One testsuite, one testcase per id (classname: its standard). Required: FAIL is a
/// <failure>, ABORT an <error>; a recommended testcase that did not pass is <skipped>.
std::string check_junit_xml(const ScsCheckRun& run, std::span<const scs::TestcaseSpec* const> selected);

/// The current time as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_timestamp();

} // namespace scsctl::cli
