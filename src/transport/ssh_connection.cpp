// The life of one SSH connection: start (TCP or tunnel), hand over to the handshake
// steps (ssh_handshake.cpp), run operations as channels, disconnect.
#include "transport/ssh_connection.hpp"

#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <unistd.h>

#include "transport/ssh_tunnel.hpp"
#include "transport/tcp_connect.hpp"

namespace scsctl::transport {

constexpr int k_max_rounds = 64; // operation steps per advance before polling again
// Operations are stepped at least this often while any runs, whatever poll() says.
constexpr auto k_watchdog = std::chrono::seconds(1);

std::atomic<std::uint64_t> g_lost_wakeups{0};

std::uint64_t lost_wakeups_recovered()
{
    return g_lost_wakeups.load();
}

ssize_t SshConnection::counting_recv(libssh2_socket_t fd, void* buffer, size_t length, int flags, void** abstract)
{
    const ssize_t n = ::recv(fd, buffer, length, flags);
    if (n < 0) {
        return errno == EWOULDBLOCK ? -EAGAIN : -errno; // libssh2 expects -errno
    }
    static_cast<SshConnection*>(*abstract)->m_bytes_received += static_cast<std::uint64_t>(n);
    return n;
}

SshConnection::SshConnection(std::string name, Hop hop, const Endpoint& settings, SshConnection* via,
                             SshShared& shared, ConnectSlots& slots)
    : m_name(std::move(name)), m_hop(std::move(hop)), m_settings(settings), m_via(via), m_shared(shared),
      m_slots(slots), m_view(nullptr, m_name, Clock::now())
{
    m_view.set_shells(&m_shells);
}

SshConnection::~SshConnection()
{
    for (auto& op : m_queue) {
        op->fail(Failure{FailureKind::interrupted, m_name + ": transport shut down"});
    }
    for (auto& op : m_running) {
        op->fail(Failure{FailureKind::interrupted, m_name + ": transport shut down"});
    }
    m_running.clear();
    m_releasing.clear();
    release_resources();
}

std::string SshConnection::where() const
{
    return (m_hop.user.empty() ? "" : m_hop.user + "@") + m_hop.address + ":" + std::to_string(m_hop.port);
}

void SshConnection::trace(const std::string& message) const
{
    if (m_shared.trace) {
        m_shared.trace(m_name, message);
    }
}

void SshConnection::submit(std::unique_ptr<Operation> operation)
{
    std::unique_ptr<SshOperation> op(static_cast<SshOperation*>(operation.release()));
    if (m_state == State::failed && m_failure) {
        op->fail(*m_failure);
        return;
    }
    if (!busy()) {
        m_last_activity = Clock::now(); // the watchdog measures from the first operation
    }
    m_queue.push_back(std::move(op));
}

void SshConnection::close_when_idle()
{
    m_close_requested = true;
}

void SshConnection::prepare(PollSet& set, Clock::time_point now)
{
    if (m_deadline) {
        set.wake_at(*m_deadline);
    }
    switch (m_state) {
    case State::idle:
        if ((busy() && m_slots.available > 0) || (m_close_requested && !busy())) {
            set.wake_at(now);
        }
        return;
    case State::tcp_connect:
        set.add(m_fd, POLLOUT);
        return;
    case State::tunnel_wait:
        if (m_tunnel_open || m_tunnel_failure) {
            set.wake_at(now);
        }
        return;
    case State::failed:
    case State::closed:
        if (busy()) {
            set.wake_at(now);
        }
        return;
    default:
        break;
    }
    short events = POLLIN;
    const int directions = m_session != nullptr ? libssh2_session_block_directions(m_session) : 0;
    if ((directions & LIBSSH2_SESSION_BLOCK_OUTBOUND) != 0) {
        events |= POLLOUT;
    }
    set.add(m_fd, events);
    for (auto& op : m_running) {
        op->prepare_extra(set);
        if (auto deadline = op->deadline()) {
            set.wake_at(*deadline);
        }
    }
    if (m_state == State::ready && busy()) {
        // Once a second while idle, not continuously: a long quiet command (sleep 60)
        // must leave poll() asleep between watchdog checks.
        set.wake_at(std::max(m_last_activity, m_watchdog_woke) + k_watchdog);
    }
    if (m_state == State::ready && m_settings.keepalive_interval.count() > 0) {
        set.wake_at(m_next_keepalive);
    }
    if (m_state == State::ready && !m_queue.empty() && m_running.size() < m_shared.channels_per_host) {
        set.wake_at(now);
    }
    if (m_state == State::ready && m_more_work) {
        set.wake_at(now);
    }
    if (m_state == State::ready && m_close_requested && !busy()) {
        set.wake_at(now);
    }
}

bool SshConnection::check_deadline(Clock::time_point now)
{
    if (!m_deadline || now < *m_deadline) {
        return false;
    }
    switch (m_state) {
    case State::tcp_connect:
    case State::tunnel_wait:
        fail_connection(Failure{FailureKind::connect_timeout,
                                m_name + ": " + where() + ": connection timed out after " +
                                    std::to_string(m_settings.connect_timeout.count()) + " ms"});
        return true;
    case State::handshake: {
        const bool banner = m_session != nullptr && libssh2_session_banner_get(m_session) != nullptr;
        fail_connection(Failure{banner ? FailureKind::handshake : FailureKind::no_ssh_banner,
                                m_name + ": " + where() +
                                    (banner ? ": SSH handshake timed out"
                                            : ": the peer accepted TCP but sent no SSH banner within " +
                                                  std::to_string(m_settings.connect_timeout.count()) + " ms")});
        return true;
    }
    case State::auth_list:
    case State::auth_key:
    case State::auth_agent:
        fail_connection(Failure{FailureKind::auth_failed, m_name + ": " + where() + ": authentication timed out"});
        return true;
    default:
        return false;
    }
}

void SshConnection::advance(const PollSet& set, Clock::time_point now)
{
    (void)set;
    m_view.set_now(now);
    if (check_deadline(now)) {
        return;
    }
    switch (m_state) {
    case State::idle:
        if (m_close_requested && !busy()) {
            m_state = State::closed;
        } else if (busy() && m_slots.available > 0) {
            start(now);
        }
        return;
    case State::tcp_connect:
        step_tcp(POLLOUT, now);
        return;
    case State::tunnel_wait:
        if (m_tunnel_failure) {
            Failure failure = *m_tunnel_failure;
            failure.message = m_name + ": via bastion: " + failure.message;
            fail_connection(failure);
        } else if (m_tunnel_open) {
            start_session(now);
        }
        return;
    case State::handshake:
        step_handshake(now);
        return;
    case State::auth_list:
        step_auth_list();
        return;
    case State::auth_key:
        step_auth_key();
        return;
    case State::auth_agent:
        step_auth_agent();
        return;
    case State::ready:
        run_operations(now);
        return;
    case State::disconnect:
        step_disconnect();
        return;
    case State::failed:
    case State::closed:
        for (auto& op : m_queue) {
            op->fail(m_failure.value_or(Failure{FailureKind::connection_lost, m_name + ": connection closed"}));
        }
        m_queue.clear();
        return;
    }
}

void SshConnection::start(Clock::time_point now)
{
    --m_slots.available;
    m_holds_slot = true;
    m_deadline = now + m_settings.connect_timeout;
    if (m_via != nullptr) {
        start_tunnel(now);
        return;
    }
    trace("connecting to " + where());
    ConnectStart started = start_tcp_connect(m_name, m_hop.address, m_hop.port);
    if (started.fd < 0) {
        fail_connection(started.failure);
        return;
    }
    m_fd = started.fd;
    if (started.in_progress) {
        m_state = State::tcp_connect;
        return;
    }
    start_session(now);
}

void SshConnection::start_tunnel(Clock::time_point now)
{
    (void)now;
    int pair[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) != 0) {
        fail_connection(Failure{FailureKind::connection_lost, m_name + ": socketpair failed"});
        return;
    }
    m_fd = pair[0];
    trace("tunnelling to " + where() + " through " + m_via->where());
    TunnelTarget target{m_hop.address, m_hop.port, {}};
    m_via->submit(std::make_unique<SshTunnel>(target, pair[1], [this](std::optional<Failure> failure) {
        if (failure) {
            m_tunnel_failure = std::move(failure);
        } else {
            m_tunnel_open = true;
        }
    }));
    m_state = State::tunnel_wait;
}

