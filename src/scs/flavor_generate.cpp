// Canonical names, short names and scs-0103 extra_specs from a FlavorName. Depends on the
// standard library and the scs tables only.
#include "scs/flavor_generate.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "scs/flavor_tables.hpp"

namespace scsctl::scs {

namespace {

/// Python's f"{x:.0f}" for whole numbers, f"{x:.1f}" otherwise (exact digits).
std::string ram_text(double ram)
{
    std::array<char, 400> buffer{};
    const int precision = std::trunc(ram) == ram ? 0 : 1;
    const auto result =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), ram, std::chars_format::fixed, precision);
    return std::string(buffer.data(), result.ptr);
}

std::string_view word_of(std::span<const Code> table, char key)
{
    const Code* code = find_key(table, std::string_view(&key, 1));
    return code ? code->word : std::string_view();
}

} // namespace

std::string canonical_name(const FlavorName& flavor)
{
    const CpuRam& cpu = flavor.cpu_ram;
    std::string name = "SCS-" + cpu.cpus.str() + cpu.cpu_type + (cpu.cpu_insecure ? "i" : "") + "-" +
                       ram_text(cpu.ram_gib) + (cpu.ram_no_ecc ? "u" : "") + (cpu.ram_oversubscribed ? "o" : "");
    if (flavor.disk) {
        name += "-";
        if (flavor.disk->count != Natural::of(1)) {
            name += flavor.disk->count.str() + "x";
        }
        if (flavor.disk->size_gb && !flavor.disk->size_gb->is_zero()) {
            name += flavor.disk->size_gb->str();
        }
        if (flavor.disk->type != 0) {
            name += flavor.disk->type;
        }
    }
    if (flavor.hypervisor) {
        name += "_" + *flavor.hypervisor;
    }
    if (flavor.hardware_virt) {
        name += "_hwv";
    }
    if (const auto& brand = flavor.cpu_brand) {
        name += std::string("_") + brand->vendor;
        if (brand->generation && !brand->generation->is_zero()) {
            name += brand->generation->str();
        }
        name += brand->frequency;
    }
    if (const auto& gpu = flavor.gpu) {
        name += std::string("_") + gpu->type + gpu->vendor + gpu->generation;
        if (gpu->compute_units && !gpu->compute_units->is_zero()) {
            name += "-" + gpu->compute_units->str();
        }
        name += gpu->frequency;
        if (gpu->vram_gib && !gpu->vram_gib->is_zero()) {
            name += "-" + gpu->vram_gib->str();
        }
        name += gpu->bandwidth;
    }
    if (flavor.infiniband) {
        name += "_ib";
    }
    return name;
}

FlavorName shortened(const FlavorName& flavor)
{
    FlavorName short_flavor = flavor;
    short_flavor.hypervisor.reset();
    short_flavor.hardware_virt = false;
    if (flavor.cpu_brand) {
        if (flavor.cpu_brand->vendor == 'i' || flavor.cpu_brand->vendor == 'z') {
            short_flavor.cpu_brand.reset();
        } else {
            short_flavor.cpu_brand = CpuBrand{flavor.cpu_brand->vendor, std::nullopt, ""};
        }
    }
    if (short_flavor.gpu) {
        short_flavor.gpu->frequency.clear();
        short_flavor.gpu->bandwidth.clear();
    }
    return short_flavor;
}

std::string v1_spelling(std::string_view v2_name)
{
    std::string name(v2_name);
    std::replace(name.begin(), name.end(), '-', ':');
    std::replace(name.begin(), name.end(), '_', '-');
    for (std::size_t pos = 0; (pos = name.find("SCS:", pos)) != std::string::npos; pos += 4) {
        name[pos + 3] = '-';
    }
    return name;
}

std::expected<ExtraSpecs, std::string> extra_specs(const FlavorName& flavor)
{
    ExtraSpecs specs;
    specs.emplace_back("scs:cpu-type", word_of(cpu_types(), flavor.cpu_ram.cpu_type));
    if (flavor.disk) {
        const auto count = flavor.disk->count.to_u64();
        if (!count || *count > k_max_disk_properties) {
            return std::unexpected("a flavor with " + flavor.disk->count.str() + " disks would need as many " +
                                   "scs:diskN-type properties (at most " + std::to_string(k_max_disk_properties) +
                                   ")");
        }
        const auto type = word_of(disk_types(), flavor.disk->type == 0 ? 'n' : flavor.disk->type);
        for (std::uint64_t i = 0; i < *count; ++i) {
            specs.emplace_back("scs:disk" + std::to_string(i) + "-type", type);
        }
    }
    const std::string full = canonical_name(flavor);
    const std::string brief = canonical_name(shortened(flavor));
    // (name, version) pairs, longest first, then "v1" before "v2"; equal pairs once.
    std::vector<std::pair<std::string, int>> names{
        {v1_spelling(full), 1}, {full, 2}, {v1_spelling(brief), 1}, {brief, 2}};
    std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) {
        if (a.first.size() != b.first.size()) {
            return a.first.size() > b.first.size();
        }
        return a.second != b.second ? a.second < b.second : a.first < b.first;
    });
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (std::size_t i = 0; i < names.size(); ++i) {
        specs.emplace_back("scs:name-v" + std::to_string(i + 1), names[i].first);
    }
    return specs;
}

std::expected<GeneratedFlavor, std::string> generate_flavor(FlavorName flavor)
{
    if (flavor.cpu_brand && flavor.cpu_brand->generation && flavor.cpu_brand->generation->is_zero()) {
        flavor.cpu_brand->generation.reset();
    }
    GeneratedFlavor out;
    out.name = canonical_name(flavor);
    auto parsed = parse_flavor_name(out.name, Syntax::v2);
    if (!parsed) {
        return std::unexpected(out.name + ": " + parsed.error().reason);
    }
    if (!*parsed || **parsed != flavor) {
        return std::unexpected(out.name + ": the fields do not read back from this name unchanged");
    }
    auto specs = extra_specs(flavor);
    if (!specs) {
        return std::unexpected(out.name + ": " + specs.error());
    }
    out.extra_specs = std::move(*specs);
    return out;
}

} // namespace scsctl::scs
