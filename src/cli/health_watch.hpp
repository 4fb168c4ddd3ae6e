// What `scsctl health --watch SECONDS` prints after the first round: one line per change
// (health/round_changes.hpp) with a UTC timestamp, as text or as JSON Lines; and the
// first round as one JSON line. Formatting only. Depends on health and core.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "core/value.hpp"
#include "health/round_changes.hpp"

namespace scsctl::cli {

/// "2026-11-24T15:40:00Z".
std::string utc_time(std::time_t when);

/// "TIME  LAYER CHECK HOST: pass -> fail: DETAIL\n" per change ("" when nothing changed).
std::string watch_change_text(const std::vector<health::ResultChange>& changes, std::time_t when);

/// One JSON line per change: {"type": "change", "round", "time", "change": appeared|changed|
/// vanished, "layer", "check", "host", "before": status|null, "after": status|null, "detail"}.
std::string watch_change_json_lines(const std::vector<health::ResultChange>& changes, int round, std::time_t when);

/// The first round's line: {"type": "round", "round", "time"} followed by the fields of
/// the `--output json` document (`report`, from health_json).
std::string watch_round_json_line(const core::Value& report, int round, std::time_t when);

} // namespace scsctl::cli
