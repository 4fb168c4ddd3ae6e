// Reading the clocks: all hosts at once (forks), the arrival time noted on the calling
// thread as each answer comes in; the transport's own duration of the command is the
// round trip. Readings after the connections exist (the reachable check ran first), and
// the best of three, keep connection setup and scheduling noise out of the round trip.
#include "health/clock_skew_check.hpp"

#include <map>

#include "health/clock_skew.hpp"
#include "health/layer_check_support.hpp"

namespace scsctl::health {

namespace {

constexpr int k_readings = 3;

std::chrono::nanoseconds now_since_epoch()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::system_clock::now().time_since_epoch());
}

} // namespace

std::vector<CheckResult> ClockSkewCheck::run(const CheckContext& context) const
{
    const auto started = std::chrono::steady_clock::now();
    std::map<std::string, ClockSample> best;  // by host: the reading with the shortest round trip
    std::map<std::string, std::string> problem; // by host: why its clock could not be read
    exec::AdhocOptions options;
    options.command = "date +%s.%N";
    options.forks = context.forks;
    options.timeout = std::chrono::seconds(20);
    for (int reading = 0; reading < k_readings; ++reading) {
        exec::run_adhoc(context.pool, context.hosts, options, [&](const model::CommandOutcome& outcome) {
            const auto received = now_since_epoch();
            const auto round_trip = std::chrono::nanoseconds(static_cast<long long>(outcome.duration_ms * 1e6));
            const auto host_time = parse_epoch_nanoseconds(outcome.stdout_text);
            if (outcome.status != model::HostStatus::ok || outcome.rc != 0 || !host_time) {
                problem[outcome.host] = outcome.status != model::HostStatus::ok
                                            ? std::string(model::status_name(outcome.status)) + ": " + outcome.error
                                            : "cannot read the clock: `date +%s.%N` printed '" +
                                                  first_line_of(outcome.stdout_text, 40) + "' (exit status " +
                                                  std::to_string(outcome.rc) + ")";
                return;
            }
            const ClockSample sample{outcome.host, clock_offset(*host_time, received - round_trip, received),
                                     round_trip};
            const auto found = best.find(outcome.host);
            if (found == best.end() || round_trip < found->second.round_trip) {
                best[outcome.host] = sample;
            }
        });
    }
    std::vector<ClockSample> samples;
    for (const auto& host : context.hosts) {
        if (!problem.contains(host.name) && best.contains(host.name)) {
            samples.push_back(best.at(host.name));
        }
    }
    const auto verdicts = evaluate_clock_skew(samples, m_max_skew);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    std::vector<CheckResult> results;
    std::size_t next = 0;
    for (const auto& host : context.hosts) {
        if (next < verdicts.size() && verdicts[next].host == host.name) {
            const auto& verdict = verdicts[next++];
            results.push_back(make_result(*this, host.name, verdict.ok ? CheckStatus::pass : CheckStatus::fail,
                                          verdict.detail, took));
        } else {
            const auto found = problem.find(host.name);
            results.push_back(make_result(*this, host.name, CheckStatus::fail,
                                          found != problem.end() ? found->second : "no answer", took));
        }
    }
    return results;
}

} // namespace scsctl::health
