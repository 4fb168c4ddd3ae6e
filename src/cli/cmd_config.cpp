// scsctl config show: each effective setting, its value and where it came from (defaults,
// ansible.cfg, scsctl.yml, SCSCTL_*, flags). Reading the settings belongs to config/.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include "cli/command_table.hpp"
#include "config/settings.hpp"
#include "core/exit_codes.hpp"

namespace scsctl::cli {

namespace {

struct SettingFlag {
    const char* names; ///< CLI11 spelling, e.g. "-f,--forks"
    const char* flag;  ///< the name shown as the source, e.g. "--forks"
    const char* key;
    const char* value_name;
    const char* help;
};

// Ansible's spellings where ansible-playbook has the flag (-f, -u, --private-key, -T).
constexpr SettingFlag k_setting_flags[] = {
    {"-f,--forks", "--forks", "forks", "N", "Hosts worked on in parallel"},
    {"-u,--user", "--user", "remote_user", "USER", "User to log in as on the hosts"},
    {"--private-key", "--private-key", "private_key_file", "FILE", "SSH private key used to log in"},
    {"-T,--timeout", "--timeout", "timeout", "SECONDS", "Connection timeout in seconds"},
    {"--roles-path", "--roles-path", "roles_path", "PATHS", "Directories searched for roles (':'-separated)"},
    {"--host-key-checking", "--host-key-checking", "host_key_checking", "strict|accept-new|off",
     "How unknown or changed SSH host keys are treated"},
};

struct ShowState {
    std::map<std::string, std::string> texts; ///< flag → the text given
    std::vector<std::pair<const SettingFlag*, CLI::Option*>> options;
};

const CLI::App& root_of(const CLI::App& app)
{
    const CLI::App* node = &app;
    while (node->get_parent() != nullptr) {
        node = node->get_parent();
    }
    return *node;
}

/// --output/--color given on the command line (not taken by CLI11 from SCSCTL_OUTPUT/COLOR).
void add_global_flag(std::vector<config::FlagValue>& flags, const CLI::App& root, const char* name,
                     const char* key, const char* env, const std::string& value)
{
    const CLI::Option* option = root.get_option_no_throw(name);
    if (option == nullptr || option->count() == 0) {
        return;
    }
    const char* from_env = std::getenv(env);
    if (from_env != nullptr && value == from_env) {
        return; // CLI11 filled it from the variable; load_settings reads that itself
    }
    flags.push_back({key, name, value});
}

void print_text(const config::Settings& settings)
{
    std::size_t width_key = 7;
    std::size_t width_value = 5;
    for (const auto& entry : settings.entries()) {
        width_key = std::max(width_key, std::string(entry.key->name).size());
        width_value = std::max(width_value, config::display(entry.value).size());
    }
    auto pad = [](std::string text, std::size_t width) {
        text.resize(std::max(width, text.size()), ' ');
        return text;
    };
    std::cout << pad("SETTING", width_key) << "  " << pad("VALUE", width_value) << "  SOURCE\n";
    for (const auto& entry : settings.entries()) {
        std::cout << pad(entry.key->name, width_key) << "  " << pad(config::display(entry.value), width_value) << "  "
                  << entry.origin.str() << "\n";
    }
    std::cout << "\nFILES\n";
    for (const auto& file : settings.files) {
        std::cout << pad(file.role, 21) << "  " << file.path << "  (" << file.status << ")\n";
    }
}

void print_json(const config::Settings& settings)
{
    core::Value out = core::Value::object();
    out["settings"] = core::Value::object();
    for (const auto& entry : settings.entries()) {
        out["settings"][entry.key->name] = core::Value{{"value", entry.value}, {"source", entry.origin.str()}};
    }
    out["files"] = core::Value::array();
    for (const auto& file : settings.files) {
        out["files"].push_back(core::Value{{"role", file.role}, {"path", file.path}, {"status", file.status}});
    }
    std::cout << out.dump(2) << "\n";
}

int run_show(const GlobalOptions& options, const ShowState& state, const CLI::App& command)
{
    config::SettingsInputs inputs = config::inputs_from_process();
    inputs.inventories = options.inventories;
    const CLI::App& root = root_of(command);
    add_global_flag(inputs.flags, root, "--output", "output", "SCSCTL_OUTPUT",
                    options.output == OutputFormat::json ? "json" : "text");
    const char* color = options.color == ColorMode::always ? "always"
                        : options.color == ColorMode::never ? "never"
                                                             : "auto";
    add_global_flag(inputs.flags, root, "--color", "color", "SCSCTL_COLOR", color);
    for (const auto& [spec, option] : state.options) {
        if (option->count() > 0) {
            inputs.flags.push_back({spec->key, spec->flag, state.texts.at(spec->flag)});
        }
    }
    core::Diagnostics diagnostics;
    const config::Settings settings = config::load_settings(inputs, diagnostics);
    if (Console(options).report(diagnostics) > 0) {
        return core::k_exit_usage;
    }
    if (settings.output() == "json") {
        print_json(settings);
    } else {
        print_text(settings);
    }
    return core::k_exit_ok;
}

} // namespace

void define_config(CLI::App& command, GlobalOptions& options)
{
    command.require_subcommand(1);
    CLI::App* show = command.add_subcommand(
        "show", "Print each effective setting and where it came from (default, ansible.cfg, scsctl.yml, SCSCTL_*, "
                "flag); the flags below override every file");
    auto state = std::make_shared<ShowState>();
    for (const SettingFlag& spec : k_setting_flags) {
        CLI::Option* option = show->add_option(spec.names, state->texts[spec.flag], spec.help);
        option->type_name(spec.value_name);
        state->options.emplace_back(&spec, option);
    }
    show->footer("Example: scsctl -i inventories/prod config show --output json");
    show->callback([&options, state, show]() {
        options.action = [&options, state, show]() { return run_show(options, *state, *show); };
    });
}

} // namespace scsctl::cli
