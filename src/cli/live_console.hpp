// The live status line of `scsctl run` on a terminal (report/live_view.hpp): whether to
// show it (text output to a terminal that can erase a line), the terminal's width, and
// the ETA's history: how long each task took in the last finished run of the same
// playbooks on the same inventories, from the journal. Depends on cli, report and state.
#pragma once

#include <string>
#include <vector>

#include "cli/global_options.hpp"
#include "report/live_view.hpp"
#include "state/run_store.hpp"

namespace scsctl::cli {

/// Text output, stdout a terminal, TERM set and not "dumb".
bool live_view_wanted(const GlobalOptions& options);

/// Columns of the terminal on stdout (COLUMNS, else 80, when it cannot be asked).
int terminal_columns();

/// Each task's wall time (first start to last end over its hosts, results taken over by
/// --resume left out) in the newest finished run with these playbook and inventory paths,
/// in the order the tasks started; empty when there is none or the journal cannot be read.
std::vector<report::TaskTiming> task_history(state::RunStore& journal, const std::string& playbook_paths,
                                             const std::string& inventory_paths);

} // namespace scsctl::cli
