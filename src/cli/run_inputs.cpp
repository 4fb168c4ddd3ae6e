// Inputs of `scsctl run`, computed once per run.
#include "cli/run_inputs.hpp"

#include <algorithm>

#include "core/text_file.hpp"
#include "inventory/host_vars.hpp"
#include "modules/module.hpp"
#include "playbook/module_args.hpp"
#include "yaml/document.hpp"

namespace scsctl::cli {

namespace {

std::expected<core::Value, int> one_extra(const std::string& text, const Console& console)
{
    if (text.starts_with("@")) {
        const std::string path = text.substr(1);
        auto content = core::read_text_file(path);
        if (!content) {
            console.error(content.error().str());
            return std::unexpected(2);
        }
        core::Diagnostics diagnostics;
        auto value = yaml::load_value(path, *content, diagnostics);
        if (!value || diagnostics.has_errors()) {
            console.report(diagnostics);
            return std::unexpected(2);
        }
        if (!value->is_object() && !value->is_null()) {
            console.error(path + ": extra vars must be a mapping");
            return std::unexpected(2);
        }
        return value->is_null() ? core::Value::object() : *value;
    }
    const auto first = text.find_first_not_of(" \t\n");
    if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
        core::Diagnostics diagnostics;
        auto value = yaml::load_value("-e", text, diagnostics);
        if (!value || diagnostics.has_errors() || !value->is_object()) {
            console.error("-e " + text + ": not a valid JSON or YAML mapping");
            return std::unexpected(2);
        }
        return *value;
    }
    auto parsed = playbook::parse_kv(text, false);
    if (!parsed) {
        console.error("-e " + text + ": " + parsed.error());
        return std::unexpected(2);
    }
    if (parsed->contains("_raw_params")) {
        console.error("-e " + text + ": expected key=value pairs, JSON, YAML or @file");
        return std::unexpected(2);
    }
    return *parsed;
}

} // namespace

std::expected<core::Value, int> parse_extra_vars(const std::vector<std::string>& values, const Console& console)
{
    core::Value out = core::Value::object();
    for (const auto& text : values) {
        auto value = one_extra(text, console);
        if (!value) {
            return std::unexpected(value.error());
        }
        for (const auto& [key, item] : value->items()) {
            out[key] = item;
        }
    }
    return out;
}

playbook::ModuleCatalog module_catalog()
{
    playbook::ModuleCatalog catalog;
    catalog.exists = [](std::string_view name) { return modules::find_module(name) != nullptr; };
    catalog.validate = [](std::string_view name, const core::Value& args) {
        const modules::Module* module = modules::find_module(name);
        return module == nullptr ? std::vector<std::string>{} : module->validate(args);
    };
    for (const auto& name : modules::module_names()) {
        if (!name.starts_with("ansible.")) {
            catalog.names.push_back(name);
        }
    }
    return catalog;
}

std::vector<exec::RunHost> run_hosts(const model::Inventory& inventory)
{
    std::vector<exec::RunHost> out;
    for (model::HostId id = 0; id < inventory.hosts().size(); ++id) {
        const auto& host = inventory.host(id);
        exec::RunHost run_host;
        run_host.name = host.name;
        run_host.vars = inventory::effective_host_vars(inventory, id);
        for (model::GroupId group : host.groups) {
            const std::string& name = inventory.group(group).name;
            if (name != "all" && name != "ungrouped") {
                run_host.group_names.push_back(name);
            }
        }
        std::sort(run_host.group_names.begin(), run_host.group_names.end());
        out.push_back(std::move(run_host));
    }
    return out;
}

core::Value groups_variable(const model::Inventory& inventory)
{
    core::Value out = core::Value::object();
    for (model::GroupId id = 0; id < inventory.groups().size(); ++id) {
        core::Value members = core::Value::array();
        for (model::HostId host : inventory.hosts_of(id)) {
            if (!inventory.host(host).implicit) {
                members.push_back(inventory.host(host).name);
            }
        }
        out[inventory.group(id).name] = std::move(members);
    }
    return out;
}

} // namespace scsctl::cli
