// scsctl drift -i INV [--layers a,b] [-l LIMIT]: the deployed layers' deploy.yml run in
// check mode with diff (nothing changes on any host), reported per layer and host: the
// tasks that would change with their diffs, hosts without drift, unreachable hosts, and
// whether the inventory or the layer's playbooks changed since its last deploy (then a
// difference may be the new intent). Layers never deployed per the journal are reported
// and skipped. One run of kind `drift` in the journal (never a deployment for `status`);
// it takes no lock, as `plan --check` takes none, and warns when a run holds it.
// Exit 0 no drift, 1 drift (or a task failed), 3 hosts unreachable only, 2 usage.
// Owns the flow; the pieces live in drift_history, report/drift_collector and
// report/drift_output.
#include <iostream>

#include "cli/command_table.hpp"
#include "cli/drift_history.hpp"
#include "cli/journal_setup.hpp"
#include "cli/layer_recap.hpp"
#include "cli/layer_run.hpp"
#include "cli/layer_setup.hpp"
#include "cli/lock_setup.hpp"
#include "cli/report_files.hpp"
#include "cli/run_session.hpp"
#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "exec/playbook_runner.hpp"
#include "report/atomic_file.hpp"
#include "report/drift_collector.hpp"
#include "report/drift_output.hpp"
#include "secrets/event_redaction.hpp"
#include "state/process_identity.hpp"

