// The fan-out loop of ad-hoc execution: dispatch up to `forks` hosts, collect results
// from the transport threads through one queue, dispatch the next.
#include "exec/adhoc.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>

namespace scsctl::exec {

model::CommandOutcome to_outcome(const std::string& host, const transport::CommandOutcome& result)
{
    model::CommandOutcome out;
    out.host = host;
    if (!result) {
        const transport::Failure& failure = result.error();
        out.status = failure.unreachable() ? model::HostStatus::unreachable : model::HostStatus::failed;
        out.rc = -1;
        out.error_kind = std::string(transport::name_of(failure.kind));
        out.error = failure.message;
        const auto hint = transport::hint_for(failure.kind);
        if (!hint.empty()) {
            out.error += " (hint: " + std::string(hint) + ")";
        }
        return out;
    }
    const transport::CommandResult& ran = *result;
    out.rc = ran.exit_signal.empty() ? ran.exit_status : -1;
    out.exit_signal = ran.exit_signal;
    out.stdout_text = ran.stdout_data;
    out.stderr_text = ran.stderr_data;
    out.stdout_bytes = ran.stdout_bytes;
    out.stderr_bytes = ran.stderr_bytes;
    out.duration_ms = static_cast<double>(ran.duration.count()) / 1000.0;
    if (!ran.exit_signal.empty()) {
        out.status = model::HostStatus::failed;
        out.error_kind = "signal";
        out.error = host + ": command killed by signal " + ran.exit_signal;
    } else if (ran.exit_status != 0) {
        out.status = model::HostStatus::failed;
        out.error_kind = "exit_code";
        out.error = host + ": command exited with status " + std::to_string(ran.exit_status);
    }
    return out;
}

std::vector<model::CommandOutcome> run_adhoc(transport::Pool& pool, const std::vector<AdhocHost>& hosts,
                                             const AdhocOptions& options,
                                             const std::function<void(const model::CommandOutcome&)>& on_result)
{
    std::vector<model::CommandOutcome> outcomes(hosts.size());
    std::vector<transport::HostHandle> handles;
    handles.reserve(hosts.size());
    for (const auto& host : hosts) {
        handles.push_back(pool.add(host.connection.endpoint));
    }
    std::mutex mutex;
    std::condition_variable arrived;
    std::deque<std::pair<std::size_t, model::CommandOutcome>> inbox;
    const std::size_t forks = options.forks == 0 ? hosts.size() : options.forks;
    std::size_t next = 0;
    std::size_t in_flight = 0;
    std::size_t finished = 0;
    while (finished < hosts.size()) {
        while (next < hosts.size() && in_flight < forks) {
            const std::size_t index = next++;
            ++in_flight;
            transport::CommandRequest request;
            request.command = options.command;
            request.stdin_data = options.stdin_data;
            request.timeout = options.timeout;
            const auto started = std::chrono::steady_clock::now();
            pool.run(handles[index], std::move(request), hosts[index].connection.become,
                     [&, index, started](transport::CommandOutcome result) {
                         model::CommandOutcome outcome = to_outcome(hosts[index].name, result);
                         if (!result) {
                             outcome.duration_ms = std::chrono::duration<double, std::milli>(
                                                       std::chrono::steady_clock::now() - started)
                                                       .count();
                         }
                         std::lock_guard lock(mutex);
                         inbox.emplace_back(index, std::move(outcome));
                         arrived.notify_one();
                     });
        }
        std::unique_lock lock(mutex);
        arrived.wait(lock, [&] { return !inbox.empty(); });
        while (!inbox.empty()) {
            auto [index, outcome] = std::move(inbox.front());
            inbox.pop_front();
            lock.unlock();
            pool.close(handles[index]);
            if (on_result) {
                on_result(outcome);
            }
            outcomes[index] = std::move(outcome);
            --in_flight;
            ++finished;
            lock.lock();
        }
    }
    return outcomes;
}

} // namespace scsctl::exec
