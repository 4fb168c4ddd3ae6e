// Mailbox: a locked queue drained by the runner's thread, with timers kept in order.
#include "exec/mailbox.hpp"

namespace scsctl::exec {

void Mailbox::post(std::function<void()> work)
{
    std::lock_guard lock(m_mutex);
    m_queue.push_back(std::move(work));
    m_arrived.notify_one();
}

void Mailbox::post_after(std::chrono::milliseconds delay, std::function<void()> work)
{
    m_timers.emplace(Clock::now() + delay, std::move(work));
}

void Mailbox::run_until(const std::function<bool()>& done)
{
    while (!done()) {
        while (!m_timers.empty() && m_timers.begin()->first <= Clock::now()) {
            auto work = std::move(m_timers.begin()->second);
            m_timers.erase(m_timers.begin());
            work();
        }
        if (done()) {
            return;
        }
        std::unique_lock lock(m_mutex);
        if (m_queue.empty()) {
            if (m_timers.empty()) {
                m_arrived.wait(lock, [&] { return !m_queue.empty(); });
            } else {
                m_arrived.wait_until(lock, m_timers.begin()->first, [&] { return !m_queue.empty(); });
            }
        }
        std::deque<std::function<void()>> batch;
        batch.swap(m_queue);
        lock.unlock();
        for (auto& work : batch) {
            work();
        }
    }
}

} // namespace scsctl::exec
