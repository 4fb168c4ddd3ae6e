// Scheduling of local operations (at most `parallel` at once).
#include "transport/local_connection.hpp"

namespace scsctl::transport {

LocalConnection::LocalConnection(std::string name, std::size_t parallel)
    : m_name(std::move(name)), m_parallel(parallel == 0 ? 1 : parallel)
{
}

void LocalConnection::submit(std::unique_ptr<Operation> operation)
{
    m_queue.emplace_back(static_cast<LocalOperation*>(operation.release()));
}

void LocalConnection::prepare(PollSet& set, Clock::time_point now)
{
    if (!m_queue.empty() && m_running.size() < m_parallel) {
        set.wake_at(now);
    }
    for (auto& op : m_running) {
        op->prepare(set);
    }
}

void LocalConnection::advance(const PollSet& set, Clock::time_point now)
{
    (void)set;
    while (!m_queue.empty() && m_running.size() < m_parallel) {
        m_running.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    for (std::size_t i = 0; i < m_running.size();) {
        if (m_running[i]->advance(now)) {
            m_running.erase(m_running.begin() + static_cast<std::ptrdiff_t>(i));
            continue;
        }
        ++i;
    }
}

void LocalConnection::abort_all(const Failure& failure)
{
    for (auto& op : m_queue) {
        op->fail(failure);
    }
    m_queue.clear();
    for (auto& op : m_running) {
        op->fail(failure);
    }
    m_running.clear();
    m_close_requested = true;
}

} // namespace scsctl::transport
