// JUnit XML for CI (`--junit FILE`): one <testsuite> per play, one <testcase> per
// task×host, <failure>/<error>/<skipped/> by outcome, stdout and stderr as system-out and
// system-err. The layout is documented in docs/usage.md. Depends on core and model.
#pragma once

#include <string>

#include "report/result_collector.hpp"
#include "report/run_report.hpp"

namespace scsctl::report {

struct JunitOptions {
    std::string name;     ///< <testsuites name>, e.g. "scsctl run site.yml"
    std::string hostname; ///< the controller, each suite's hostname; "" asks gethostname()
};

/// The whole document for what was collected.
std::string junit_xml(const CollectedRun& run, const JunitOptions& options);

/// Collects the run and writes the file atomically when it finishes (also a failed or
/// interrupted run: whatever completed is in the file).
class JunitReporter : public RunReporter {
public:
    JunitReporter(std::string path, JunitOptions options, Clock clock = system_clock_ms)
        : m_path(std::move(path)), m_options(std::move(options)), m_collector(std::move(clock))
    {
    }
    void on_event(const model::RunEvent& event) override { m_collector.on_event(event); }
    core::Result<void> finish(int exit_code) override;

private:
    std::string m_path;
    JunitOptions m_options;
    ResultCollector m_collector;
};

} // namespace scsctl::report
