// scsctl layers: the known layers, built-in and plugins, in dependency order (text table
// or JSON). Owns output formatting only; the catalogue and the order live in layers/.
#include <cstdio>
#include <string>

#include "cli/command_table.hpp"
#include "core/exit_codes.hpp"
#include "core/value.hpp"
#include "cli/layer_catalogue.hpp"

namespace scsctl::cli {

namespace {

std::string joined(std::span<const std::string_view> names)
{
    std::string text;
    for (const auto name : names) {
        text += (text.empty() ? "" : ",") + std::string(name);
    }
    return text.empty() ? "-" : text;
}

std::string group_list(const layers::LayerDescriptor& layer)
{
    std::string text;
    for (const auto& group : layer.groups) {
        text += (text.empty() ? "" : ",") + std::string(group.name);
    }
    return text.empty() ? "-" : text;
}

core::Value layer_json(layers::Layer& entry_layer)
{
    const auto& layer = entry_layer.descriptor();
    const auto source = entry_layer.source();
    core::Value entry = core::Value::object();
    entry["name"] = layer.name;
    entry["version"] = layer.version;
    entry["depends_on"] = core::Value::array();
    for (const auto dep : layer.depends_on) {
        entry["depends_on"].push_back(dep);
    }
    entry["groups"] = core::Value::array();
    for (const auto& group : layer.groups) {
        entry["groups"].push_back(group.name);
    }
    entry["source"] = layers::source_name(source);
    entry["summary"] = layer.summary;
    if (const auto* plugin = layers::as_plugin(&entry_layer)) {
        entry["path"] = plugin->path();
    }
    return entry;
}

int run_layers(const GlobalOptions& options)
{
    auto catalogue = load_catalogue(Console(options));
    if (!catalogue) {
        return catalogue.error();
    }
    if (options.output == OutputFormat::json) {
        core::Value list = core::Value::array();
        for (auto* layer : catalogue->ordered()) {
            list.push_back(layer_json(*layer));
        }
        std::fputs((list.dump(2) + "\n").c_str(), stdout);
        return core::k_exit_ok;
    }
    std::printf("%-11s %-8s %-16s %-40s %s\n", "NAME", "VERSION", "DEPENDS_ON", "GROUPS", "SOURCE");
    for (const auto* entry : catalogue->ordered()) {
        const auto* layer = &entry->descriptor();
        std::printf("%-11s %-8s %-16s %-40s %s\n", std::string(layer->name).c_str(),
                    std::string(layer->version).c_str(), joined(layer->depends_on).c_str(), group_list(*layer).c_str(),
                    std::string(layers::source_name(entry->source())).c_str());
    }
    return core::k_exit_ok;
}

} // namespace

void define_layers(CLI::App& command, GlobalOptions& options)
{
    command.callback([&options] { options.action = [&options] { return run_layers(options); }; });
}

} // namespace scsctl::cli
