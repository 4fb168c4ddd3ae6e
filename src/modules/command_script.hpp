// The script command, shell and script run on the host: creates/removes guards and
// chdir folded into one round trip, remote start/end times, and reading it all back
// out of stdout. Also Python's shlex.split for command's free form. Depends on core.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::modules {

/// Python's shlex.split(text) (POSIX mode, no comments); fails on an unclosed quote.
core::Result<std::vector<std::string>> shlex_split(std::string_view text);

/// argv as a sh command line: literal words single-quoted, except that $NAME, ${NAME}
/// and a leading ~ expand as the command module's expand_user_and_vars does.
std::string argv_command_line(const std::vector<std::string>& argv);

/// What wraps the user's command.
struct CommandGuards {
    std::optional<std::string> chdir;
    std::optional<std::string> creates; ///< glob: skip when something matches
    std::optional<std::string> removes; ///< glob: skip when nothing matches
};

/// The full script: guards and chdir (when given), then `command_line` as the last
/// command, so that the shell runs it directly.
std::string wrap_command(const CommandGuards& guards, std::string_view command_line);

/// Ansible's "start"/"end" form ("2026-11-24 02:03:03.727096", local time) and "delta"
/// form ("0:00:00.005257").
std::string format_time(std::chrono::system_clock::time_point when);
std::string format_delta(std::chrono::system_clock::duration elapsed);

/// A read-only script for check mode: prints the skip marker line ("::scsctl:: skip
/// creates" + the path on the next line) when a guard says no; parse_command_output reads it.
std::string guard_probe(const CommandGuards& guards);

/// The result of a wrapped command, from its step output.
struct CommandRun {
    std::string skipped_by;     ///< "creates" or "removes" when a guard said no, else ""
    bool chdir_failed = false;
    std::string path;           ///< the guard's path (skipped) or the chdir directory
    std::string stdout_text;    ///< without the markers
    std::string start, end, delta;
};

CommandRun parse_command_output(std::string_view stdout_text);

/// Ansible's skip messages for a guard ("skipped, since /x exists", "Did not run command
/// since '/x' exists"); `check_mode` says "Would not run".
void add_skip_keys(core::Value& result, std::string_view skipped_by, std::string_view path, bool check_mode);

/// Ansible's rstrip of "\r\n" and the *_lines split (splitlines).
std::string strip_trailing_newlines(std::string text);
core::Value split_lines(std::string_view text);

} // namespace scsctl::modules
