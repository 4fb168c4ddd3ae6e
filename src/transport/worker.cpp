// The event loop: collect fds and deadlines from every connection, poll, advance.
#include "transport/worker.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>

#include "transport/local_connection.hpp"

namespace scsctl::transport {

namespace {
std::atomic<std::uint64_t> g_loop_wakeups{0};
} // namespace

std::uint64_t event_loop_wakeups()
{
    return g_loop_wakeups.load();
}

Worker::Worker(SshShared& shared, std::size_t connect_slots, const std::atomic<bool>& cancel_flag)
    : m_shared(shared), m_cancel_flag(cancel_flag)
{
    m_slots.available = connect_slots == 0 ? 1 : connect_slots;
    m_wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    m_thread = std::thread([this] { run(); });
}

Worker::~Worker()
{
    if (m_thread.joinable()) {
        stop(std::chrono::milliseconds(2000));
    }
    if (m_wake_fd >= 0) {
        ::close(m_wake_fd);
    }
}

void Worker::post(Task task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    wake();
}

void Worker::wake() noexcept
{
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_wake_fd, &one, sizeof(one));
}

void Worker::stop(std::chrono::milliseconds grace)
{
    m_grace = grace;
    m_stopping = true;
    wake();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void Worker::drain_tasks()
{
    std::deque<Task> tasks;
    {
        std::lock_guard lock(m_mutex);
        tasks.swap(m_tasks);
    }
    for (auto& task : tasks) {
        task(*this);
    }
}

void Worker::cancel_everything()
{
    m_cancelled = true;
    const Failure failure{FailureKind::interrupted, "interrupted"};
    for (auto& connection : m_connections) {
        connection->abort_all(failure);
    }
}

SshConnection* Worker::bastion_for(const Endpoint& endpoint)
{
    SshConnection* via = nullptr;
    std::string key;
    for (const Hop& hop : endpoint.jumps) {
        key += hop.user + "@" + hop.address + ":" + std::to_string(hop.port) + ">";
        auto found = m_bastions.find(key);
        if (found != m_bastions.end()) {
            via = found->second;
            continue;
        }
        // A bastion inherits the trust settings of the first host that needs it.
        auto settings = std::make_unique<Endpoint>(endpoint);
        settings->target = hop;
        settings->jumps.clear();
        auto connection = std::make_unique<SshConnection>("bastion " + hop.address, hop, *settings, via, m_shared,
                                                          m_slots);
        via = connection.get();
        m_bastions.emplace(key, via);
        m_bastion_settings.push_back(std::move(settings));
        m_connections.push_back(std::move(connection));
    }
    return via;
}

Connection& Worker::connection_for(std::size_t host, const Endpoint& endpoint)
{
    auto found = m_by_host.find(host);
    if (found != m_by_host.end()) {
        return *found->second;
    }
    std::unique_ptr<Connection> connection;
    if (endpoint.local) {
        connection = std::make_unique<LocalConnection>(endpoint.name, m_shared.channels_per_host);
    } else {
        SshConnection* via = bastion_for(endpoint);
        connection = std::make_unique<SshConnection>(endpoint.name, endpoint.target, endpoint, via, m_shared, m_slots);
    }
    Connection& out = *connection;
    m_connections.push_back(std::move(connection));
    m_by_host.emplace(host, &out);
    if (m_cancelled) {
        out.abort_all(Failure{FailureKind::interrupted, endpoint.name + ": interrupted"});
    }
    return out;
}

void Worker::run()
{
    PollSet set;
    std::optional<Clock::time_point> stop_deadline;
    bool closing = false;
    for (;;) {
        drain_tasks();
        if (m_cancel_flag.load() && !m_cancelled) {
            cancel_everything();
        }
        const auto now = Clock::now();
        if (m_stopping && !closing) {
            closing = true;
            stop_deadline = now + m_grace;
            for (auto& connection : m_connections) {
                connection->close_when_idle();
            }
        }
        if (closing) {
            const bool all_finished = std::all_of(m_connections.begin(), m_connections.end(),
                                                  [](const auto& c) { return c->finished(); });
            if (all_finished || now >= *stop_deadline) {
                break;
            }
            set.wake_at(*stop_deadline);
        }
        set.add(m_wake_fd, POLLIN);
        for (auto& connection : m_connections) {
            connection->prepare(set, now);
        }
        ::poll(set.fds().data(), set.fds().size(), set.timeout_ms(now));
        g_loop_wakeups.fetch_add(1, std::memory_order_relaxed);
        if ((set.revents(0) & POLLIN) != 0) {
            std::uint64_t count = 0;
            [[maybe_unused]] const ssize_t n = ::read(m_wake_fd, &count, sizeof(count));
        }
        const auto after = Clock::now();
        for (auto& connection : m_connections) {
            connection->advance(set, after);
        }
        set.clear();
    }
    // Hosts behind bastions go first so that their tunnels close before the bastions.
    while (!m_connections.empty()) {
        m_connections.pop_back();
    }
}

} // namespace scsctl::transport
