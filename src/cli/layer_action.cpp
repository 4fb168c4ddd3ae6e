// One layer's playbooks run as one journal run (layer_action.hpp): the same preparation
// and outputs as deploy, with the playbook file chosen by the command.
#include "cli/layer_action.hpp"

#include <filesystem>
#include <iostream>

#include "cli/journal_setup.hpp"
#include "cli/live_console.hpp"
#include "core/exit_codes.hpp"
#include "exec/playbook_runner.hpp"
#include "layers/registry.hpp"
#include "secrets/event_redaction.hpp"

namespace scsctl::cli {

void add_layer_action_options(CLI::App& command, LayerActionFlags& flags, const std::string& force_help,
                              bool with_gate)
{
    command.add_option("layer", flags.layer, "The layer (see scsctl layers)")->required()->type_name("LAYER");
    add_playbook_dir_option(command, flags.playbook_dir);
    command.add_option("-l,--limit", flags.limit, "Further limit the hosts with a pattern (or @file)");
    add_layer_run_options(command, flags.run);
    add_state_option(command, flags.state);
    add_report_file_options(command, flags.reports);
    command.add_flag("--force", flags.force, force_help);
    if (!with_gate) {
        return;
    }
    command
        .add_option("--gate", flags.gate,
                    "The health gate: health (the layer's health checks, as scsctl health runs them; default) or "
                    "reachable (only that every host of the layer answers)")
        ->check(CLI::IsMember({"health", "reachable"}));
}

std::expected<std::unique_ptr<LayerAction>, int> LayerAction::prepare(const LayerActionFlags& flags,
                                                                      const GlobalOptions& options,
                                                                      const std::string& kind,
                                                                      const std::string& playbook,
                                                                      const ResumeRequest& resume)
{
    std::unique_ptr<LayerAction> action(new LayerAction(options));
    Console& console = action->m_console;
    if (options.inventories.empty()) {
        console.error("no inventory given (use -i PATH)");
        return std::unexpected(core::k_exit_usage);
    }
    auto context = load_inventory_context(options, console, forks_flag(flags.run));
    if (!context) {
        return std::unexpected(context.error());
    }
    auto selected = selected_layers(flags.layer, console);
    if (!selected) {
        return std::unexpected(selected.error());
    }
    if (selected->size() != 1) {
        console.error("name exactly one layer (got '" + flags.layer + "')");
        return std::unexpected(core::k_exit_usage);
    }
    auto root = layer_playbook_root(flags.playbook_dir, console);
    if (!root) {
        return std::unexpected(root.error());
    }
    auto plan = make_plan(*context, options, *selected, *root, flags.limit, console);
    if (!plan) {
        return std::unexpected(plan.error());
    }
    action->m_plan = std::move(*plan);
    plan::LayerPlan& layer = action->m_plan.layers.front();
    const std::string path = layer.playbook_dir + "/" + playbook;
    if (!std::filesystem::is_regular_file(path)) {
        console.error("layer '" + layer.name + "' has no " + playbook + " (" + path + ")");
        return std::unexpected(core::k_exit_usage);
    }
    layer.playbook = path;
    auto setup = prepare_layer_run(action->m_plan, std::move(*context), flags.run, false, flags.limit, options,
                                   console);
    if (!setup) {
        return std::unexpected(setup.error());
    }
    action->m_setup = std::move(*setup);

    report::LiveView* live_view = add_console_reporter(action->m_reporters, options);
    if (auto added = add_file_reporters(action->m_reporters, flags.reports, kind + " " + layer.name, console);
        !added) {
        return std::unexpected(added.error());
    }
    const RunJournalRequest request{flags.state, resume, kind, joined_paths({path}), joined_paths(options.inventories)};
    auto journal = open_run_journal(request, options, console);
    if (!journal) {
        return std::unexpected(journal.error());
    }
    action->m_journal = std::move(*journal);
    action->m_row = new_run_row(kind, options);
    action->m_row.playbook_paths = request.playbook_paths;
    action->m_row.playbook_hash = contents_digest({layer.playbook_dir});
    if (action->m_journal.resume) {
        action->m_row.resumed_from = action->m_journal.resume->run;
    }
    if (live_view != nullptr && action->m_journal.journal) {
        live_view->set_history(
            task_history(*action->m_journal.journal, action->m_row.playbook_paths, action->m_row.inventory_paths));
    }
    action->m_pool = std::make_unique<transport::Pool>();
    action->m_signals = std::make_unique<SignalScope>(*action->m_pool);
    LayerRunSetup& prepared = *action->m_setup;
    const GateTransport transport{*action->m_pool, prepared.defaults, prepared.run_options.extra_vars,
                                  prepared.run_options.forks, console};
    if (flags.gate == "reachable") {
        action->m_gate = std::make_unique<ReachabilityGate>(transport);
    } else {
        action->m_gate = std::make_unique<HealthChecksGate>(transport);
    }
    return action;
}

LayerAction::~LayerAction() = default;

void LayerAction::begin()
{
    if (m_session) {
        return;
    }
    m_session = std::make_unique<JournalSession>(m_journal.journal.get(), std::move(m_row), m_console);
    JournalSession* session = m_session.get();
    m_recap = std::make_unique<LayerRecap>(m_reporters,
                                           [session](const model::RunEvent& event) { session->on_event(event); });
}

std::optional<std::string> LayerAction::layer_file(const std::string& name) const
{
    const std::string path = layer().playbook_dir + "/" + name;
    if (std::filesystem::is_regular_file(path)) {
        return path;
    }
    return std::nullopt;
}

std::expected<bool, int> LayerAction::layer_deployed()
{
    if (!m_journal.journal) {
        return true;
    }
    auto rows = m_journal.journal->layer_rows();
    if (!rows) {
        m_console.error(rows.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    for (const auto& state : state::latest_per_host(*rows)) {
        if (state.last.layer == layer().name && state.ever_ok) {
            return true;
        }
    }
    return false;
}

std::expected<model::Recap, int> LayerAction::run_playbook(const std::string& path, const core::Value& extra_vars,
                                                           const std::function<void(exec::RunHooks&)>& adjust)
{
    begin();
    core::Diagnostics diagnostics;
    model::Playbook playbook = playbook::load_playbook(path, m_setup->load_options, diagnostics);
    if (m_console.report(diagnostics) > 0) {
        return std::unexpected(core::k_exit_usage);
    }
    exec::RunOptions run_options = m_setup->run_options;
    for (const auto& [key, value] : extra_vars.items()) {
        run_options.extra_vars[key] = value;
    }
    exec::RunHooks hooks = make_hooks(m_setup->context, m_setup->defaults, m_setup->load_options, m_plan.limit, {});
    if (adjust) {
        adjust(hooks);
    }
    exec::PlaybookRunner runner(*m_pool, m_setup->hosts, m_setup->groups, run_options, std::move(hooks),
                                secrets::redacting_sink(m_setup->secrets.redactor, m_recap->sink()));
    auto result = runner.run(playbook);
    if (!result) {
        m_console.error(result.error().str());
        return std::unexpected(core::exit_code_for(result.error().kind));
    }
    return *result;
}

void LayerAction::emit(const model::RunEvent& event)
{
    begin();
    secrets::redacting_sink(m_setup->secrets.redactor, m_recap->sink())(event);
}

void LayerAction::record(const std::vector<state::LayerRow>& rows)
{
    state::RunStore* store = journal();
    if (store == nullptr || rows.empty()) {
        return;
    }
    if (auto written = store->record_layers(rows); !written) {
        m_console.warning(written.error().str() + "; what the run did to the layer is not recorded");
    }
}

int LayerAction::finish(int code)
{
    code = SignalScope::exit_code_or(code);
    if (m_session) {
        m_recap->emit();
        m_session->finish(code);
    }
    return finish_reports(m_reporters, code, m_console);
}

std::vector<state::LayerRow> rows_for(const plan::LayerPlan& layer, state::RunId run, const std::string& result)
{
    std::vector<state::LayerRow> rows;
    const double now = state::now_seconds();
    for (const auto& host : layer.hosts) {
        rows.push_back({run, layer.name, layer.version, host, result, now});
    }
    return rows;
}

} // namespace scsctl::cli
