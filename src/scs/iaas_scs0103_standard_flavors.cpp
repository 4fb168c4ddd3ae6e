// scs-0103-flavor-*: the standard flavor of a canonical name exists, found by its
// `scs:name-v2` extra_spec or else by its name, and has exactly the vCPUs, RAM and root disk
// of the name and the scs:* extra_specs scs/flavor_generate derives from it. Depends on
// core, openstack, scs.
#include <cmath>
#include <map>

#include "scs/flavor_generate.hpp"
#include "scs/iaas_testcases.hpp"
#include "scs/python_text.hpp"

namespace scsctl::scs {

namespace {

constexpr const char* k_name_key = "scs:name-v2";

/// The extra_spec `key` of a flavor, when it is there and a string.
std::optional<std::string> extra_spec(const nlohmann::json& flavor, const std::string& key)
{
    if (!flavor.contains("extra_specs") || !flavor["extra_specs"].is_object()) {
        return std::nullopt;
    }
    const auto& specs = flavor["extra_specs"];
    if (!specs.contains(key) || !specs[key].is_string()) {
        return std::nullopt;
    }
    return specs[key].get<std::string>();
}

/// Flavors by their scs:name-v2 extra_spec; flavors named SCS-… by name where that name is
/// not taken yet. The last flavor with a given extra_spec wins, as in the reference.
std::map<std::string, const nlohmann::json*> flavor_lookup(const JsonList& flavors)
{
    std::map<std::string, const nlohmann::json*> lookup;
    for (const auto& flavor : flavors) {
        if (auto name = extra_spec(flavor, k_name_key)) {
            lookup[*name] = &flavor;
        }
    }
    for (const auto& flavor : flavors) {
        const std::string name = string_member(flavor, "name");
        if (name.starts_with("SCS-")) {
            lookup.emplace(name, &flavor);
        }
    }
    return lookup;
}

std::string number_text(const nlohmann::json& flavor, const char* key)
{
    if (!flavor.contains(key)) {
        return "None";
    }
    return flavor[key].dump();
}

/// A whole number without decimals, anything else as Python prints a float.
std::string expected_text(double value)
{
    if (value == std::trunc(value) && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    return python_float_repr(value);
}

bool number_equals(const nlohmann::json& flavor, const char* key, double expected)
{
    return flavor.contains(key) && flavor[key].is_number() && flavor[key].get<double>() == expected;
}

} // namespace

core::Result<bool> scs0103_flavor(IaasSubject& subject, TestLog& log, std::string_view canonical_name)
{
    const auto parsed = parse_flavor_name(canonical_name, Syntax::v2);
    if (!parsed || !*parsed) {
        return core::fail({core::ErrorKind::internal, "not a standard flavor name: " + std::string(canonical_name), {}});
    }
    const FlavorName& expected = **parsed;
    const auto specs = extra_specs(expected);
    if (!specs) {
        return core::fail({core::ErrorKind::internal, specs.error(), {}});
    }
    const auto& flavors = subject.flavors();
    if (!flavors) {
        return core::fail(flavors.error());
    }
    const auto lookup = flavor_lookup(*flavors);
    const auto found = lookup.find(std::string(canonical_name));
    if (found == lookup.end()) {
        log.error("standard flavor missing: " + std::string(canonical_name));
        return false;
    }
    const nlohmann::json& flavor = *found->second;
    std::vector<std::string> report;
    const auto cpus = static_cast<double>(expected.cpu_ram.cpus.to_u64().value_or(0));
    const double ram = 1024 * expected.cpu_ram.ram_gib;
    const auto disk = expected.disk && expected.disk->size_gb
                          ? static_cast<double>(expected.disk->size_gb->to_u64().value_or(0))
                          : 0.0;
    if (!number_equals(flavor, "vcpus", cpus)) {
        report.push_back("vcpus: " + number_text(flavor, "vcpus") + " should be " + expected_text(cpus));
    }
    if (!number_equals(flavor, "ram", ram)) {
        report.push_back("ram: " + number_text(flavor, "ram") + " should be " + expected_text(ram));
    }
    if (!number_equals(flavor, "disk", disk)) {
        report.push_back("disk: " + number_text(flavor, "disk") + " should be " + expected_text(disk));
    }
    for (const auto& [key, value] : *specs) {
        const auto actual = extra_spec(flavor, key);
        if (actual != value) {
            report.push_back(key + ": " + (actual ? python_str_repr(*actual) : std::string("None")) + " should be " +
                             python_str_repr(value));
        }
    }
    if (!report.empty()) {
        std::string text;
        for (const auto& item : report) {
            text += (text.empty() ? "" : "; ") + item;
        }
        log.error("Flavor '" + string_member(flavor, "name") + "' violating constraints: " + text);
    }
    return report.empty();
}

} // namespace scsctl::scs
