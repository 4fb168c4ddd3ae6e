// The HTML run report (`--report FILE.html`): one self-contained file (inline CSS and
// JavaScript, no external resources) with the run summary, the failures first, and a
// per-host timeline of task bars. Depends on core and model.
#pragma once

#include <string>

#include "core/value.hpp"
#include "report/result_collector.hpp"
#include "report/run_report.hpp"

namespace scsctl::report {

struct HtmlOptions {
    std::string title;   ///< e.g. "site.yml"
    std::string command; ///< e.g. "scsctl run -i inv site.yml"
};

/// What the page shows, as the JSON the page's script draws: summary, failures (those
/// that failed the run first, then ignored and rescued ones), hosts (hosts with failures
/// first, then by name) with one bar per task×host result, times relative to the start.
core::Value html_report_data(const CollectedRun& run, const HtmlOptions& options, int exit_code);

/// The whole document. Strings reach the page only as JSON data that the script puts into
/// text nodes, never as markup.
std::string html_document(const CollectedRun& run, const HtmlOptions& options, int exit_code);

/// Collects the run and writes the file atomically when it finishes, however it ends.
class HtmlReporter : public RunReporter {
public:
    HtmlReporter(std::string path, HtmlOptions options, Clock clock = system_clock_ms)
        : m_path(std::move(path)), m_options(std::move(options)), m_collector(std::move(clock))
    {
    }
    void on_event(const model::RunEvent& event) override { m_collector.on_event(event); }
    core::Result<void> finish(int exit_code) override;

private:
    std::string m_path;
    HtmlOptions m_options;
    ResultCollector m_collector;
};

/// The page's stylesheet and script (html_assets.cpp).
extern const char* const k_html_style;
extern const char* const k_html_script;

} // namespace scsctl::report
