// Wiring the run journal into commands that talk to hosts (run, exec) and those that
// read it (runs): where it lives (--state PATH or etcd:// URL, else beside the first
// inventory source), opening its store (state/run_store.hpp), and the run row each
// command starts with. Depends on cli and state.
#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "model/run_event.hpp"
#include "state/run_store.hpp"
#include "state/journal_recorder.hpp"

namespace scsctl::cli {

/// Adds --state PATH|URL to a subcommand.
void add_state_option(CLI::App& command, std::string& state_path);

/// --state when given, else the default beside the first inventory source; nullopt when
/// there is none (no -i, or an inline host list).
std::optional<std::string> journal_path(const std::string& state_flag, const GlobalOptions& options);

/// Opens the journal. When `required` (the user asked for it: --state, --resume, `runs`)
/// a failure is an error (exit 2); otherwise it is a warning and the command runs
/// without a journal (nullptr).
std::expected<std::unique_ptr<state::RunStore>, int> open_journal(const std::optional<std::string>& path,
                                                                 bool required, const Console& console);

/// One command's run in the journal: records its events, ends it with its exit code.
class JournalSession {
public:
    /// Starts the run (no-op without a journal); a failure is a warning.
    JournalSession(state::RunStore* journal, state::RunRow run, const Console& console);
    state::RunId run() const { return m_run; }
    state::JournalRecorder* recorder() { return m_recorder.get(); }
    void on_event(const model::RunEvent& event);
    /// finished (0), interrupted (130, 143) or failed; warns when the journal failed.
    void finish(int exit_code);

private:
    state::RunStore* m_journal;
    const Console& m_console;
    state::RunId m_run = 0;
    std::unique_ptr<state::JournalRecorder> m_recorder;
};

/// The user running scsctl (the journal's and the lock's owner).
std::string user_name();

/// The parts of a run row every command fills the same way: kind, command line (-e
/// values left out), user, start, pid, inventory paths and hash.
state::RunRow new_run_row(const std::string& kind, const GlobalOptions& options);

/// Absolute paths joined with '\n' (inline host lists kept as written), and the digest
/// of the files' contents (directories walked in order, .scsctl/ left out).
std::string joined_paths(const std::vector<std::string>& paths);
std::string contents_digest(const std::vector<std::string>& paths);

} // namespace scsctl::cli
