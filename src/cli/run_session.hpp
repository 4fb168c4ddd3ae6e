// What `run` and `deploy` share to run playbooks: the runner's hooks (host matching
// under --limit and --retry-failed, connections, run-time includes), the exit code of a
// recap, the console reporter (text, live view or JSON Lines), the connection flags, and
// the journal + lock + resume plan a run holds. Depends on cli, exec, inventory,
// playbook, report and state.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <vector>

#include "cli/global_options.hpp"
#include "cli/inventory_context.hpp"
#include "cli/lock_setup.hpp"
#include "cli/run_resume.hpp"
#include "exec/run_options.hpp"
#include "model/run_event.hpp"
#include "playbook/loader.hpp"
#include "report/event_fanout.hpp"
#include "report/live_view.hpp"
#include "state/run_store.hpp"

namespace scsctl::cli {

/// Values of repeatable comma-separated options ("a,b" "c" -> a, b, c).
std::vector<std::string> split_commas(const std::vector<std::string>& values);

/// The runner's hooks: `limit` and the resume plan (optional) select hosts; includes are
/// loaded with `load_options`.
exec::RunHooks make_hooks(const InventoryContext& context, const exec::ConnectionDefaults& defaults,
                          const playbook::LoadOptions& load_options, const std::string& limit,
                          std::shared_ptr<const ResumePlan> resume);

/// 1 when any host failed, else 3 when any was unreachable, else 0.
int exit_code_of(const model::Recap& recap);

/// --become, --become-user, --host-key-checking (strict, accept-new, off) applied.
void apply_connection_flags(exec::ConnectionDefaults& defaults, bool become, const std::string& become_user,
                            const std::string& host_key_checking);

/// Adds the console reporter the options ask for (JSON Lines, the live view on a
/// terminal, else text); returns the live view when it is one (owned by `reporters`).
report::LiveView* add_console_reporter(report::EventFanout& reporters, const GlobalOptions& options);

struct RunJournal {
    std::unique_ptr<state::RunStore> journal; ///< the SQLite journal or etcd
    std::shared_ptr<const ResumePlan> resume;
    std::unique_ptr<HeldRunLock> lock; ///< released when the run's scope ends, however it ends
};

/// What a run asks of its journal: --state, and the resume request (resume or
/// retry_failed set) with the run's kind and paths to find the run to resume.
struct RunJournalRequest {
    std::string state;
    ResumeRequest resume;
    std::string kind = "run";
    std::string playbook_paths;
    std::string inventory_paths;
};

/// Opens the journal (required with --state, --resume, --retry-failed), takes the
/// inventory lock for `kind` (exit 4 when another run holds it) and reads the resume plan.
std::expected<RunJournal, int> open_run_journal(const RunJournalRequest& request, const GlobalOptions& options,
                                                const Console& console);

} // namespace scsctl::cli
