// Reporters for `scsctl run`: Ansible's default text layout (PLAY/TASK banners, one line
// per host and item, diffs, the PLAY RECAP) and JSON Lines (one object per event, ending
// with the recap). They only receive events. Depends on core and model.
#pragma once

#include <ostream>

#include "core/result.hpp"
#include "model/run_event.hpp"

namespace scsctl::report {

class RunReporter {
public:
    virtual ~RunReporter() = default;
    virtual void on_event(const model::RunEvent& event) = 0;
    /// Called once when the run ends, however it ends (`exit_code` is the process's):
    /// reporters that write files write them here. An error is one line naming the file.
    virtual core::Result<void> finish(int exit_code)
    {
        (void)exit_code;
        return {};
    }
};

struct TextReportOptions {
    bool color = false;
    int verbosity = 0; ///< -v: print every result's return values
};

class TextRunReporter : public RunReporter {
public:
    TextRunReporter(std::ostream& out, TextReportOptions options) : m_out(out), m_options(options) {}
    void on_event(const model::RunEvent& event) override;

private:
    void host_result(const model::HostResult& result);
    void recap(const model::Recap& recap);
    std::ostream& m_out;
    TextReportOptions m_options;
};

class JsonRunReporter : public RunReporter {
public:
    explicit JsonRunReporter(std::ostream& out) : m_out(out) {}
    void on_event(const model::RunEvent& event) override;

private:
    std::ostream& m_out;
};

/// An event as its JSON line object (without the newline).
core::Value event_json(const model::RunEvent& event);

} // namespace scsctl::report
