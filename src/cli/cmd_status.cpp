// scsctl status -i INV [--layers a,b] [--state PATH|URL]: per layer and host, the
// version last deployed there, the last deploy run and its result and time, from the
// journal (table, or JSON with --output json). Reads only; takes no lock.
#include <cstdio>
#include <ctime>
#include <iostream>

#include "cli/command_table.hpp"
#include "cli/journal_setup.hpp"
#include "cli/layer_setup.hpp"
#include "core/exit_codes.hpp"
#include "plan/plan_builder.hpp"

namespace scsctl::cli {

namespace {

struct StatusFlags {
    std::string layers;
    std::string state;
};

struct StatusRow {
    std::string layer;
    std::string host;
    std::optional<state::LayerHostState> state; ///< nullopt: never deployed
};

std::string local_time(double seconds)
{
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    ::localtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &parts);
    return text;
}

core::Value row_json(const StatusRow& row)
{
    core::Value out{{"layer", row.layer}, {"host", row.host}};
    if (!row.state) {
        out["version"] = nullptr;
        out["run"] = nullptr;
        out["result"] = "never deployed";
        out["finished_at"] = nullptr;
        out["ever_deployed"] = false;
        return out;
    }
    out["version"] = row.state->last.version;
    out["run"] = row.state->last.run;
    out["result"] = row.state->last.result;
    out["finished_at"] = row.state->last.finished_at;
    out["ever_deployed"] = row.state->ever_ok;
    return out;
}

int run_status(const StatusFlags& flags, const GlobalOptions& options)
{
    Console console(options);
    auto context = load_inventory_context(options, console);
    if (!context) {
        return context.error();
    }
    auto selected = selected_layers(flags.layers, console);
    if (!selected) {
        return selected.error();
    }
    auto journal = open_journal(journal_path(flags.state, options), !flags.state.empty(), console);
    if (!journal) {
        return journal.error();
    }
    std::vector<state::LayerHostState> history;
    if (*journal) {
        auto rows = (*journal)->layer_rows();
        if (!rows) {
            console.error(rows.error().str());
            return core::k_exit_usage;
        }
        history = state::latest_per_host(*rows);
    }
    std::vector<StatusRow> table;
    for (const auto* layer : *selected) {
        auto hosts = plan::layer_hosts(context->loaded.inventory, *layer, "");
        std::vector<std::string> names = hosts ? *hosts : std::vector<std::string>{};
        for (const auto& entry : history) { // hosts deployed before, though no longer in the layer's groups
            if (entry.last.layer == layer->name && std::ranges::find(names, entry.last.host) == names.end()) {
                names.push_back(entry.last.host);
            }
        }
        for (const auto& host : names) {
            StatusRow row{std::string(layer->name), host, std::nullopt};
            for (const auto& entry : history) {
                if (entry.last.layer == row.layer && entry.last.host == host) {
                    row.state = entry;
                }
            }
            table.push_back(std::move(row));
        }
    }
    if (options.output == OutputFormat::json) {
        core::Value list = core::Value::array();
        for (const auto& row : table) {
            list.push_back(row_json(row));
        }
        std::cout << list.dump(2) << "\n";
        return core::k_exit_ok;
    }
    std::printf("%-11s %-24s %-9s %-6s %-12s %s\n", "LAYER", "HOST", "VERSION", "RUN", "RESULT", "TIME");
    for (const auto& row : table) {
        if (!row.state) {
            std::printf("%-11s %-24s %-9s %-6s %-12s %s\n", row.layer.c_str(), row.host.c_str(), "-", "-",
                        "never", "-");
            continue;
        }
        const auto& last = row.state->last;
        std::printf("%-11s %-24s %-9s %-6lld %-12s %s\n", row.layer.c_str(), row.host.c_str(), last.version.c_str(),
                    static_cast<long long>(last.run), last.result.c_str(), local_time(last.finished_at).c_str());
    }
    return core::k_exit_ok;
}

} // namespace

void define_status(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<StatusFlags>();
    command.add_option("--layers", flags->layers, "Only these layers (comma-separated)")->type_name("A,B");
    add_state_option(command, flags->state);
    command.callback([flags, &options] { options.action = [flags, &options] { return run_status(*flags, options); }; });
}

} // namespace scsctl::cli