void SshConnection::step_tcp(short revents, Clock::time_point now)
{
    (void)revents;
    if (auto failure = finish_tcp_connect(m_name, m_fd, m_hop.address, m_hop.port)) {
        fail_connection(*failure);
        return;
    }
    // Still connecting when SO_ERROR is 0 but the socket is not yet writable: poll again.
    pollfd probe{m_fd, POLLOUT, 0};
    if (::poll(&probe, 1, 0) == 0) {
        return;
    }
    start_session(now);
}

void SshConnection::run_operations(Clock::time_point now)
{
    if (m_settings.keepalive_interval.count() > 0 && now >= m_next_keepalive && !m_view.send_pending()) {
        int next = 0;
        libssh2_keepalive_send(m_session, &next);
        m_next_keepalive = now + std::chrono::seconds(std::max(next, 1));
    }
    m_more_work = false;
    const std::uint64_t received_before = m_bytes_received;
    bool any_progress = false;
    for (int round = 0; round < k_max_rounds; ++round) {
        while (!m_queue.empty() && m_running.size() < m_shared.channels_per_host) {
            m_running.push_back(std::move(m_queue.front()));
            m_queue.pop_front();
        }
        const std::uint64_t received = m_bytes_received;
        bool progressed = false;
        if (!step_each(m_running, false, progressed) || !step_each(m_releasing, true, progressed)) {
            return; // the connection failed
        }
        any_progress = any_progress || progressed;
        if (!progressed && m_bytes_received == received) {
            break;
        }
        // Still progressing when the round budget runs out: operations may have work that
        // no socket event will announce (a token another operation just released, local
        // digest steps), so prepare() must not let poll() sleep on them.
        m_more_work = round + 1 == k_max_rounds;
    }
    watch_progress(now, any_progress, received_before);
    if (m_close_requested && !busy()) {
        for (auto& op : m_running) { // background operations (forwards) end with the connection
            op->fail(Failure{FailureKind::interrupted, m_name + ": connection closed"});
            m_releasing.push_back(std::move(op));
        }
        m_running.clear();
    }
    if (m_close_requested && !busy() && m_releasing.empty()) {
        m_state = State::disconnect;
        step_disconnect();
    }
}