namespace scsctl::cli {

namespace {

struct DriftFlags {
    LayerFlags layers;
    LayerRunFlags run;
    std::string state;
    std::string junit;
};

/// The journal's layer rows; an empty history without a journal (nothing was deployed).
std::expected<std::vector<state::LayerRow>, int> deploy_history(state::RunStore* journal, const Console& console)
{
    if (journal == nullptr) {
        return std::vector<state::LayerRow>{};
    }
    auto rows = journal->layer_rows();
    if (!rows) {
        console.error(rows.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    return std::move(*rows);
}

/// Drift takes no lock, but a deploy in progress would show as drift: say so.
void warn_when_locked(const state::RunStore& journal, const Console& console)
{
    auto lock = open_lock(journal.location(), console);
    if (!lock) {
        return;
    }
    auto holder = (*lock)->holder();
    if (!holder || !*holder) {
        return;
    }
    const auto staleness =
        state::staleness(**holder, state::now_seconds(), state::this_host_name(), state::process_alive);
    if (staleness == state::Staleness::live) {
        console.warning(journal.location() + ": the inventory is locked by " + state::describe_holder(**holder) +
                        "; what it changes meanwhile may show as drift");
    }
}

class DriftRun {
  public:
    DriftRun(LayerRunSetup& setup, const plan::Plan& plan, Console& console)
        : m_setup(setup), m_plan(plan), m_console(console)
    {
    }

    /// Checks every planned layer into `report` (the layers already listed there); the
    /// exit code of a run that could not be carried out, else nullopt.
    std::optional<int> check(transport::Pool& pool, LayerRecap& recap, report::DriftCollector& collector,
                             model::DriftReport& report, const std::vector<state::LayerRow>& history)
    {
        for (std::size_t i = 0; i < m_plan.layers.size(); ++i) {
            const auto& planned = m_plan.layers[i];
            model::DriftLayer* layer = find(report, planned.name);
            std::cerr << "scsctl: checking layer " << planned.name << " for drift\n";
            exec::PlaybookRunner runner(pool, m_setup.hosts, m_setup.groups, m_setup.run_options,
                                        make_hooks(m_setup.context, m_setup.defaults, m_setup.load_options,
                                                   m_plan.limit, nullptr),
                                        secrets::redacting_sink(m_setup.secrets.redactor, recap.sink()));
            auto result = runner.run(m_setup.playbooks[i]);
            if (!result) {
                m_console.error("layer '" + planned.name + "': " + result.error().str());
                return core::exit_code_for(result.error().kind);
            }
            layer->hosts = collector.take_hosts(planned.hosts);
            compare_inputs(*layer, m_plan, planned, history);
            mark_deployed_hosts(*layer, history);
            if (SignalScope::received() != 0) {
                return SignalScope::exit_code_or(core::k_exit_ok);
            }
        }
        return std::nullopt;
    }

  private:
    static model::DriftLayer* find(model::DriftReport& report, const std::string& name)
    {
        for (auto& layer : report.layers) {
            if (layer.name == name) {
                return &layer;
            }
        }
        report.layers.push_back({.name = name, .deployed = true});
        return &report.layers.back();
    }

    LayerRunSetup& m_setup;
    const plan::Plan& m_plan;
    Console& m_console;
};

/// The report in the output asked for; the JUnit file. The command's exit code.
int write_report(const model::DriftReport& report, const DriftFlags& flags, const GlobalOptions& options,
                 double started_at, const Console& console)
{
    if (options.output == OutputFormat::json) {
        for (const auto& layer : report.layers) {
            std::cout << report::drift_layer_json(layer).dump() << "\n";
        }
    } else {
        std::cout << report::drift_text(report);
    }
    std::cout << std::flush;
    const int code = report::drift_exit_code(report);
    if (!flags.junit.empty()) {
        const double now = state::now_seconds();
        const std::string xml = report::drift_junit_xml(report, "scsctl drift", "", started_at, now - started_at);
        if (auto written = report::write_file_atomically(flags.junit, xml); !written) {
            console.error(written.error().str());
        }
    }
    return code;
}

int run_drift(const DriftFlags& flags, const GlobalOptions& options)
{
    Console console(options);
    if (options.inventories.empty()) {
        console.error("no inventory given (use -i PATH)");
        return core::k_exit_usage;
    }
    if (!output_files_writable({&flags.junit}, console)) {
        return core::k_exit_usage;
    }
    auto context = load_inventory_context(options, console, forks_flag(flags.run));
    if (!context) {
        return context.error();
    }
    auto selected = selected_layers(flags.layers.layers, console);
    if (!selected) {
        return selected.error();
    }
    auto root = layer_playbook_root(flags.layers.playbook_dir, console);
    if (!root) {
        return root.error();
    }
    auto journal = open_journal(journal_path(flags.state, options), !flags.state.empty(), console);
    if (!journal) {
        return journal.error();
    }
    auto history = deploy_history(journal->get(), console);
    if (!history) {
        return history.error();
    }
    model::DriftReport report;
    report.layers = drift_layers(*selected, *history);
    const auto deployed = deployed_only(*selected, report.layers);
    for (const auto& layer : report.layers) {
        if (!layer.deployed) {
            std::cerr << "scsctl: layer " << layer.name << " was never deployed (per "
                      << (*journal ? (*journal)->location() : std::string("the journal: there is none"))
                      << "): skipped\n";
        }
    }
    const double started_at = state::now_seconds();
    if (deployed.empty()) {
        return write_report(report, flags, options, started_at, console);
    }
    auto plan = make_plan(*context, options, deployed, *root, flags.layers.limit, console);
    if (!plan) {
        return plan.error();
    }
    auto setup = prepare_layer_run(*plan, std::move(*context), flags.run, true, plan->limit, options, console);
    if (!setup) {
        return setup.error();
    }
    if (*journal) {
        warn_when_locked(**journal, console);
    }
    report::EventFanout reporters;
    if (options.output == OutputFormat::json) {
        reporters.add(std::make_unique<report::JsonRunReporter>(std::cout));
    } else if (options.verbosity > 0) { // -v: the check run as `run --check --diff` prints it
        reporters.add(std::make_unique<report::TextRunReporter>(
            std::cerr, report::TextReportOptions{use_color(options.color, 2), options.verbosity}));
    }
    state::RunRow run_row = new_run_row("drift", options);
    std::vector<std::string> playbooks;
    std::vector<std::string> dirs;
    for (const auto& layer : plan->layers) {
        playbooks.push_back(layer.playbook);
        dirs.push_back(layer.playbook_dir);
    }
    run_row.playbook_paths = joined_paths(playbooks);
    run_row.playbook_hash = contents_digest(dirs);
    JournalSession session(journal->get(), std::move(run_row), console);
    report::DriftCollector collector;
    LayerRecap recap(reporters, [&](const model::RunEvent& event) {
        session.on_event(event);
        collector.on_event(event);
    });
    transport::Pool pool;
    SignalScope signals(pool);
    DriftRun drift(**setup, *plan, console);
    const auto stopped = drift.check(pool, recap, collector, report, *history);
    int code = stopped ? *stopped : core::k_exit_ok;
    if (!stopped) {
        code = write_report(report, flags, options, started_at, console);
    }
    recap.emit();
    code = SignalScope::exit_code_or(code);
    session.finish(code);
    (void)reporters.finish(code);
    return code;
}

} // namespace

void define_drift(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<DriftFlags>();
    add_layer_options(command, flags->layers);
    add_layer_run_options(command, flags->run);
    add_state_option(command, flags->state);
    command.add_option("--junit", flags->junit, "Also write the drift as JUnit XML: one case per layer and host")
        ->type_name("FILE");
    command.callback([flags, &options] { options.action = [flags, &options] { return run_drift(*flags, options); }; });
}

} // namespace scsctl::cli
