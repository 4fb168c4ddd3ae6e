// plan --check (plan_check.hpp): every layer is checked even when an earlier one would
// change things, since nothing is applied; the recap is one for all layers.
#include "cli/plan_check.hpp"

#include <iostream>

#include "cli/layer_recap.hpp"
#include "cli/run_session.hpp"
#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "exec/playbook_runner.hpp"
#include "secrets/event_redaction.hpp"

namespace scsctl::cli {

void add_plan_check_options(CLI::App& command, PlanCheckFlags& flags)
{
    add_layer_run_options(command, flags);
}

int check_plan(const plan::Plan& plan, InventoryContext& context, const PlanCheckFlags& flags,
               const GlobalOptions& options, Console& console)
{
    auto setup = prepare_layer_run(plan, std::move(context), flags, true, plan.limit, options, console);
    if (!setup) {
        return setup.error();
    }
    report::EventFanout reporters;
    add_console_reporter(reporters, options);
    LayerRecap recap(reporters);
    transport::Pool pool;
    SignalScope signals(pool);
    int code = core::k_exit_ok;
    for (std::size_t i = 0; i < plan.layers.size(); ++i) {
        announce_layer(plan.layers[i], options, "CHECK LAYER");
        auto& prepared = **setup;
        exec::PlaybookRunner runner(pool, prepared.hosts, prepared.groups, prepared.run_options,
                                    make_hooks(prepared.context, prepared.defaults, prepared.load_options, plan.limit,
                                               nullptr),
                                    secrets::redacting_sink(prepared.secrets.redactor, recap.sink()));
        auto result = runner.run(prepared.playbooks[i]);
        if (!result) {
            console.error(result.error().str());
            code = core::exit_code_for(result.error().kind);
            break;
        }
        code = std::max(code, exit_code_of(*result));
        if (SignalScope::received() != 0) {
            break;
        }
    }
    recap.emit();
    code = SignalScope::exit_code_or(code);
    (void)reporters.finish(code);
    return code;
}

} // namespace scsctl::cli
