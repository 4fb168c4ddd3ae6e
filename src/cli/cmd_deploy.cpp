// scsctl deploy -i INV [--layers a,b] [--limit L] [PLAN.json]: the layers' deploy.yml in
// dependency order, each followed by its health gate before the next begins, as one run
// in the journal (so --resume works as for `run`), with run's outputs (text, live view,
// --output json ending with one recap for the whole deploy, --junit, --report).
// Refuses a plan file whose hashes no longer match (exit 5) and a layer whose
// dependencies were never deployed (exit 7, unless --force); a failing gate stops the
// deploy (exit 6). Owns the flow; the pieces live in layer_run, deploy_checks,
// layer_health_gate and run_session.
#include <algorithm>
#include <iostream>

#include "cli/command_table.hpp"
#include "cli/deploy_checks.hpp"
#include "cli/journal_setup.hpp"
#include "cli/layer_health_gate.hpp"
#include "cli/layer_recap.hpp"
#include "cli/layer_run.hpp"
#include "cli/layer_setup.hpp"
#include "cli/live_console.hpp"
#include "cli/report_files.hpp"
#include "cli/run_session.hpp"
#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "exec/playbook_runner.hpp"
#include "layers/layer_order.hpp"
#include "layers/registry.hpp"
#include "plan/plan_json.hpp"
#include "secrets/event_redaction.hpp"

