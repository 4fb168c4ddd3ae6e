// The code tables of scs-0100 as the reference checker holds them: CPU and disk types with
// their scs-0103 property words, hypervisors, CPU and GPU vendors with their generations,
// and the frequency suffixes. Parser, verdict, generator and JSON share them. Depends on the
// standard library only.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace scsctl::scs {

struct Code {
    std::string_view key;  ///< as written in a name
    std::string_view word; ///< as scsctl's JSON and the scs-0103 extra_specs spell it
};

/// L V T C → crowded-core, shared-core, dedicated-thread, dedicated-core.
std::span<const Code> cpu_types();
/// n h s p → network, hdd, ssd, nvme.
std::span<const Code> disk_types();
/// The hypervisors the v2/v3 grammar accepts (the reference's table also lists `chy`, which
/// its grammar cannot match).
std::span<const Code> hypervisors();
/// i z a r → intel, amd, arm, risc-v.
std::span<const Code> cpu_vendors();
/// N A I → nvidia, amd, intel.
std::span<const Code> gpu_vendors();
/// g G → virtual, pass-through.
std::span<const Code> gpu_types();

/// The largest CPU generation of a vendor (generations run from 0; none written is allowed).
std::optional<int> max_cpu_generation(char vendor);
/// The GPU generations of a vendor, in the reference's order, "" (unspecified) first.
std::span<const std::string_view> gpu_generations(char vendor);

/// Frequency suffixes: CPU "", h, hh, hhh; GPU frequency and bandwidth "", h, hh.
std::span<const std::string_view> cpu_frequencies();
std::span<const std::string_view> gpu_frequencies();

/// The code with `key` (or, for words, `word`) in `table`.
const Code* find_key(std::span<const Code> table, std::string_view key);
const Code* find_word(std::span<const Code> table, std::string_view word);

} // namespace scsctl::scs
