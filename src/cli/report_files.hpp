// The report files of `run` and `exec` (--junit FILE, --report FILE.html): the options,
// the early check that the files can be written, their reporters in the command's event
// fan-out, and the final write however the command ends. Depends on cli and report.
#pragma once

#include <expected>
#include <initializer_list>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "report/event_fanout.hpp"

namespace scsctl::cli {

struct ReportFiles {
    std::string junit; ///< --junit FILE
    std::string html;  ///< --report FILE.html
};

/// Whether every non-empty path in `paths` (--junit, --output-file, -o …) can be written;
/// prints the first that cannot. Commands check this before they run anything (exit 2).
bool output_files_writable(std::initializer_list<const std::string*> paths, const Console& console);

/// Adds --junit and --report to a subcommand.
void add_report_file_options(CLI::App& command, ReportFiles& files);

/// Adds a reporter for each file asked for, titled `title` (the playbooks, or the exec
/// pattern and command). A file that cannot be written is an error before anything runs
/// (exit 2).
std::expected<void, int> add_file_reporters(report::EventFanout& fanout, const ReportFiles& files,
                                            const std::string& title, const Console& console);

/// Finishes every reporter with the command's exit code and prints each failure to write
/// a file; the exit code stays the command's (the run itself is what CI judges).
int finish_reports(report::EventFanout& fanout, int exit_code, const Console& console);

} // namespace scsctl::cli
