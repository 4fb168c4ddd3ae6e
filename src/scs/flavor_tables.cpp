// The scs-0100 code tables (facts from the standard and its reference checker, in the
// reference's order, which its messages show). Depends on the standard library only.
#include "scs/flavor_tables.hpp"

#include <algorithm>
#include <array>

namespace scsctl::scs {

namespace {

constexpr std::array<Code, 4> k_cpu_types{{
    {"L", "crowded-core"},
    {"V", "shared-core"},
    {"T", "dedicated-thread"},
    {"C", "dedicated-core"},
}};
constexpr std::array<Code, 4> k_disk_types{{{"n", "network"}, {"h", "hdd"}, {"s", "ssd"}, {"p", "nvme"}}};
constexpr std::array<Code, 5> k_hypervisors{{{"kvm", "kvm"}, {"xen", "xen"}, {"vmw", "vmw"}, {"hyv", "hyv"}, {"bms", "bms"}}};
constexpr std::array<Code, 4> k_cpu_vendors{{{"i", "intel"}, {"z", "amd"}, {"a", "arm"}, {"r", "risc-v"}}};
constexpr std::array<Code, 3> k_gpu_vendors{{{"N", "nvidia"}, {"A", "amd"}, {"I", "intel"}}};
constexpr std::array<Code, 2> k_gpu_types{{{"g", "virtual"}, {"G", "pass-through"}}};

constexpr std::array<std::string_view, 11> k_nvidia{"", "f", "k", "m", "p", "v", "t", "a", "l", "g", "b"};
constexpr std::array<std::string_view, 13> k_amd{"",  "0.4", "0.5", "1",   "1.1", "2",  "2.1",
                                                 "3", "3.1", "3.5", "4",   "4.1", "5.1"};
constexpr std::array<std::string_view, 7> k_intel{"", "0.9", "0.95", "1", "2", "3", "4"};

constexpr std::array<std::string_view, 4> k_cpu_frequencies{"", "h", "hh", "hhh"};
constexpr std::array<std::string_view, 3> k_gpu_frequencies{"", "h", "hh"};

} // namespace

std::span<const Code> cpu_types()
{
    return k_cpu_types;
}

std::span<const Code> disk_types()
{
    return k_disk_types;
}

std::span<const Code> hypervisors()
{
    return k_hypervisors;
}

std::span<const Code> cpu_vendors()
{
    return k_cpu_vendors;
}

std::span<const Code> gpu_vendors()
{
    return k_gpu_vendors;
}

std::span<const Code> gpu_types()
{
    return k_gpu_types;
}

std::span<const std::string_view> cpu_frequencies()
{
    return k_cpu_frequencies;
}

std::span<const std::string_view> gpu_frequencies()
{
    return k_gpu_frequencies;
}

std::optional<int> max_cpu_generation(char vendor)
{
    switch (vendor) {
    case 'i':
    case 'z':
        return 6;
    case 'a':
        return 5;
    case 'r':
        return 0;
    default:
        return std::nullopt;
    }
}

std::span<const std::string_view> gpu_generations(char vendor)
{
    switch (vendor) {
    case 'N':
        return k_nvidia;
    case 'A':
        return k_amd;
    case 'I':
        return k_intel;
    default:
        return {};
    }
}

const Code* find_key(std::span<const Code> table, std::string_view key)
{
    const auto it = std::find_if(table.begin(), table.end(), [&](const Code& code) { return code.key == key; });
    return it == table.end() ? nullptr : &*it;
}

const Code* find_word(std::span<const Code> table, std::string_view word)
{
    const auto it = std::find_if(table.begin(), table.end(), [&](const Code& code) { return code.word == word; });
    return it == table.end() ? nullptr : &*it;
}

} // namespace scsctl::scs
