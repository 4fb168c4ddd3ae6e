// Network rules over the whole inventory: host addresses parse and are unique, and the
// region's networks do not overlap. Addresses compare as written (after trimming a
// trailing dot), so "192.0.2.1" and a name resolving to it are not caught offline.
#include <map>
#include <string>

#include "inventory/host_vars.hpp"
#include "layers/net_address.hpp"
#include "layers/validate.hpp"

namespace scsctl::layers {

void check_host_addresses(const RuleContext& context, const LayerDescriptor*, core::Diagnostics& out)
{
    std::map<std::string, model::HostId> seen;
    const auto& inventory = context.inventory;
    for (model::HostId host = 0; host < inventory.hosts().size(); ++host) {
        const auto& h = inventory.host(host);
        if (h.implicit) {
            continue;
        }
        const auto vars = inventory::effective_host_vars(inventory, host);
        const bool explicit_address = vars.contains("ansible_host");
        const auto where = explicit_address ? context.locator.host_var(host, "ansible_host") : h.where;
        if (explicit_address && !vars["ansible_host"].is_string()) {
            out.error(where, "ansible_host of host '" + h.name + "' must be a string");
            continue;
        }
        const std::string address = explicit_address ? vars["ansible_host"].get<std::string>() : h.name;
        if (auto checked = check_address(address, false); !checked) {
            out.error(where, "address of host '" + h.name + "': " + checked.error().message);
            continue;
        }
        auto [it, inserted] = seen.emplace(address, host);
        if (!inserted) {
            const auto& first = inventory.host(it->second);
            out.error(where, "host '" + h.name + "' has address " + address + ", already used by host '" + first.name +
                                 "' (" + first.where.str() + ")");
        }
    }
}

namespace {

struct Network {
    std::string name;
    std::string text;
    bool is_default = false;
    Cidr cidr;
};

std::vector<Network> region_networks(const RuleContext& context)
{
    std::vector<Network> networks;
    for (const auto* layer : context.layers) {
        for (const auto& decl : layer->vars) {
            if (decl.type != VarType::cidr || decl.scope != VarScope::region) {
                continue;
            }
            const std::string name(decl.name);
            Network network{name, std::string(decl.fallback), true, {}};
            if (context.region_vars.contains(name)) {
                if (!context.region_vars[name].is_string()) {
                    continue; // variable_types reports it
                }
                network.text = context.region_vars[name].get<std::string>();
                network.is_default = false;
            }
            auto parsed = parse_cidr(network.text);
            if (parsed) {
                network.cidr = *parsed;
                networks.push_back(std::move(network));
            }
        }
    }
    return networks;
}

} // namespace

void check_cidr_overlap(const RuleContext& context, const LayerDescriptor*, core::Diagnostics& out)
{
    const auto networks = region_networks(context);
    for (std::size_t i = 0; i < networks.size(); ++i) {
        for (std::size_t j = i + 1; j < networks.size(); ++j) {
            const auto& a = networks[i];
            const auto& b = networks[j];
            if (!overlaps(a.cidr, b.cidr)) {
                continue;
            }
            const auto& placed = b.is_default ? a : b;
            const auto where =
                placed.is_default ? context.locator.inventory_file() : context.locator.region_var(placed.name);
            out.error(where, a.name + " " + a.text + (a.is_default ? " (default)" : "") + " overlaps " + b.name + " " +
                                 b.text + (b.is_default ? " (default)" : ""));
        }
    }
}

} // namespace scsctl::layers
