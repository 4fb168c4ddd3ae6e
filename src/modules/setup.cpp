// The setup module: runs the facts probe and returns the parsed facts under
// "ansible_facts" with Ansible's "ansible_" key prefix. Depends on facts and system_args.
#include <fnmatch.h>

#include <algorithm>
#include <array>
#include <set>

#include "facts/facts_parse.hpp"
#include "facts/facts_probe.hpp"
#include "modules/system_args.hpp"
#include "modules/system_modules.hpp"

namespace scsctl::modules {

namespace {

const std::array<sys::ArgSpec, 4> k_args = {{
    {"gather_subset", sys::ArgType::list},
    {"filter", sys::ArgType::list},
    {"gather_timeout", sys::ArgType::integer},
    {"fact_path", sys::ArgType::string},
}};

const std::set<std::string, std::less<>> k_subsets = {
    "all", "min", "hardware", "network", "virtual", "ohai", "facter", "distribution", "platform",
    "env", "user", "service_mgr", "pkg_mgr", "date_time", "dns", "lsb", "selinux", "apparmor",
    "fips", "local", "python", "ssh_pub_keys", "cmdline", "caps", "chroot", "distribution", "devices",
};

/// Facts that belong to the hardware and network subsets (the rest are "min").
bool is_hardware_fact(const std::string& key)
{
    return key.starts_with("mem") || key.starts_with("swap") || key.starts_with("processor") || key == "mounts";
}

class SetupModule final : public Module {
public:
    std::string_view name() const override { return "setup"; }

    std::vector<std::string> validate(const core::Value& args) const override
    {
        auto errors = sys::check_args(args, k_args);
        for (const auto& subset : sys::arg_list(sys::canonical_args(args, k_args), "gather_subset")) {
            const std::string bare = subset.starts_with('!') ? subset.substr(1) : subset;
            if (bare.find("{{") == std::string::npos && !k_subsets.contains(bare)) {
                errors.push_back("Bad subset '" + bare + "' given to Ansible. gather_subset options allowed: all, " +
                                 "hardware, min, network, virtual, ...");
            }
        }
        return errors;
    }

    core::Result<std::string> probe(const core::Value& args, const TaskContext& context) const override
    {
        (void)args;
        (void)context;
        return facts::facts_probe_script();
    }

    core::Result<Decision> decide(const core::Value& raw, const StepResult& probe,
                                  const TaskContext& context) const override
    {
        (void)context;
        const core::Value args = sys::canonical_args(raw, k_args);
        std::vector<std::string> subsets = sys::arg_list(args, "gather_subset");
        if (subsets.empty()) {
            subsets.emplace_back("all");
        }
        auto wanted = [&](const std::string& subset) {
            const bool excluded = std::ranges::find(subsets, "!" + subset) != subsets.end() ||
                                  (std::ranges::find(subsets, "!all") != subsets.end() &&
                                   std::ranges::find(subsets, subset) == subsets.end());
            return !excluded;
        };
        const bool hardware = wanted("hardware");
        const bool network = wanted("network");
        const core::Value parsed = facts::parse_facts(probe.stdout_text);
        const core::Value interfaces = parsed.value("interfaces", core::Value::array());
        auto network_fact = [&](const std::string& key) {
            return key == "interfaces" || key.starts_with("all_ipv") || key.starts_with("default_ipv") ||
                   std::find(interfaces.begin(), interfaces.end(), key) != interfaces.end();
        };
        const std::vector<std::string> filters = sys::arg_list(args, "filter");
        core::Value facts = core::Value::object();
        for (const auto& [key, value] : parsed.items()) {
            if ((!hardware && is_hardware_fact(key)) || (!network && network_fact(key))) {
                continue;
            }
            const std::string name = "ansible_" + key;
            const bool kept = filters.empty() || std::ranges::any_of(filters, [&](const std::string& pattern) {
                                  return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
                              });
            if (kept) {
                facts[name] = value;
            }
        }
        facts["gather_subset"] = subsets;
        facts["module_setup"] = true;
        Decision decision;
        decision.result["ansible_facts"] = std::move(facts);
        return decision;
    }
};

} // namespace

const Module& setup_module()
{
    static const SetupModule k_module;
    return k_module;
}

} // namespace scsctl::modules
