// The command line as the journal stores it: -e/--extra-vars values left out (they may
// hold secrets), -e @FILE names kept. Depends on the standard library only.
#pragma once

#include <string>
#include <vector>

namespace scsctl::state {

/// The words joined with spaces (quoted where needed), each inline -e value replaced by
/// "<omitted>".
std::string journal_command_line(const std::vector<std::string>& argv);

/// This process's arguments (/proc/self/cmdline), or {} when unavailable.
std::vector<std::string> own_arguments();

} // namespace scsctl::state
