// Polling the layer's gate between upgrade batches (batch_gate.hpp).
#include "cli/batch_gate.hpp"

#include <thread>

#include "cli/signals.hpp"

namespace scsctl::cli {

namespace {

using Clock = std::chrono::steady_clock;

std::string seconds_since(Clock::time_point start)
{
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start).count()) + " s";
}

/// Sleeps `span`, waking early when a signal arrived.
void pause(std::chrono::milliseconds span)
{
    const auto until = Clock::now() + span;
    while (Clock::now() < until && SignalScope::received() == 0) {
        std::this_thread::sleep_for(std::min<Clock::duration>(std::chrono::milliseconds(100), until - Clock::now()));
    }
}

} // namespace

std::optional<std::string> wait_for_gate(const std::function<GateResult()>& check,
                                         const std::function<void(const std::string&)>& note, const std::string& what,
                                         const BatchGateTiming& timing)
{
    const auto start = Clock::now();
    std::string shown;
    while (true) {
        const GateResult verdict = check();
        if (verdict.passed) {
            note(what + ": health gate passed after " + seconds_since(start));
            return std::nullopt;
        }
        const std::string blocking = verdict.check + ": " + verdict.reason;
        if (SignalScope::received() != 0) {
            return "interrupted while waiting for the health gate (" + blocking + ")";
        }
        if (Clock::now() - start >= timing.timeout) {
            return "health gate '" + verdict.check + "' did not pass within " + seconds_since(start) + ": " +
                   verdict.reason;
        }
        if (blocking != shown) {
            note(what + ": waiting for the health gate (" + seconds_since(start) + "): " + blocking);
            shown = blocking;
        }
        pause(timing.interval);
    }
}

} // namespace scsctl::cli
