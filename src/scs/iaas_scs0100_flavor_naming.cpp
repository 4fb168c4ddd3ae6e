// scs-0100-syntax-check and scs-0100-semantics-check over the cloud's flavors: every flavor
// whose name starts with `SCS-` must read as an scs-0100 name (v3; v2 and v1 tolerated), and
// what the name promises (vCPUs, RAM, root disk) must not exceed what the flavor has.
// Reuses the name parser and verdict of scs/flavor_verdict. Depends on core, openstack, scs.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "scs/flavor_verdict.hpp"
#include "scs/iaas_testcases.hpp"

namespace scsctl::scs {

namespace {

/// Disk sizes (GB) the standard recommends; others only earn a note.
constexpr std::uint64_t k_recommended_disks[] = {0,    5,    10,    20,    50,    100,   200,  500,
                                                 1000, 2000, 5000, 10000, 20000, 50000, 100000};

struct ScsFlavor {
    const nlohmann::json* flavor;
    std::string name;
    FlavorVerdict verdict;
};

std::string one_decimal(double value)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

/// The flavors named `SCS-…` with their verdicts. A name on which the reference's parser
/// crashes (rather than refusing it) aborts both testcases, as it aborts the reference.
core::Result<std::vector<ScsFlavor>> scs_flavors(IaasSubject& subject, TestLog& log)
{
    const auto& flavors = subject.flavors();
    if (!flavors) {
        return core::fail(flavors.error());
    }
    std::vector<ScsFlavor> result;
    for (const auto& flavor : *flavors) {
        std::string name = string_member(flavor, "name");
        if (!name.starts_with("SCS-")) {
            continue;
        }
        auto verdict = check_flavor_name(name);
        if (verdict.kind == VerdictKind::fail && verdict.reference_crashes) {
            return core::fail({core::ErrorKind::failed,
                               "flavor " + name + ": the reference checker crashes on this name (" + verdict.reason +
                                   ")",
                               {}});
        }
        if (verdict.kind == VerdictKind::fail) {
            log.info("error parsing " + name + ": " + verdict.reason);
        }
        result.push_back({&flavor, std::move(name), std::move(verdict)});
    }
    return result;
}

std::string joined_sorted(std::vector<std::string> names)
{
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::string text;
    for (const auto& name : names) {
        text += (text.empty() ? "" : ", ") + name;
    }
    return text;
}

/// A number member of the flavor, or an error naming it (the flavor cannot be judged).
core::Result<double> number_member(const ScsFlavor& flavor, const char* key)
{
    const auto& json = *flavor.flavor;
    if (!json.contains(key) || !json[key].is_number()) {
        return core::fail({core::ErrorKind::failed, "flavor " + flavor.name + " has no number '" + key + "'", {}});
    }
    return json[key].get<double>();
}

/// Judges one parsed flavor; true when it keeps the name's promises.
core::Result<bool> keeps_promises(const ScsFlavor& item, TestLog& log)
{
    const FlavorName& name = *item.verdict.flavor;
    bool ok = true;
    const double vcpus = SCSCTL_TRY(number_member(item, "vcpus"));
    const auto promised_cpus = name.cpu_ram.cpus.to_u64();
    if (!promised_cpus || vcpus < static_cast<double>(*promised_cpus)) {
        log.info("Flavor " + item.name + " CPU overpromise: " + std::to_string(static_cast<long long>(vcpus)) +
                 " < " + name.cpu_ram.cpus.str());
        ok = false;
    } else if (vcpus > static_cast<double>(*promised_cpus)) {
        log.info("Flavor " + item.name + " CPU underpromise: " + std::to_string(static_cast<long long>(vcpus)) +
                 " > " + name.cpu_ram.cpus.str());
    }
    // RAM in GiB, rounded to one decimal the way the reference rounds it.
    const double ram_mib = SCSCTL_TRY(number_member(item, "ram"));
    const double ram_gib = std::trunc((ram_mib + 51) / 102.4) / 10;
    if ((ram_gib >= 10 && ram_gib != std::trunc(ram_gib)) || ram_gib * 2 != std::trunc(ram_gib * 2)) {
        log.info("Flavor " + item.name + " uses discouraged uneven size of memory " + one_decimal(ram_gib) + " GiB");
    }
    if (ram_gib < name.cpu_ram.ram_gib) {
        log.info("Flavor " + item.name + " RAM overpromise " + one_decimal(ram_gib) + " < " +
                 one_decimal(name.cpu_ram.ram_gib));
        ok = false;
    } else if (ram_gib > name.cpu_ram.ram_gib) {
        log.info("Flavor " + item.name + " RAM underpromise " + one_decimal(ram_gib) + " > " +
                 one_decimal(name.cpu_ram.ram_gib));
    }
    std::optional<std::uint64_t> promised_disk = 0;
    if (name.disk) {
        if (!name.disk->size_gb) {
            // The reference compares the flavor's disk with "no size" and dies there.
            return core::fail({core::ErrorKind::failed,
                               "flavor " + item.name + ": the name gives no disk size to compare with", {}});
        }
        promised_disk = name.disk->size_gb->to_u64();
    }
    const std::string promised_text = name.disk ? name.disk->size_gb->str() : "0";
    if (!promised_disk || std::find(std::begin(k_recommended_disks), std::end(k_recommended_disks), *promised_disk) ==
                              std::end(k_recommended_disks)) {
        log.info("Flavor " + item.name + " non-standard disk size " + promised_text +
                 ", should have (5, 10, 20, 50, 100, 200, ...)");
    }
    const double disk = SCSCTL_TRY(number_member(item, "disk"));
    if (!promised_disk || disk < static_cast<double>(*promised_disk)) {
        log.info("Flavor " + item.name + " disk overpromise " + std::to_string(static_cast<long long>(disk)) + " < " +
                 promised_text);
        ok = false;
    } else if (disk > static_cast<double>(*promised_disk)) {
        log.info("Flavor " + item.name + " disk underpromise " + std::to_string(static_cast<long long>(disk)) +
                 " > " + promised_text);
    }
    return ok;
}

} // namespace

core::Result<bool> scs0100_syntax_check(IaasSubject& subject, TestLog& log)
{
    const auto flavors = SCSCTL_TRY(scs_flavors(subject, log));
    std::vector<std::string> problems;
    for (const auto& item : flavors) {
        if (item.verdict.kind == VerdictKind::fail) {
            problems.push_back(item.name);
        } else if (item.verdict.kind == VerdictKind::pass_tolerated) {
            log.warning("Name is merely tolerated v1: " + item.name);
        }
    }
    if (!problems.empty()) {
        log.error("scs-0100-syntax-check: flavor(s) failed: " + joined_sorted(problems));
    }
    return problems.empty();
}

core::Result<bool> scs0100_semantics_check(IaasSubject& subject, TestLog& log)
{
    const auto flavors = SCSCTL_TRY(scs_flavors(subject, log));
    std::vector<std::string> problems;
    for (const auto& item : flavors) {
        if (!item.verdict.flavor) {
            continue; // the syntax check reports it
        }
        if (!SCSCTL_TRY(keeps_promises(item, log))) {
            problems.push_back(item.name);
        }
    }
    if (!problems.empty()) {
        log.error("scs-0100-semantics-check: flavor(s) failed: " + joined_sorted(problems));
    }
    return problems.empty();
}

} // namespace scsctl::scs
