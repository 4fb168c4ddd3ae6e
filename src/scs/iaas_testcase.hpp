// The vocabulary of `scsctl check scs`: a testcase's outcome (PASS, FAIL, ABORT as the
// reference runner openstack_test.py reports them), the log lines a testcase writes while it
// runs, and its result. Depends on core only.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::scs {

class IaasSubject;

/// PASS: every proposition holds; FAIL: one was shown to be violated; ABORT: the testcase
/// could not decide (an API call failed, the answer had an unexpected shape).
enum class Outcome { pass, fail, abort };

/// "PASS", "FAIL", "ABORT".
std::string_view outcome_word(Outcome outcome);

enum class LogLevel { error, warning, info };

/// "ERROR", "WARNING", "INFO".
std::string_view log_level_word(LogLevel level);

struct LogLine {
    LogLevel level = LogLevel::info;
    std::string text;
};

/// What a testcase reports while it runs, in order. Never holds a secret: testcases see
/// only names, ids and properties of the cloud's resources.
class TestLog {
  public:
    void error(std::string text) { m_lines.push_back({LogLevel::error, std::move(text)}); }
    void warning(std::string text) { m_lines.push_back({LogLevel::warning, std::move(text)}); }
    void info(std::string text) { m_lines.push_back({LogLevel::info, std::move(text)}); }
    const std::vector<LogLine>& lines() const { return m_lines; }
    std::vector<LogLine> take() { return std::move(m_lines); }

  private:
    std::vector<LogLine> m_lines;
};

/// A testcase's check: true (PASS), false (FAIL) or an error (ABORT, its message logged).
using TestcaseCheck = std::function<core::Result<bool>(IaasSubject& subject, TestLog& log)>;

struct TestcaseResult {
    std::string id;
    Outcome outcome = Outcome::abort;
    bool required = false; ///< part of the scope version's main target ("mandatory")
    std::vector<LogLine> messages;
    std::chrono::milliseconds duration{0};
};

} // namespace scsctl::scs
