// The probe fan-out: at most `forks` hosts in flight; transport callbacks only stamp the
// arrival time and queue the outcome, the calling thread decides what happens next.
#include "preflight/runner.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>

namespace scsctl::preflight {

namespace {

double epoch_seconds(std::chrono::system_clock::time_point at)
{
    return std::chrono::duration<double>(at.time_since_epoch()).count();
}

struct Arrival {
    std::size_t index;
    transport::CommandOutcome outcome;
    std::chrono::system_clock::time_point received;
};

ClockWindow window_of(const Arrival& arrival)
{
    const double received = epoch_seconds(arrival.received);
    const double took = arrival.outcome ? std::chrono::duration<double>(arrival.outcome->duration).count() : 0.0;
    return {received - took, received};
}

} // namespace

bool sudo_failed(const transport::CommandOutcome& outcome)
{
    if (!outcome) {
        return outcome.error().kind == transport::FailureKind::sudo_password;
    }
    return outcome->stdout_data.find(k_probe_header) == std::string::npos;
}

std::vector<ProbeRun> run_probes(transport::Pool& pool, const std::vector<ProbeTarget>& targets,
                                 const ProbeOptions& options, const std::function<void(std::size_t)>& on_done)
{
    std::vector<ProbeRun> runs(targets.size());
    std::vector<transport::HostHandle> handles;
    for (const auto& target : targets) {
        handles.push_back(pool.add(target.connection.endpoint));
    }
    std::mutex mutex;
    std::condition_variable arrived;
    std::deque<Arrival> inbox;
    const auto dispatch = [&](std::size_t index, bool become) {
        const auto& connection = targets[index].connection;
        transport::CommandRequest request;
        request.command = targets[index].script;
        request.timeout = options.timeout;
        std::optional<transport::Become> how;
        if (become) {
            how = connection.become ? *connection.become : connection.become_settings;
        }
        pool.run(handles[index], std::move(request), how, [&, index](transport::CommandOutcome outcome) {
            const auto received = std::chrono::system_clock::now();
            std::lock_guard lock(mutex);
            inbox.push_back({index, std::move(outcome), received});
            arrived.notify_one();
        });
    };
    const std::size_t forks = options.forks == 0 ? targets.size() : options.forks;
    std::size_t next = 0;
    std::size_t in_flight = 0;
    std::size_t finished = 0;
    std::vector<bool> first_phase(targets.size(), true);
    while (finished < targets.size()) {
        while (next < targets.size() && in_flight < forks) {
            const auto& connection = targets[next].connection;
            runs[next].become_password =
                !(connection.become ? connection.become->password : connection.become_settings.password).empty();
            dispatch(next++, true);
            ++in_flight;
        }
        std::unique_lock lock(mutex);
        arrived.wait(lock, [&] { return !inbox.empty(); });
        while (!inbox.empty()) {
            Arrival arrival = std::move(inbox.front());
            inbox.pop_front();
            lock.unlock();
            const auto index = arrival.index;
            const bool fallback = first_phase[index] && sudo_failed(arrival.outcome);
            runs[index].window = window_of(arrival);
            if (first_phase[index]) {
                runs[index].with_become = std::move(arrival.outcome);
                first_phase[index] = false;
            } else {
                runs[index].without_become = std::move(arrival.outcome);
            }
            if (fallback) {
                dispatch(index, false);
            } else {
                pool.close(handles[index]);
                --in_flight;
                ++finished;
                if (on_done) {
                    on_done(index);
                }
            }
            lock.lock();
        }
    }
    return runs;
}

} // namespace scsctl::preflight
