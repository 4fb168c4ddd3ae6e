// PollSet: the file descriptors and the earliest deadline one event-loop iteration waits
// for. Connections add their fds and read back revents by slot. Standard library only.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include <poll.h>

namespace scsctl::transport {

using Clock = std::chrono::steady_clock;

class PollSet {
public:
    /// Adds `fd` with `events`; returns its slot for revents().
    std::size_t add(int fd, short events)
    {
        m_fds.push_back(pollfd{fd, events, 0});
        return m_fds.size() - 1;
    }

    short revents(std::size_t slot) const { return slot < m_fds.size() ? m_fds[slot].revents : 0; }

    /// Asks to be woken no later than `when`.
    void wake_at(Clock::time_point when)
    {
        if (!m_deadline || when < *m_deadline) {
            m_deadline = when;
        }
    }

    /// Milliseconds until the earliest deadline (rounded up), or -1 for none.
    int timeout_ms(Clock::time_point now) const
    {
        if (!m_deadline) {
            return -1;
        }
        if (*m_deadline <= now) {
            return 0;
        }
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(*m_deadline - now).count();
        return static_cast<int>((micros + 999) / 1000);
    }

    std::vector<pollfd>& fds() { return m_fds; }

    void clear()
    {
        m_fds.clear();
        m_deadline.reset();
    }

private:
    std::vector<pollfd> m_fds;
    std::optional<Clock::time_point> m_deadline;
};

} // namespace scsctl::transport
