// Judging clock skew between hosts from one reading of each host's clock: the controller
// notes when it sent the request and when the answer came back; the host's time is
// compared with the middle of that round trip (its error is at most half the round
// trip). Skew is measured against the median of all hosts' offsets, so the controller's
// own clock cancels out and one bad clock cannot move the reference. Pure; depends on
// core only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::health {

/// What the controller measured for one host.
struct ClockSample {
    std::string host;
    std::chrono::nanoseconds offset{0};     ///< host clock minus the round trip's midpoint on the controller
    std::chrono::nanoseconds round_trip{0}; ///< request sent to answer received
};

struct ClockVerdict {
    std::string host;
    std::chrono::nanoseconds skew{0}; ///< offset minus the median offset of all hosts
    std::chrono::nanoseconds offset{0};
    std::chrono::nanoseconds round_trip{0};
    bool ok = true; ///< |skew| <= the allowed skew
    std::string detail; ///< one line naming the skew, offset and round trip
};

/// The offset of a host whose clock read `host_time` (since the epoch) in a round trip
/// from `sent` to `received` (controller clock, since the epoch).
std::chrono::nanoseconds clock_offset(std::chrono::nanoseconds host_time, std::chrono::nanoseconds sent,
                                      std::chrono::nanoseconds received);

/// One verdict per sample, in order. An empty input gives nothing; one host is its own
/// reference (skew 0).
std::vector<ClockVerdict> evaluate_clock_skew(const std::vector<ClockSample>& samples,
                                              std::chrono::nanoseconds max_skew);

/// `date +%s.%N` output ("1764000000.123456789\n") as time since the epoch; nullopt when
/// it is not that (a `date` without %N prints "N").
std::optional<std::chrono::nanoseconds> parse_epoch_nanoseconds(std::string_view text);

/// The allowed skew from the inventory variable's text ("0.5", "2", "1e-6"): positive
/// seconds; an error message names the variable otherwise.
core::Result<std::chrono::nanoseconds> parse_max_skew(std::string_view variable, std::string_view text);

/// "+0.000123 s" (microsecond resolution, sign always shown).
std::string signed_seconds(std::chrono::nanoseconds value);

} // namespace scsctl::health
