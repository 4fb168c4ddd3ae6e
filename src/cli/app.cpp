// Composition root: global options, the subcommand table, parsing and error handling.
#include "cli/app.hpp"

#include <cstdio>
#include <exception>

#include "cli/command_table.hpp"
#include "cli/global_options.hpp"
#include "core/exit_codes.hpp"
#include "core/version.hpp"

namespace scsctl::cli {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& options)
{
    app.add_option("-i,--inventory", options.inventories,
                   "Inventory source: a file, a directory or a comma-separated host list (repeatable)")
        ->type_name("PATH")
        ->take_all()
        ->allow_extra_args(false);
    app.add_flag("-v,--verbose", options.verbosity, "More output (repeatable: -vv, -vvv)");
    app.add_option("--output", options.output, "Output format for data on stdout")
        ->transform(CLI::CheckedTransformer(
            std::map<std::string, OutputFormat>{{"text", OutputFormat::text}, {"json", OutputFormat::json}}))
        ->type_name("text|json")
        ->envname("SCSCTL_OUTPUT");
    app.add_option("--color", options.color, "Colour on terminals (NO_COLOR is honoured by auto)")
        ->transform(CLI::CheckedTransformer(std::map<std::string, ColorMode>{
            {"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}}))
        ->type_name("auto|always|never")
        ->envname("SCSCTL_COLOR");
}

} // namespace

void build_app(CLI::App& app, GlobalOptions& options)
{
    app.description("scsctl: deploy and operate a Sovereign Cloud Stack region from an Ansible-style inventory");
    app.name("scsctl");
    app.set_version_flag("--version", std::string("scsctl ") + core::k_version);
    app.require_subcommand(1);
    // Global options may come before or after the subcommand name: every subcommand
    // created below inherits fallthrough.
    app.fallthrough();
    add_global_options(app, options);
    for (const auto& spec : command_table()) {
        CLI::App* command = app.add_subcommand(spec.name, spec.summary);
        spec.define(*command, options);
    }
}

int run(int argc, char** argv)
{
    GlobalOptions options;
    CLI::App app;
    try {
        build_app(app, options);
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        Console(options).error(std::string(e.what()) + " (run 'scsctl --help' for usage)");
        return core::k_exit_usage;
    }
    if (!options.action) {
        Console(options).error("missing subcommand (run 'scsctl --help' for usage)");
        return core::k_exit_usage;
    }
    try {
        return options.action();
    } catch (const std::exception& e) {
        Console(options).error(std::string("internal error: ") + e.what() +
                               " (this is a bug in scsctl; please report it with the command line)");
        return core::k_exit_internal;
    }
}

} // namespace scsctl::cli
