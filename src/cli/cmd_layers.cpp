// scsctl layers: the known layers in dependency order (text table or JSON). Owns output
// formatting only; the registry and the order live in layers/.
#include <cstdio>
#include <string>

#include "cli/command_table.hpp"
#include "core/exit_codes.hpp"
#include "core/value.hpp"
#include "layers/layer_order.hpp"
#include "layers/registry.hpp"

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

core::Value layer_json(const layers::LayerDescriptor& layer, layers::LayerSource source)
{
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
    return entry;
}

int run_layers(const GlobalOptions& options)
{
    auto order = layers::dependency_order(layers::builtin_layers());
    if (!order) {
        Console(options).error(order.error().str());
        return core::k_exit_internal;
    }
    const auto source = layers::LayerSource::builtin;
    if (options.output == OutputFormat::json) {
        core::Value list = core::Value::array();
        for (const auto* layer : *order) {
            list.push_back(layer_json(*layer, source));
        }
        std::fputs((list.dump(2) + "\n").c_str(), stdout);
        return core::k_exit_ok;
    }
    std::printf("%-11s %-8s %-16s %-40s %s\n", "NAME", "VERSION", "DEPENDS_ON", "GROUPS", "SOURCE");
    for (const auto* layer : *order) {
        std::printf("%-11s %-8s %-16s %-40s %s\n", std::string(layer->name).c_str(),
                    std::string(layer->version).c_str(), joined(layer->depends_on).c_str(), group_list(*layer).c_str(),
                    std::string(layers::source_name(source)).c_str());
    }
    return core::k_exit_ok;
}

} // namespace

void define_layers(CLI::App& command, GlobalOptions& options)
{
    command.callback([&options] { options.action = [&options] { return run_layers(options); }; });
}

} // namespace scsctl::cli
