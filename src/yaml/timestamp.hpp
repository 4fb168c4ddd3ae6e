// YAML 1.1 timestamps as PyYAML resolves and constructs them, rendered the way
// ansible-inventory prints dates (Python's isoformat()). Depends on the standard library only.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace scsctl::yaml {

/// PyYAML's implicit timestamp resolver: `2001-12-14` or `2001-12-14t21:59:43.10-05:00`.
bool is_timestamp(std::string_view text);

/// The isoformat() of the date or datetime PyYAML constructs from `text`
/// ("2001-12-14T21:59:43.100000-05:00"). Fails for impossible dates and offsets.
std::expected<std::string, std::string> timestamp_to_iso(std::string_view text);

} // namespace scsctl::yaml
