// The runner's event loop: transport callbacks (on worker threads) post work here, and
// the runner's thread runs it, so that runner state, templating and reporting stay on
// one thread. Timers serve delays (retries, pause). Depends on the standard library.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>

namespace scsctl::exec {

class Mailbox {
public:
    using Clock = std::chrono::steady_clock;

    /// Thread-safe: queue `work` for the runner's thread.
    void post(std::function<void()> work);
    /// Runner thread: run `work` once `delay` has passed.
    void post_after(std::chrono::milliseconds delay, std::function<void()> work);
    /// Runner thread: run queued work and due timers until `done()` holds.
    void run_until(const std::function<bool()>& done);

private:
    std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::deque<std::function<void()>> m_queue;
    std::multimap<Clock::time_point, std::function<void()>> m_timers; ///< runner thread only
};

} // namespace scsctl::exec
