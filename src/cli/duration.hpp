// Durations as operators write them on the command line: "90" or "90s", "15m", "2h",
// "1d". Depends on the standard library only.
#pragma once

#include <optional>
#include <string>

namespace scsctl::cli {

/// Seconds for `text`, or nullopt when it is not a positive whole number with an
/// optional unit s, m, h or d.
std::optional<double> parse_duration(const std::string& text);

} // namespace scsctl::cli
