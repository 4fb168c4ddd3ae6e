// Text, JSON and JUnit forms of one `check scs` run. The results and the selection are in
// the same order; the standard of a result is looked up in the selection.
#include "cli/check_scs_output.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>

#include "report/xml_escape.hpp"

namespace scsctl::cli {

namespace {

struct Tally {
    std::size_t total = 0;
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::size_t aborted = 0;
    std::size_t required_not_passed = 0;

    void add(const scs::TestcaseResult& result)
    {
        ++total;
        passed += result.outcome == scs::Outcome::pass ? 1 : 0;
        failed += result.outcome == scs::Outcome::fail ? 1 : 0;
        aborted += result.outcome == scs::Outcome::abort ? 1 : 0;
        required_not_passed += result.required && result.outcome != scs::Outcome::pass ? 1 : 0;
    }
};

std::string standard_of(const scs::TestcaseResult& result, std::span<const scs::TestcaseSpec* const> selected)
{
    for (const auto* spec : selected) {
        if (spec->id == result.id) {
            return spec->standard;
        }
    }
    return "";
}

bool writes(const scs::TestcaseResult& result, std::span<const scs::TestcaseSpec* const> selected)
{
    for (const auto* spec : selected) {
        if (spec->id == result.id) {
            return spec->writes;
        }
    }
    return false;
}

std::string padded(std::string text, std::size_t width)
{
    if (text.size() < width) {
        text.append(width - text.size(), ' ');
    }
    return text;
}

std::string right(std::size_t value, std::size_t width)
{
    std::string text = std::to_string(value);
    return std::string(text.size() < width ? width - text.size() : 0, ' ') + text;
}

/// The first ERROR line of a result, else its first line.
std::string first_message(const scs::TestcaseResult& result)
{
    for (const auto& line : result.messages) {
        if (line.level == scs::LogLevel::error) {
            return line.text;
        }
    }
    return result.messages.empty() ? std::string(scs::outcome_word(result.outcome)) : result.messages.front().text;
}

int reference_value(scs::Outcome outcome)
{
    switch (outcome) {
    case scs::Outcome::pass:
        return 1;
    case scs::Outcome::fail:
        return -1;
    case scs::Outcome::abort:
        break;
    }
    return 0;
}

} // namespace

std::string testcase_text(const scs::TestcaseResult& result, bool verbose)
{
    std::string text = result.id + ": " + std::string(scs::outcome_word(result.outcome)) + "\n";
    for (const auto& line : result.messages) {
        if (line.level == scs::LogLevel::info && !verbose) {
            continue;
        }
        text += "  " + std::string(scs::log_level_word(line.level)) + ": " + line.text + "\n";
    }
    return text;
}

bool required_passed(const std::vector<scs::TestcaseResult>& results)
{
    for (const auto& result : results) {
        if (result.required && result.outcome != scs::Outcome::pass) {
            return false;
        }
    }
    return true;
}

std::string summary_text(const ScsCheckRun& run, std::span<const scs::TestcaseSpec* const> selected)
{
    std::map<std::string, Tally> by_standard;
    std::vector<std::string> order;
    Tally required;
    Tally recommended;
    for (const auto& result : run.results) {
        const std::string standard = standard_of(result, selected);
        if (!by_standard.contains(standard)) {
            order.push_back(standard);
        }
        by_standard[standard].add(result);
        (result.required ? required : recommended).add(result);
    }
    std::string text = "\n" + std::string(scs::k_iaas_scope_name) + " " + run.version + ", subject " + run.subject +
                       "\n" + padded("STANDARD", 16) + "TESTCASES  PASS  FAIL  ABORT  REQUIRED-NOT-PASSED\n";
    for (const auto& standard : order) {
        const Tally& row = by_standard[standard];
        text += padded(standard, 16) + right(row.total, 9) + right(row.passed, 6) + right(row.failed, 6) +
                right(row.aborted, 7) + right(row.required_not_passed, 21) + "\n";
    }
    text += "required: " + std::to_string(required.passed) + " of " + std::to_string(required.total) +
            " passed; recommended: " + std::to_string(recommended.passed) + " of " +
            std::to_string(recommended.total) + " passed; ";
    text += required.required_not_passed == 0 ? "COMPLIANT for the testcases run\n"
                                              : "NOT COMPLIANT (" + std::to_string(required.required_not_passed) +
                                                    " required testcase(s) did not pass)\n";
    return text;
}

core::Value check_json(const ScsCheckRun& run, std::span<const scs::TestcaseSpec* const> selected)
{
    Tally all;
    Tally required;
    core::Value testcases = core::Value::array();
    core::Value tests = core::Value::object();
    for (const auto& result : run.results) {
        all.add(result);
        if (result.required) {
            required.add(result);
        }
        core::Value messages = core::Value::array();
        for (const auto& line : result.messages) {
            messages.push_back({{"level", std::string(scs::log_level_word(line.level))}, {"text", line.text}});
        }
        testcases.push_back({{"id", result.id},
                             {"standard", standard_of(result, selected)},
                             {"result", std::string(scs::outcome_word(result.outcome))},
                             {"required", result.required},
                             {"writes", writes(result, selected)},
                             {"duration_ms", result.duration.count()},
                             {"messages", std::move(messages)}});
        tests[result.id] = {{"result", reference_value(result.outcome)}};
    }
    core::Value preflight = {{"ok", run.preflight_error.empty()}};
    if (!run.preflight_error.empty()) {
        preflight["message"] = run.preflight_error;
    }
    return {{"scope", std::string(scs::k_iaas_scope_name)},
            {"scope_uuid", std::string(scs::k_iaas_scope_uuid)},
            {"version", run.version},
            {"subject", run.subject},
            {"checked_at", run.checked_at},
            {"creator", "scsctl check scs"},
            {"ok", required.required_not_passed == 0 && run.preflight_error.empty()},
            {"preflight", std::move(preflight)},
            {"summary",
             {{"total", all.total},
              {"passed", all.passed},
              {"failed", all.failed},
              {"aborted", all.aborted},
              {"required", required.total},
              {"required_passed", required.passed}}},
            {"testcases", std::move(testcases)},
            {"tests", std::move(tests)}};
}

std::string check_junit_xml(const ScsCheckRun& run, std::span<const scs::TestcaseSpec* const> selected)
{
    std::string cases;
    std::size_t failures = 0;
    std::size_t errors = 0;
    std::size_t skipped = 0;
    for (const auto& result : run.results) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.3f", static_cast<double>(result.duration.count()) / 1000.0);
        cases += "    <testcase classname=\"" + report::xml_attribute(standard_of(result, selected)) + "\" name=\"" +
                 report::xml_attribute(result.id) + "\" time=\"" + seconds + "\">\n";
        const std::string message = report::xml_attribute(report::truncated(first_message(result), 1000));
        if (result.outcome != scs::Outcome::pass && !result.required) {
            ++skipped;
            cases += "      <skipped message=\"recommended testcase " +
                     std::string(scs::outcome_word(result.outcome)) + ": " + message + "\"/>\n";
        } else if (result.outcome == scs::Outcome::fail) {
            ++failures;
            cases += "      <failure type=\"FAIL\" message=\"" + message + "\"/>\n";
        } else if (result.outcome == scs::Outcome::abort) {
            ++errors;
            cases += "      <error type=\"ABORT\" message=\"" + message + "\"/>\n";
        }
        if (!result.messages.empty()) {
            cases += "      <system-out>" + report::xml_text(testcase_text(result, true)) + "</system-out>\n";
        }
        cases += "    </testcase>\n";
    }
    const std::string counts = "tests=\"" + std::to_string(run.results.size()) + "\" failures=\"" +
                               std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" +
                               std::to_string(skipped) + "\"";
    const std::string suite = report::xml_attribute(std::string(scs::k_iaas_scope_name) + " " + run.version);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scsctl check scs\" " + counts +
           ">\n  <testsuite name=\"" + suite + "\" " + counts + " timestamp=\"" +
           report::xml_attribute(run.checked_at) + "\">\n" + cases + "  </testsuite>\n</testsuites>\n";
}

std::string utc_timestamp()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

} // namespace scsctl::cli