namespace scsctl::cli {

namespace {

struct DeployFlags {
    LayerFlags layers;
    LayerRunFlags run;
    std::string plan_file;
    bool force = false;
    std::string state;
    CLI::Option* resume = nullptr;
    std::string resume_run;
    bool retry_failed = false;
    std::string gate = "health"; ///< "health": the layer's checks; "reachable": only that its hosts answer
    ReportFiles reports;
};

/// The plan to deploy: the plan file (checked against the files now), else made now.
std::expected<plan::Plan, int> deploy_plan(const DeployFlags& flags, const InventoryContext& context,
                                           const GlobalOptions& options, const Console& console)
{
    if (flags.plan_file.empty()) {
        auto selected = selected_layers(flags.layers.layers, console);
        if (!selected) {
            return std::unexpected(selected.error());
        }
        auto root = layer_playbook_root(flags.layers.playbook_dir, console);
        if (!root) {
            return std::unexpected(root.error());
        }
        return make_plan(context, options, *selected, *root, flags.layers.limit, console);
    }
    if (!flags.layers.layers.empty() || !flags.layers.limit.empty() || !flags.layers.playbook_dir.empty()) {
        console.error(flags.plan_file + ": a plan file fixes the layers, the limit and the playbooks; "
                                        "leave out --layers, --limit and --playbook-dir");
        return std::unexpected(core::k_exit_usage);
    }
    auto loaded = plan::read_plan_file(flags.plan_file);
    if (!loaded) {
        console.error(loaded.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    std::string names;
    for (const auto& layer : loaded->layers) {
        if (layers::find_builtin(layer.name) == nullptr) {
            console.error(flags.plan_file + ": unknown layer '" + layer.name + "' (see scsctl layers)");
            return std::unexpected(core::k_exit_usage);
        }
        names += (names.empty() ? "" : ",") + layer.name;
    }
    // A hand-edited plan could list layers out of order or twice: deploy only what plan makes.
    auto ordered = layers::select_layers(layers::builtin_layers(), names);
    const bool in_order = ordered && ordered->size() == loaded->layers.size() &&
                          std::ranges::equal(*ordered, loaded->layers, [](const auto* a, const plan::LayerPlan& b) {
                              return a->name == b.name;
                          });
    if (!names.empty() && !in_order) {
        console.error(flags.plan_file + ": the layers " + names + " are not in dependency order (make the plan again)");
        return std::unexpected(core::k_exit_usage);
    }
    if (!plan_still_matches(*loaded, context.loaded.inventory, console)) {
        return std::unexpected(core::k_exit_plan_stale);
    }
    return std::move(*loaded);
}

std::vector<std::string> layer_playbooks(const plan::Plan& plan)
{
    std::vector<std::string> out;
    for (const auto& layer : plan.layers) {
        out.push_back(layer.playbook);
    }
    return out;
}

/// One row per host of the layer (its groups' hosts and every host its plays ran on),
/// with the input hashes the plan was made from (what `scsctl drift` compares).
std::vector<state::LayerRow> layer_rows(const plan::Plan& plan, const plan::LayerPlan& layer, state::RunId run,
                                        const model::Recap& recap, const char* result_for_all)
{
    std::vector<std::string> hosts = layer.hosts;
    for (const auto& [host, counters] : recap.hosts) {
        if (std::ranges::find(hosts, host) == hosts.end()) {
            hosts.push_back(host);
        }
    }
    std::vector<state::LayerRow> rows;
    const double now = state::now_seconds();
    for (const auto& host : hosts) {
        const char* result = result_for_all;
        if (result == nullptr) {
            const auto found = recap.hosts.find(host);
            const bool bad = found != recap.hosts.end() && (found->second.failed > 0 || found->second.unreachable > 0);
            result = bad ? state::k_layer_failed : state::k_layer_ok;
        }
        rows.push_back({run, layer.name, layer.version, host, result, now, plan.inventory_sha256,
                        layer.playbooks_sha256});
    }
    return rows;
}

class DeployRun {
  public:
    DeployRun(LayerRunSetup& setup, const plan::Plan& plan, const GlobalOptions& options, Console& console)
        : m_setup(setup), m_plan(plan), m_options(options), m_console(console)
    {
    }

    /// Runs every layer; the exit code.
    int run(transport::Pool& pool, LayerHealthGate& gate, LayerRecap& recap, state::RunStore* journal,
            state::RunId run_id, std::shared_ptr<const ResumePlan> resume)
    {
        int code = core::k_exit_ok;
        for (std::size_t i = 0; i < m_plan.layers.size() && code == core::k_exit_ok; ++i) {
            const auto& layer = m_plan.layers[i];
            announce_layer(layer, m_options);
            exec::PlaybookRunner runner(pool, m_setup.hosts, m_setup.groups, m_setup.run_options,
                                        make_hooks(m_setup.context, m_setup.defaults, m_setup.load_options,
                                                   m_plan.limit, resume),
                                        secrets::redacting_sink(m_setup.secrets.redactor, recap.sink()));
            auto result = runner.run(m_setup.playbooks[i]);
            if (!result) {
                m_console.error("layer '" + layer.name + "': " + result.error().str());
                record(journal, layer_rows(m_plan, layer, run_id, {}, state::k_layer_failed));
                return core::exit_code_for(result.error().kind);
            }
            code = exit_code_of(*result);
            if (SignalScope::received() != 0) {
                record(journal, layer_rows(m_plan, layer, run_id, *result, state::k_layer_interrupted));
                return code;
            }
            if (code != core::k_exit_ok) {
                record(journal, layer_rows(m_plan, layer, run_id, *result, nullptr));
                m_console.error("layer '" + layer.name + "' failed; later layers were not deployed");
                return code;
            }
            const GateResult verdict = gate.check(layer, m_setup.context);
            if (!verdict.passed) {
                record(journal, layer_rows(m_plan, layer, run_id, *result, state::k_layer_gate_failed));
                m_console.error("layer '" + layer.name + "': health gate '" + verdict.check + "' failed: " +
                                verdict.reason + "; later layers were not deployed");
                return core::k_exit_gate_failed;
            }
            std::cerr << "scsctl: layer " << layer.name << ": health gate passed\n";
            record(journal, layer_rows(m_plan, layer, run_id, *result, nullptr));
        }
        return code;
    }

  private:
    void record(state::RunStore* journal, const std::vector<state::LayerRow>& rows)
    {
        if (journal == nullptr || rows.empty()) {
            return;
        }
        if (auto written = journal->record_layers(rows); !written) {
            m_console.warning(written.error().str() + "; the layer's deployment is not recorded");
        }
    }

    LayerRunSetup& m_setup;
    const plan::Plan& m_plan;
    const GlobalOptions& m_options;
    Console& m_console;
};

int run_deploy(const DeployFlags& flags, const GlobalOptions& options)
{
    Console console(options);
    if (options.inventories.empty()) {
        console.error("no inventory given (use -i PATH)");
        return core::k_exit_usage;
    }
    auto context = load_inventory_context(options, console, forks_flag(flags.run));
    if (!context) {
        return context.error();
    }
    auto plan = deploy_plan(flags, *context, options, console);
    if (!plan) {
        return plan.error();
    }
    auto setup = prepare_layer_run(*plan, std::move(*context), flags.run, false, plan->limit, options, console);
    if (!setup) {
        return setup.error();
    }
    report::EventFanout reporters;
    report::LiveView* live_view = add_console_reporter(reporters, options);
    std::string title = "deploy";
    for (const auto& layer : plan->layers) {
        title += " " + layer.name;
    }
    if (auto added = add_file_reporters(reporters, flags.reports, title, console); !added) {
        return added.error();
    }
    const std::vector<std::string> playbooks = layer_playbooks(*plan);
    const RunJournalRequest request{flags.state,
                                    {flags.resume->count() > 0, flags.resume_run, flags.retry_failed},
                                    "deploy",
                                    joined_paths(playbooks),
                                    joined_paths(options.inventories)};
    auto journal = open_run_journal(request, options, console);
    if (!journal) {
        return journal.error();
    }
    if (!flags.force) {
        std::vector<state::LayerRow> history;
        if (journal->journal) {
            auto rows = journal->journal->layer_rows();
            if (!rows) {
                console.error(rows.error().str());
                return core::k_exit_usage;
            }
            history = std::move(*rows);
        }
        const std::string where = journal->journal ? journal->journal->location() : "";
        if (!dependencies_deployed(*plan, (*setup)->context.loaded.inventory, history, where, console)) {
            return core::k_exit_dependency;
        }
    }
    if (journal->resume && journal->resume->only_hosts && journal->resume->only_hosts->empty()) {
        std::cerr << "scsctl: run " << journal->resume->run << " has no failed or unreachable hosts to retry\n";
        return core::k_exit_ok;
    }
    state::RunRow run_row = new_run_row("deploy", options);
    run_row.playbook_paths = request.playbook_paths;
    std::vector<std::string> dirs;
    for (const auto& layer : plan->layers) {
        dirs.push_back(layer.playbook_dir);
    }
    run_row.playbook_hash = contents_digest(dirs);
    if (journal->resume) {
        run_row.resumed_from = journal->resume->run;
    }
    if (live_view != nullptr && journal->journal) {
        live_view->set_history(task_history(*journal->journal, run_row.playbook_paths, run_row.inventory_paths));
    }
    JournalSession session(journal->journal.get(), std::move(run_row), console);
    LayerRecap recap(reporters, [&session](const model::RunEvent& event) { session.on_event(event); });

    transport::Pool pool;
    SignalScope signals(pool);
    LayerRunSetup& prepared = **setup;
    const GateTransport gate_transport{pool, prepared.defaults, prepared.run_options.extra_vars,
                                       prepared.run_options.forks, console};
    HealthChecksGate health_gate(gate_transport);
    ReachabilityGate reachable_gate(gate_transport);
    LayerHealthGate& gate = flags.gate == "reachable" ? static_cast<LayerHealthGate&>(reachable_gate) : health_gate;
    DeployRun deploy(prepared, *plan, options, console);
    int code = deploy.run(pool, gate, recap, session.run() != 0 ? journal->journal.get() : nullptr, session.run(),
                          journal->resume);
    recap.emit();
    code = SignalScope::exit_code_or(code);
    session.finish(code);
    return finish_reports(reporters, code, console);
}

/// --resume's value is optional, so CLI11 takes a plan file written right after it as
/// RUN: a value that is not a number is the plan file.
void reclaim_plan_file(DeployFlags& flags)
{
    const std::string& value = flags.resume_run;
    if (!value.empty() && value.find_first_not_of("0123456789") != std::string::npos) {
        flags.plan_file = value;
        flags.resume_run.clear();
    }
}

} // namespace

void define_deploy(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<DeployFlags>();
    command.add_option("plan", flags->plan_file, "A plan file from scsctl plan -o: deploy exactly its layers")
        ->type_name("PLAN.json");
    add_layer_options(command, flags->layers);
    add_layer_run_options(command, flags->run);
    command.add_flag("--force", flags->force, "Deploy even when a layer's dependencies were never deployed");
    add_state_option(command, flags->state);
    add_report_file_options(command, flags->reports);
    flags->resume = command.add_option("--resume", flags->resume_run,
                                       "Deploy again, skipping what deploy run RUN (default: the last unfinished "
                                       "deploy of these layers and inventories) completed")
                        ->expected(0, 1)
                        ->type_name("[RUN]");
    command
        .add_option("--gate", flags->gate,
                    "The check between layers: health (the layer's health checks, as scsctl health runs them; "
                    "default) or reachable (only that every host of the layer answers)")
        ->check(CLI::IsMember({"health", "reachable"}));
    command.add_flag("--retry-failed", flags->retry_failed,
                     "With --resume: only the hosts that failed, were unreachable or were interrupted in that run");
    command.callback([flags, &options] {
        reclaim_plan_file(*flags);
        options.action = [flags, &options] { return run_deploy(*flags, options); };
    });
}

} // namespace scsctl::cli
