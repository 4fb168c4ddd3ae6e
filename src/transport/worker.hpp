// Worker: one thread running one event loop (poll) over the connections of its hosts.
// Other threads talk to it only through post() and wake(). Depends on transport internals.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "transport/connection.hpp"
#include "transport/endpoint.hpp"
#include "transport/ssh_connection.hpp"

namespace scsctl::transport {

/// How often, in this process, a worker's event loop returned from poll(). Tests compare
/// it across a quiet command to prove the loop sleeps while nothing happens.
std::uint64_t event_loop_wakeups();

class Worker {
public:
    using Task = std::function<void(Worker&)>;

    Worker(SshShared& shared, std::size_t connect_slots, const std::atomic<bool>& cancel_flag);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    /// Runs `task` on the worker thread (thread-safe).
    void post(Task task);

    /// Wakes the loop. Async-signal-safe.
    void wake() noexcept;

    /// Asks the loop to close every connection and end once they are closed (or after
    /// `grace`), then joins the thread.
    void stop(std::chrono::milliseconds grace);

    /// Loop thread only: the connection of `endpoint` (created on first use), with
    /// bastion connections created and shared as needed.
    Connection& connection_for(std::size_t host, const Endpoint& endpoint);

private:
    void run();
    void drain_tasks();
    void cancel_everything();
    SshConnection* bastion_for(const Endpoint& endpoint);

    SshShared& m_shared;
    ConnectSlots m_slots;
    const std::atomic<bool>& m_cancel_flag;
    bool m_cancelled = false;
    int m_wake_fd = -1;
    std::mutex m_mutex;
    std::deque<Task> m_tasks;
    std::atomic<bool> m_stopping{false};
    std::chrono::milliseconds m_grace{2000};
    // Creation order: bastions before the hosts behind them; destroyed in reverse.
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::map<std::size_t, Connection*> m_by_host;
    std::map<std::string, SshConnection*> m_bastions;
    std::vector<std::unique_ptr<Endpoint>> m_bastion_settings;
    std::thread m_thread;
};

} // namespace scsctl::transport
