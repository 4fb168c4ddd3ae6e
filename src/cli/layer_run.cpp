// Preparing a layer run (layer_run.hpp): the same steps as `scsctl run`, in the same
// order, so that a layer playbook behaves under deploy as it does under run.
#include "cli/layer_run.hpp"

#include "cli/run_inputs.hpp"
#include "cli/run_session.hpp"
#include "core/exit_codes.hpp"

namespace scsctl::cli {

void add_layer_run_options(CLI::App& command, LayerRunFlags& flags)
{
    command.add_option("-e,--extra-vars", flags.extra_vars, "Variables: key=value, JSON/YAML, or @file (repeatable)");
    command.add_option("-f,--forks", flags.forks, "Hosts in flight at once (default from config: 50)");
    command.add_flag("-b,--become", flags.become, "Run tasks as root (sudo) unless the task says otherwise");
    command.add_option("--become-user", flags.become_user, "The user --become switches to");
    command.add_option("--host-key-checking", flags.host_key_checking, "strict (default), accept-new or off")
        ->check(CLI::IsMember({"strict", "accept-new", "off"}));
    command.add_option("--timeout", flags.timeout, "Default per-task time limit in seconds (0: none)");
    command.add_option("-t,--tags", flags.tags, "Run only tasks with these tags (comma-separated, repeatable)");
    command.add_option("--skip-tags", flags.skip_tags, "Skip tasks with these tags");
    add_secret_options(command, flags.secrets);
}

std::vector<config::FlagValue> forks_flag(const LayerRunFlags& flags)
{
    std::vector<config::FlagValue> out;
    if (flags.forks > 0) {
        out.push_back({"forks", "--forks", std::to_string(flags.forks)});
    }
    return out;
}

std::expected<std::unique_ptr<LayerRunSetup>, int> prepare_layer_run(const plan::Plan& plan, InventoryContext context,
                                                                     const LayerRunFlags& flags, bool check,
                                                                     const std::string& limit,
                                                                     const GlobalOptions& options, Console& console)
{
    auto setup = std::make_unique<LayerRunSetup>();
    setup->context = std::move(context);
    for (const auto& layer : plan.layers) {
        if (layer.playbook.empty()) {
            console.error("layer '" + layer.name + "' has " + plan::k_no_deploy_playbook + " (" + layer.playbook_dir +
                          "/deploy.yml); leave it out with --layers");
            return std::unexpected(core::k_exit_usage);
        }
    }
    auto extra_vars = parse_extra_vars(flags.extra_vars, console);
    if (!extra_vars) {
        return std::unexpected(extra_vars.error());
    }
    setup->load_options.modules = module_catalog();
    core::Diagnostics diagnostics;
    for (const auto& layer : plan.layers) {
        setup->playbooks.push_back(playbook::load_playbook(layer.playbook, setup->load_options, diagnostics));
    }
    if (console.report(diagnostics) > 0) {
        return std::unexpected(core::k_exit_usage);
    }
    auto secrets = load_run_secrets(flags.secrets, options, console);
    if (!secrets) {
        return std::unexpected(secrets.error());
    }
    setup->secrets = std::move(*secrets);
    add_secret_vars(*extra_vars, setup->secrets.values);
    setup->hosts = run_hosts(setup->context.loaded.inventory);
    setup->groups = groups_variable(setup->context.loaded.inventory);
    add_host_passwords(setup->hosts, *setup->secrets.redactor);
    console.set_filter([redactor = setup->secrets.redactor](const std::string& text) { return redactor->redact(text); });
    setup->defaults = connection_defaults(setup->context);
    apply_connection_flags(setup->defaults, flags.become, flags.become_user, flags.host_key_checking);
    exec::RunOptions& run = setup->run_options;
    run.check = check;
    run.diff = check;
    run.forks = static_cast<std::size_t>(setup->context.settings.forks());
    run.tags = split_commas(flags.tags);
    run.skip_tags = split_commas(flags.skip_tags);
    run.limit = limit;
    run.extra_vars = std::move(*extra_vars);
    run.task_timeout = std::chrono::milliseconds(static_cast<long>(flags.timeout * 1000));
    return setup;
}

} // namespace scsctl::cli
