// ansible-inventory --list (cli/inventory.py json_inventory of ansible-core 2.14): the
// group part as a Value, the _meta.hostvars part written straight to text, host by host
// on several threads. Must not load files or decide precedence (host_vars.cpp does).
#include <algorithm>
#include <atomic>
#include <thread>
#include <unordered_set>

#include "inventory/render_inventory.hpp"
#include "inventory/render_python.hpp"

namespace scsctl::inventory {

using model::GroupId;
using model::HostId;
using model::Inventory;

namespace {

constexpr std::size_t k_hosts_per_chunk = 128;
constexpr int k_hostvars_indent = 12; ///< {"_meta": {"hostvars": {"HOST": ...

struct ListContext {
    const Inventory& inventory;
    std::vector<char> shown; ///< per host: listed (all of them unless a limit was given)
    std::unordered_set<GroupId> seen;
    core::Value& results;
};

std::vector<char> shown_hosts(const Inventory& inventory, const std::optional<std::vector<HostId>>& only)
{
    std::vector<char> shown(inventory.hosts().size(), only ? 0 : 1);
    if (only) {
        for (HostId host : *only) {
            shown[host] = 1;
        }
    }
    return shown;
}

/// json_inventory's format_group: hosts (not for 'all'), children, each child once;
/// empty keys and then empty groups are dropped.
void format_group(ListContext& context, GroupId id)
{
    const auto& group = context.inventory.group(id);
    core::Value entry = core::Value::object();
    if (id != Inventory::k_all) {
        core::Value hosts = core::Value::array();
        for (HostId host : group.hosts) {
            if (context.shown[host] != 0) {
                hosts.push_back(context.inventory.host(host).name);
            }
        }
        if (!hosts.empty()) {
            entry["hosts"] = std::move(hosts);
        }
    }
    core::Value children = core::Value::array();
    for (GroupId child : group.children) {
        children.push_back(context.inventory.group(child).name);
        if (context.seen.insert(child).second) {
            format_group(context, child);
        }
    }
    if (!children.empty()) {
        entry["children"] = std::move(children);
    }
    if (!entry.empty()) {
        // Each group is formatted once ('seen'), so its name is new: no lookup needed.
        core::append_new_key(context.results, group.name, std::move(entry));
    }
}

/// The listed hosts in the order json.dumps(sort_keys=True) writes them.
std::vector<HostId> listed_hosts(const ListContext& context)
{
    std::vector<HostId> hosts;
    for (HostId host : context.inventory.hosts_of(Inventory::k_all)) {
        if (context.shown[host] != 0) {
            hosts.push_back(host);
        }
    }
    const auto& inventory = context.inventory;
    std::sort(hosts.begin(), hosts.end(),
              [&](HostId a, HostId b) { return inventory.host(a).name < inventory.host(b).name; });
    return hosts;
}

/// `"HOST": {...},\n` for each host of `hosts[begin, end)` with variables.
void append_hostvars(const Inventory& inventory, const std::vector<HostId>& hosts, std::size_t begin,
                     std::size_t end, std::string& out)
{
    for (std::size_t i = begin; i < end; ++i) {
        const core::Value vars = visible_host_vars(inventory, hosts[i]);
        if (vars.empty()) {
            continue;
        }
        out.append(k_hostvars_indent, ' ');
        append_json_key(inventory.host(hosts[i]).name, out);
        out += ": ";
        append_python_json(vars, k_hostvars_indent, out);
        out += ",\n";
    }
}

/// The members of _meta.hostvars, ending in ",\n" (empty when no host has variables).
/// Computing and writing each host's variables dominates --list on big inventories, and
/// hosts are independent, so chunks of hosts are rendered on several threads.
std::string hostvars_members(const Inventory& inventory, const std::vector<HostId>& hosts)
{
    const std::size_t chunks = (hosts.size() + k_hosts_per_chunk - 1) / k_hosts_per_chunk;
    std::vector<std::string> parts(chunks);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t chunk = next++; chunk < chunks; chunk = next++) {
            const std::size_t begin = chunk * k_hosts_per_chunk;
            append_hostvars(inventory, hosts, begin, std::min(hosts.size(), begin + k_hosts_per_chunk), parts[chunk]);
        }
    };
    const std::size_t threads = std::min<std::size_t>({std::max(1u, std::thread::hardware_concurrency()), 8, chunks});
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
        pool.emplace_back(work);
    }
    work();
    for (auto& thread : pool) {
        thread.join();
    }
    std::size_t size = 0;
    for (const auto& part : parts) {
        size += part.size();
    }
    std::string out;
    out.reserve(size);
    for (const auto& part : parts) {
        out += part;
    }
    return out;
}

/// Appends `"_meta": {"hostvars": {...}}` (without the leading indent).
void append_meta(std::string members, std::string& out)
{
    out += "{\n        \"hostvars\": ";
    if (members.empty()) {
        out += "{}";
    } else {
        members.resize(members.size() - 2); // the last ",\n"
        out += "{\n";
        out += members;
        out += "\n        }";
    }
    out += "\n    }";
}

} // namespace

core::Value list_document(const Inventory& inventory, const std::optional<std::vector<HostId>>& only)
{
    core::Value results = core::Value::object();
    ListContext context{inventory, shown_hosts(inventory, only), {}, results};
    format_group(context, Inventory::k_all);
    core::Value hostvars = core::Value::object();
    for (HostId host : inventory.hosts_of(Inventory::k_all)) {
        if (context.shown[host] == 0) {
            continue;
        }
        core::Value vars = visible_host_vars(inventory, host);
        if (!vars.empty()) {
            // hosts_of lists each host once, so the name is new: no lookup needed.
            core::append_new_key(hostvars, inventory.host(host).name, std::move(vars));
        }
    }
    core::Value meta = core::Value::object();
    meta["hostvars"] = std::move(hostvars);
    results["_meta"] = std::move(meta);
    return results;
}

/// Writes what python_json_dumps(list_document(...)) would, without building the
/// hostvars tree: with 10,000 hosts, building and freeing it cost as much as the rest.
std::string render_list(const Inventory& inventory, const std::optional<std::vector<HostId>>& only)
{
    core::Value groups = core::Value::object();
    ListContext context{inventory, shown_hosts(inventory, only), {}, groups};
    format_group(context, Inventory::k_all);
    const std::string meta_key = "_meta";
    const core::Value* no_value = nullptr;
    std::vector<std::pair<const std::string*, const core::Value*>> members{{&meta_key, no_value}};
    for (const auto& [name, entry] : groups.get_ref<const core::Value::object_t&>()) {
        if (name != meta_key) { // the _meta key replaces a group of that name, as in Ansible's dict
            members.emplace_back(&name, &entry);
        }
    }
    std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
    std::string out = "{\n";
    for (std::size_t i = 0; i < members.size(); ++i) {
        out += "    ";
        append_json_key(*members[i].first, out);
        out += ": ";
        if (members[i].second == nullptr) {
            append_meta(hostvars_members(inventory, listed_hosts(context)), out);
        } else {
            append_python_json(*members[i].second, 4, out);
        }
        out += i + 1 < members.size() ? ",\n" : "\n";
    }
    out += "}\n";
    return out;
}

} // namespace scsctl::inventory
