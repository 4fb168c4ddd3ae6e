// Composition root: global options, the subcommand table, parsing and error handling.
#include "cli/app.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <string>
#include <vector>

#include "cli/command_table.hpp"
#include "cli/global_options.hpp"
#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "core/spellcheck.hpp"
#include "core/version.hpp"

namespace scsctl::cli {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& options)
{
    app.add_option("-i,--inventory", options.inventories,
                   "Inventory source: a file, a directory or a comma-separated host list (repeatable)")
        ->type_name("PATH")
        ->expected(1)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_flag("-v,--verbose", options.verbosity, "More output (repeatable: -vv, -vvv)");
    app.add_option_function<std::string>(
           "--output",
           [&options](const std::string& value) {
               options.output = value == "json"         ? OutputFormat::json
                                : value == "prometheus" ? OutputFormat::prometheus
                                                        : OutputFormat::text;
           },
           "Output format for data on stdout (prometheus: health only)")
        ->check(CLI::IsMember({"text", "json", "prometheus"}).description(""))
        ->type_name("text|json|prometheus")
        ->envname("SCSCTL_OUTPUT");
    app.add_option_function<std::string>(
           "--color",
           [&options](const std::string& value) {
               options.color = value == "always" ? ColorMode::always
                               : value == "never" ? ColorMode::never
                                                  : ColorMode::automatic;
           },
           "Colour on terminals (auto honours NO_COLOR)")
        ->check(CLI::IsMember({"auto", "always", "never"}).description(""))
        ->type_name("auto|always|never")
        ->envname("SCSCTL_COLOR");
}

// Global options may follow the subcommand (`scsctl exec -i inv all -- cmd`). CLI11's
// fallthrough loses positionals after such an option, so they are moved in front of the
// subcommand before parsing. Nothing after "--" is touched.
std::vector<std::string> hoist_global_options(int argc, char** argv)
{
    std::vector<std::string> globals;
    std::vector<std::string> rest;
    bool separator = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (separator || arg == "--") {
            separator = true;
            rest.push_back(arg);
            continue;
        }
        const bool takes_value = arg == "-i" || arg == "--inventory" || arg == "--output" || arg == "--color";
        const bool joined = arg.starts_with("--inventory=") || arg.starts_with("--output=") ||
                            arg.starts_with("--color=") || (arg.starts_with("-i") && arg.size() > 2);
        const bool verbose = arg == "--verbose" || (arg.size() >= 2 && arg[0] == '-' &&
                                                    arg.find_first_not_of('v', 1) == std::string::npos);
        if (takes_value && i + 1 < argc) {
            globals.push_back(arg);
            globals.emplace_back(argv[++i]);
        } else if (joined || verbose) {
            globals.push_back(arg);
        } else {
            rest.push_back(arg);
        }
    }
    std::vector<std::string> out{argc > 0 ? argv[0] : "scsctl"};
    out.insert(out.end(), globals.begin(), globals.end());
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

// The first word of argv that is neither an option nor an option's value: what the user
// meant as the subcommand.
std::string command_word(int argc, char** argv)
{
    const std::vector<std::string> takes_value{"-i", "--inventory", "--output", "--color"};
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            return {};
        }
        if (!arg.empty() && arg[0] == '-') {
            if (std::find(takes_value.begin(), takes_value.end(), arg) != takes_value.end()) {
                ++i;
            }
            continue;
        }
        return arg;
    }
    return {};
}

// A one-line message for a parse failure, naming an unknown subcommand with a hint.
std::string parse_error_message(const CLI::App& app, const CLI::ParseError& error, int argc, char** argv)
{
    const std::string word = command_word(argc, argv);
    if (!word.empty() && app.get_subcommands().empty()) {
        std::vector<std::string> names;
        for (const auto& spec : command_table()) {
            names.emplace_back(spec.name);
        }
        if (std::find(names.begin(), names.end(), word) == names.end()) {
            return "unknown command '" + word + "'" + core::did_you_mean(word, names) +
                   " (run 'scsctl --help' for the list)";
        }
    }
    std::string message = error.what();
    if (!message.empty()) {
        message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    }
    return message + " (run 'scsctl --help' for usage)";
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
    raise_open_file_limit();
    GlobalOptions options;
    CLI::App app;
    try {
        build_app(app, options);
        std::vector<std::string> args = hoist_global_options(argc, argv);
        std::vector<char*> pointers;
        for (auto& arg : args) {
            pointers.push_back(arg.data());
        }
        app.parse(static_cast<int>(pointers.size()), pointers.data());
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        Console(options).error(parse_error_message(app, e, argc, argv));
        return core::k_exit_usage;
    }
    if (!options.action) {
        Console(options).error("missing subcommand (run 'scsctl --help' for usage)");
        return core::k_exit_usage;
    }
    if (options.output == OutputFormat::prometheus && !options.accepts_prometheus) {
        Console(options).error("--output prometheus is only supported by 'scsctl health' (use text or json)");
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
