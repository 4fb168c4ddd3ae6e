// What `upgrade` and `destroy` share: one layer's playbook other than deploy.yml
// (upgrade.yml, destroy.yml, backup.yml) run through the playbook engine with deploy's
// options and outputs (text, live view, --output json ending with one recap, --junit,
// --report), as one run in the journal under the inventory lock. LayerAction holds that
// wiring; the commands own their flow. Depends on cli, exec, plan, report and state.
#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/journal_setup.hpp"
#include "cli/layer_health_gate.hpp"
#include "cli/layer_recap.hpp"
#include "cli/layer_run.hpp"
#include "cli/layer_setup.hpp"
#include "cli/report_files.hpp"
#include "cli/run_session.hpp"
#include "cli/signals.hpp"
#include "state/layer_rows.hpp"

namespace scsctl::cli {

struct LayerActionFlags {
    std::string layer;        ///< the positional LAYER
    std::string playbook_dir; ///< --playbook-dir
    std::string limit;        ///< -l/--limit
    LayerRunFlags run;
    std::string state;
    ReportFiles reports;
    bool force = false;
    std::string gate = "health";
};

/// Adds LAYER, --playbook-dir, --limit, the run options, --state, --junit/--report and,
/// `with_gate`, --gate; `force_help` describes --force for this command.
void add_layer_action_options(CLI::App& command, LayerActionFlags& flags, const std::string& force_help,
                              bool with_gate);

/// A prepared run of one layer's playbooks: inventory, plan, secrets, reporters,
/// journal session (kind `kind`, resumable with `resume`), the transport and the gate.
class LayerAction {
  public:
    /// Loads and checks everything; the exit code when something is wrong (nothing ran).
    /// `playbook` is the file in the layer's directory the run is named after.
    static std::expected<std::unique_ptr<LayerAction>, int> prepare(const LayerActionFlags& flags,
                                                                    const GlobalOptions& options,
                                                                    const std::string& kind,
                                                                    const std::string& playbook,
                                                                    const ResumeRequest& resume);
    ~LayerAction();

    const plan::LayerPlan& layer() const { return m_plan.layers.front(); }
    /// <layer dir>/NAME when it exists.
    std::optional<std::string> layer_file(const std::string& name) const;
    LayerRunSetup& setup() { return *m_setup; }
    Console& console() { return m_console; }
    const GlobalOptions& options() const { return m_options; }
    /// The run store (nullptr without one), before the run began too.
    state::RunStore* journal_store() { return m_journal.journal.get(); }
    state::RunStore* journal() { return m_session && m_session->run() != 0 ? m_journal.journal.get() : nullptr; }
    std::shared_ptr<const ResumePlan> resume() const { return m_journal.resume; }
    state::RunId run_id() const { return m_session ? m_session->run() : 0; }
    LayerHealthGate& gate() { return *m_gate; }
    /// Starts the run in the journal (the first playbook or event does it too): checks
    /// that refuse before begin() leave no run behind, so --resume still finds the last
    /// real attempt.
    void begin();
    /// Whether the journal knows the layer was deployed (ever ok on a host); true without a journal.
    std::expected<bool, int> layer_deployed();

    /// Loads `path` (exit 2 with every problem), then runs it with `hooks` added to the
    /// usual ones; the recap, or the exit code of an error that stopped it.
    std::expected<model::Recap, int> run_playbook(const std::string& path, const core::Value& extra_vars,
                                                  const std::function<void(exec::RunHooks&)>& adjust = {});
    /// Sends an event to the reporters and the journal (as the runner's events go).
    void emit(const model::RunEvent& event);
    /// Records what the run did to the layer on each host (status reads it).
    void record(const std::vector<state::LayerRow>& rows);
    /// Ends the run (when it began): the summed recap, the journal's end; then the report
    /// files; the exit code.
    int finish(int code);

  private:
    LayerAction(const GlobalOptions& options) : m_options(options), m_console(options) {}

    const GlobalOptions& m_options;
    Console m_console;
    plan::Plan m_plan;
    std::unique_ptr<LayerRunSetup> m_setup;
    report::EventFanout m_reporters;
    RunJournal m_journal;
    state::RunRow m_row;
    std::unique_ptr<JournalSession> m_session;
    std::unique_ptr<LayerRecap> m_recap;
    std::unique_ptr<transport::Pool> m_pool;
    std::unique_ptr<SignalScope> m_signals;
    std::unique_ptr<LayerHealthGate> m_gate;
};

/// One row per host of `layer` with `result` (one of state::k_layer_*).
std::vector<state::LayerRow> rows_for(const plan::LayerPlan& layer, state::RunId run, const std::string& result);

} // namespace scsctl::cli
