// Judging a host: the probe's transport outcome and parsed facts against the host's
// requirements, one CheckResult per check. Pure (no I/O, no clock): unit-tested edge by
// edge. Depends on core, transport's plain result types and preflight's probe and
// requirements.
#pragma once

#include <optional>
#include <string>

#include "preflight/checks.hpp"
#include "preflight/probe.hpp"
#include "preflight/requirements.hpp"
#include "transport/operations.hpp"

namespace scsctl::preflight {

/// The controller's clock (seconds since the epoch) when the probe's command started and
/// when its answer arrived: the host printed its time somewhere in between.
struct ClockWindow {
    double started = 0;
    double received = 0;
};

/// What the runner saw of one host.
struct ProbeRun {
    transport::CommandOutcome with_become;
    /// The same probe without sudo, run only when sudo failed (facts from the login user).
    std::optional<transport::CommandOutcome> without_become;
    ClockWindow window;           ///< of the run whose output holds the facts
    bool become_password = false; ///< a become password was configured (for the sudo detail)
};

HostReport evaluate_host(const std::string& host, const ProbeRun& run, const HostRequirements& requirements);

CheckResult os_check(const HostFacts& facts);
CheckResult disk_check(const HostFacts& facts, const HostRequirements& requirements);
CheckResult memory_check(const HostFacts& facts, const HostRequirements& requirements);
CheckResult time_check(const HostFacts& facts, const HostRequirements& requirements, const ClockWindow& window);
CheckResult ports_check(const HostFacts& facts, const HostRequirements& requirements);

/// "12.3 GiB" (one decimal).
std::string gib_text(std::uint64_t bytes);

} // namespace scsctl::preflight
