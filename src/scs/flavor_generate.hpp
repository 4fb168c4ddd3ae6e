// From parsed fields back to names: the canonical v2/v3 name (the reference's Outputter),
// the short name the standard recommends offering too, the v1 spelling, and the `scs:*`
// extra_specs that scs-0103 expects on a flavor of that name. Depends on the standard library
// and scs/flavor_name only.
#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "scs/flavor_name.hpp"

namespace scsctl::scs {

/// The canonical name: `SCS-` + cpus, type, i, `-` RAM (no decimals when whole, else one),
/// u, o, then the disk (`Mx` only when M is not 1, size only when given), `_hyp`, `_hwv`,
/// `_` vendor + generation (0 left out) + h's, `_` GPU, `_ib`.
std::string canonical_name(const FlavorName& flavor);

/// The standard's short form: no hypervisor, no `_hwv`, no x86 CPU brand (an ARM or RISC-V
/// brand stays, as the bare vendor), no GPU h's.
FlavorName shortened(const FlavorName& flavor);

/// A v2 name in v1 spelling: `-` → `:`, `_` → `-`, and the prefix kept as `SCS-`.
std::string v1_spelling(std::string_view v2_name);

/// Disks past this count would each need an `scs:diskN-type` property; more is refused.
inline constexpr std::uint64_t k_max_disk_properties = 1000;

using ExtraSpecs = std::vector<std::pair<std::string, std::string>>;

/// `scs:cpu-type`, `scs:disk0-type`… (one per disk; an unspecified disk type counts as
/// `network`, as in the reference), and `scs:name-v1`… : the full and the short name in v1
/// and v2 spelling, longest first, v1 before v2 at equal length, duplicates dropped. Fails
/// when the disk count exceeds k_max_disk_properties.
std::expected<ExtraSpecs, std::string> extra_specs(const FlavorName& flavor);

struct GeneratedFlavor {
    std::string name; ///< canonical
    ExtraSpecs extra_specs;
};

/// The canonical name and extra_specs of fields built by hand (a CPU generation 0 counts as
/// none, as a name cannot tell them apart). Fails with the reason when the name those fields
/// make does not pass scs-0100 v3 or does not read back as the same fields.
std::expected<GeneratedFlavor, std::string> generate_flavor(FlavorName flavor);

} // namespace scsctl::scs