// Records activity for the watchdog; progress that the watchdog's own wakeup found, with
// no bytes received and no deadline due, had been announced by nothing: a lost wakeup.
void SshConnection::watch_progress(Clock::time_point now, bool progressed, std::uint64_t received_before)
{
    const bool received = m_bytes_received != received_before;
    if (progressed && !received && now >= m_last_activity + k_watchdog) {
        const bool deadline_due = std::ranges::any_of(m_running, [&](const auto& op) {
            const auto deadline = op->deadline();
            return op->background() || (deadline && *deadline <= now);
        });
        if (!deadline_due) {
            ++g_lost_wakeups;
            trace("watchdog: operations progressed with no event announcing it (lost wakeup recovered)");
        }
    }
    if (progressed || received) {
        m_last_activity = now;
    } else if (now >= std::max(m_last_activity, m_watchdog_woke) + k_watchdog) {
        m_watchdog_woke = now;
    }
}

// Steps (or releases) each operation, dropping finished ones; false when the connection
// broke. While a packet is half sent only its owner is stepped (SshSessionView::send_pending).
bool SshConnection::step_each(std::vector<std::unique_ptr<SshOperation>>& ops, bool release, bool& progressed)
{
    for (std::size_t i = 0; i < ops.size();) {
        SshOperation* op = ops[i].get();
        if (!m_send_owner.may_step(op)) {
            ++i;
            continue;
        }
        const SshOperation::Step step = release ? op->release(m_view) : op->step(m_view);
        if (!m_view.broken().empty()) {
            fail_connection(Failure{FailureKind::connection_lost,
                                    m_name + ": " + where() + ": connection lost (" + m_view.broken() + ")"});
            return false;
        }
        m_send_owner.stepped(m_view, op, step == SshOperation::Step::done);
        if (step == SshOperation::Step::done) {
            ops.erase(ops.begin() + static_cast<std::ptrdiff_t>(i));
            progressed = true;
            continue;
        }
        progressed = progressed || step == SshOperation::Step::progressed;
        ++i;
    }
    return true;
}

void SshConnection::abort_all(const Failure& failure)
{
    for (auto& op : m_queue) {
        op->fail(failure);
    }
    m_queue.clear();
    for (auto& op : m_running) {
        op->fail(failure);
        m_releasing.push_back(std::move(op));
    }
    m_running.clear();
    m_close_requested = true;
    if (m_state == State::ready) {
        return; // run_operations releases channels, then disconnects
    }
    if (m_state != State::closed && m_state != State::failed) {
        m_failure = failure;
        m_releasing.clear();
        release_resources();
        m_state = State::closed;
    }
}

void SshConnection::fail_connection(Failure failure)
{
    trace("failed: " + failure.message);
    m_failure = failure;
    for (auto& op : m_queue) {
        op->fail(failure);
    }
    for (auto& op : m_running) {
        op->fail(failure);
    }
    m_queue.clear();
    m_running.clear();
    m_releasing.clear();
    release_resources();
    m_state = State::failed;
}

void SshConnection::step_disconnect()
{
    if (m_session != nullptr) {
        const int rc = libssh2_session_disconnect(m_session, "scsctl done");
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return;
        }
    }
    release_resources();
    m_state = State::closed;
}

void SshConnection::release_resources()
{
    m_send_owner.reset();
    if (m_holds_slot) {
        ++m_slots.available;
        m_holds_slot = false;
    }
    if (m_agent != nullptr) {
        libssh2_agent_disconnect(m_agent);
        libssh2_agent_free(m_agent);
        m_agent = nullptr;
    }
    m_shells.forget_all(); // their channels go with the session
    if (m_session != nullptr) {
        // Freeing may need to send channel closes; give it a bounded blocking moment
        // rather than leaking the session.
        libssh2_session_set_blocking(m_session, 1);
        libssh2_session_set_timeout(m_session, 1000);
        libssh2_session_free(m_session);
        m_session = nullptr;
        m_view.set_session(nullptr);
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    m_deadline.reset();
}

} // namespace scsctl::transport
