// One event sink for many reporters: the CLI hands the runner a single callback and adds
// the reporters the flags ask for (console, JUnit, HTML). Depends on core and model.
#pragma once

#include <memory>
#include <vector>

#include "report/run_report.hpp"

namespace scsctl::report {

class EventFanout : public RunReporter {
public:
    void add(std::unique_ptr<RunReporter> reporter);
    bool empty() const { return m_reporters.empty(); }
    /// Every reporter sees every event, in the order they were added.
    void on_event(const model::RunEvent& event) override;
    /// Finishes every reporter (a failing one does not stop the others); the first error.
    core::Result<void> finish(int exit_code) override;
    /// Finishes every reporter; all their errors.
    std::vector<core::Error> finish_all(int exit_code);

private:
    std::vector<std::unique_ptr<RunReporter>> m_reporters;
    bool m_finished = false;
};

} // namespace scsctl::report
