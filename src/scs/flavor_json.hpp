// A FlavorName as JSON fields (what `scsctl scs flavor-name --json` prints for a name that
// parses, and what `flavor-name generate` reads back), with the words of scs-0103 for the
// CPU and disk types. Integers too large for 64 bits are strings of digits. Depends on
// core (Value, spelling hints) and scs/flavor_name only.
#pragma once

#include <expected>
#include <string>

#include "core/value.hpp"
#include "scs/flavor_name.hpp"

namespace scsctl::scs {

/// Adds the fields of `flavor` to the JSON object `out`: cpus, cpu_type, cpu_insecure,
/// ram_gib, ram_no_ecc, ram_oversubscribed, disk_gb, disk_count (0: no disk part),
/// disk_type, hypervisor, hardware_virt, cpu_brand, gpu, infiniband.
void add_flavor_fields(core::Value& out, const FlavorName& flavor);

/// The FlavorName the fields of `fields` describe; `name`, `verdict`, `reason`, `syntax`
/// and `canonical` are allowed and ignored. Fails with "FIELD: what is wrong" for a missing,
/// mistyped, unknown or out-of-table field.
std::expected<FlavorName, std::string> flavor_from_fields(const core::Value& fields);

} // namespace scsctl::scs
