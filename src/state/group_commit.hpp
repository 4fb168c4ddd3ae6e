// GroupCommitQueue: what both run stores (the SQLite journal and etcd) do with results: the
// runner's thread queues them, a writer thread writes them in groups, each group within
// `interval` of its first item being queued (or at once when a flush or the end asks),
// so a killed controller loses at most the results in flight while a fast run does not
// pay one commit per result. The first write error is kept and returned by flush().
// Depends on core.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/result.hpp"

namespace scsctl::state {

template <typename Item>
class GroupCommitQueue {
public:
    using Writer = std::function<core::Result<void>(const std::vector<Item>&)>;

    /// Starts the writer thread; `write` is called on it, one group at a time. Make the
    /// queue the last member of its owner, so that `write` never outlives what it uses.
    GroupCommitQueue(std::chrono::milliseconds interval, Writer write)
        : m_interval(interval), m_write(std::move(write)), m_thread([this] { loop(); })
    {
    }
    /// Writes what is queued, then stops the writer.
    ~GroupCommitQueue()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    GroupCommitQueue(const GroupCommitQueue&) = delete;
    GroupCommitQueue& operator=(const GroupCommitQueue&) = delete;

    /// Queues the item `make()` returns; `make` runs under the queue's lock, so items can
    /// be numbered in queue order there.
    template <typename Make>
    void push(Make&& make)
    {
        std::lock_guard lock(m_mutex);
        if (m_pending.empty()) {
            m_first_pending_at = std::chrono::steady_clock::now();
        }
        m_pending.push_back(make());
        ++m_queued;
        m_wake.notify_all();
    }

    /// Waits until everything queued so far is written; the writer's first error, if any.
    core::Result<void> flush()
    {
        std::unique_lock lock(m_mutex);
        const std::size_t target = m_queued;
        m_flush_asked = true;
        m_wake.notify_all();
        m_done.wait(lock, [&] { return m_written >= target; });
        m_flush_asked = false;
        if (m_error) {
            return core::fail(*m_error);
        }
        return {};
    }

    /// Groups written so far (for tests and -vvv).
    std::size_t commits() const
    {
        std::lock_guard lock(m_mutex);
        return m_commits;
    }

private:
    void loop()
    {
        std::unique_lock lock(m_mutex);
        while (true) {
            m_wake.wait(lock, [&] { return m_stop || !m_pending.empty(); });
            if (m_pending.empty()) {
                return; // stopping with nothing left
            }
            // Items that arrive within the interval of the first one share its write.
            m_wake.wait_until(lock, m_first_pending_at + m_interval, [&] { return m_stop || m_flush_asked; });
            std::vector<Item> group = std::move(m_pending);
            m_pending.clear();
            lock.unlock();
            auto written = m_write(group);
            lock.lock();
            if (!written && !m_error) {
                m_error = written.error();
            }
            m_written += group.size();
            ++m_commits;
            m_done.notify_all();
        }
    }

    std::chrono::milliseconds m_interval;
    Writer m_write;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake; ///< items queued, flush or stop asked
    std::condition_variable m_done; ///< a group written
    std::vector<Item> m_pending;
    std::chrono::steady_clock::time_point m_first_pending_at;
    std::size_t m_queued = 0;
    std::size_t m_written = 0;
    std::size_t m_commits = 0;
    bool m_flush_asked = false;
    bool m_stop = false;
    std::optional<core::Error> m_error;
    std::thread m_thread; ///< last: starts once everything above is initialised
};

} // namespace scsctl::state
