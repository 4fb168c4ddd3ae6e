// The report files are checked before the run so that a wrong path costs nothing, and
// written at the end by the reporters (temp file + rename).
#include "cli/report_files.hpp"

#include "core/exit_codes.hpp"
#include "report/atomic_file.hpp"
#include "report/html_report.hpp"
#include "report/junit_report.hpp"
#include "state/command_line.hpp"

namespace scsctl::cli {

void add_report_file_options(CLI::App& command, ReportFiles& files)
{
    command.add_option("--junit", files.junit, "Write JUnit XML to FILE when the run ends (one test per task and host)")
        ->type_name("FILE");
    command.add_option("--report", files.html,
                       "Write a self-contained HTML report to FILE when the run ends (failures, per-host timeline)")
        ->type_name("FILE");
}

bool output_files_writable(std::initializer_list<const std::string*> paths, const Console& console)
{
    for (const std::string* path : paths) {
        if (path->empty()) {
            continue;
        }
        if (auto writable = report::check_writable(*path); !writable) {
            console.error(writable.error().str());
            return false;
        }
    }
    return true;
}

std::expected<void, int> add_file_reporters(report::EventFanout& fanout, const ReportFiles& files,
                                            const std::string& title, const Console& console)
{
    if (!output_files_writable({&files.junit, &files.html}, console)) {
        return std::unexpected(core::k_exit_usage);
    }
    // The command line as the journal keeps it: -e values left out, they may be secrets.
    const std::string command = state::journal_command_line(state::own_arguments());
    if (!files.junit.empty()) {
        fanout.add(std::make_unique<report::JunitReporter>(files.junit, report::JunitOptions{"scsctl " + title, ""}));
    }
    if (!files.html.empty()) {
        fanout.add(std::make_unique<report::HtmlReporter>(files.html, report::HtmlOptions{title, command}));
    }
    return {};
}

int finish_reports(report::EventFanout& fanout, int exit_code, const Console& console)
{
    for (const auto& error : fanout.finish_all(exit_code)) {
        console.error(error.str());
    }
    return exit_code;
}

} // namespace scsctl::cli
