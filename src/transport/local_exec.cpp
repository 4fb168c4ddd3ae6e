// Running a command locally without blocking the event loop: posix_spawn, non-blocking
// pipes, and pidfd_open (Linux >= 5.3) so that the exit is just another readable fd.
#include "transport/local_exec.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "transport/tcp_connect.hpp"

extern char** environ;

namespace scsctl::transport {

namespace {

int open_pidfd(pid_t pid)
{
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

void close_fd(int& fd)
{
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

const char* signal_name(int signal)
{
    switch (signal) {
    case SIGKILL:
        return "KILL";
    case SIGTERM:
        return "TERM";
    case SIGINT:
        return "INT";
    case SIGHUP:
        return "HUP";
    case SIGSEGV:
        return "SEGV";
    case SIGABRT:
        return "ABRT";
    case SIGPIPE:
        return "PIPE";
    case SIGQUIT:
        return "QUIT";
    default:
        return "UNKNOWN";
    }
}

} // namespace

LocalExec::LocalExec(std::string host, CommandRequest request, std::optional<Become> become,
                     std::function<void(CommandOutcome)> done)
    : m_host(std::move(host)), m_request(std::move(request)), m_become(std::move(become)), m_done(std::move(done))
{
    m_stdin = m_become ? become_stdin(*m_become, m_request.stdin_data) : m_request.stdin_data;
}

LocalExec::~LocalExec()
{
    kill_child();
    close_fd(m_in);
    close_fd(m_out);
    close_fd(m_err);
    close_fd(m_pidfd);
}

void LocalExec::kill_child()
{
    if (m_pid > 0 && !m_exited) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, &m_wait_status, 0);
        m_exited = true;
    }
}

void LocalExec::deliver(CommandOutcome outcome)
{
    if (m_delivered) {
        return;
    }
    m_delivered = true;
    if (m_done) {
        auto done = std::move(m_done);
        done(std::move(outcome));
    }
}

void LocalExec::fail(const Failure& failure)
{
    deliver(std::unexpected(failure));
    kill_child();
}

bool LocalExec::spawn(Clock::time_point now)
{
    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        deliver(std::unexpected(Failure{FailureKind::connection_lost, m_host + ": pipe: " + std::strerror(errno)}));
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    const std::string command = m_become ? wrap_become(m_request.command, *m_become) : m_request.command;
    std::array<char*, 4> argv{const_cast<char*>("/bin/sh"), const_cast<char*>("-c"), const_cast<char*>(command.c_str()),
                              nullptr};
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, "/bin/sh", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    m_in = in[1];
    m_out = out[0];
    m_err = err[0];
    set_nonblocking(m_in);
    set_nonblocking(m_out);
    set_nonblocking(m_err);
    if (rc != 0) {
        deliver(std::unexpected(Failure{FailureKind::connection_lost, m_host + ": cannot start /bin/sh: " +
                                                                          std::strerror(rc)}));
        return false;
    }
    m_pid = pid;
    m_pidfd = open_pidfd(pid);
    m_start = now;
    m_started = true;
    return true;
}

void LocalExec::prepare(PollSet& set)
{
    if (!m_started) {
        set.wake_at(Clock::now());
        return;
    }
    if (m_in >= 0) {
        set.add(m_in, POLLOUT);
    }
    if (m_out >= 0) {
        set.add(m_out, POLLIN);
    }
    if (m_err >= 0) {
        set.add(m_err, POLLIN);
    }
    if (m_pidfd >= 0 && !m_exited) {
        set.add(m_pidfd, POLLIN);
    } else if (!m_exited) {
        set.wake_at(Clock::now() + std::chrono::milliseconds(10)); // no pidfd: poll for the exit
    }
    if (m_request.timeout.count() > 0) {
        set.wake_at(m_start + m_request.timeout);
    }
}

void LocalExec::pump_stdin()
{
    while (m_in >= 0 && m_stdin_sent < m_stdin.size()) {
        const ssize_t n = ::write(m_in, m_stdin.data() + m_stdin_sent, m_stdin.size() - m_stdin_sent);
        if (n < 0) {
            if (errno == EAGAIN) {
                return;
            }
            break; // the child closed its stdin
        }
        m_stdin_sent += static_cast<std::size_t>(n);
    }
    close_fd(m_in);
}

void LocalExec::drain(int& fd, std::string& sink, std::uint64_t& total,
                      const std::function<void(std::string_view)>& sink_fn)
{
    std::array<char, 64 * 1024> buffer{};
    while (fd >= 0) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EAGAIN) {
            return;
        }
        if (n <= 0) {
            close_fd(fd);
            return;
        }
        const std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
        total += chunk.size();
        if (sink.size() < m_request.capture_limit) {
            sink.append(chunk.substr(0, m_request.capture_limit - sink.size()));
        }
        if (sink_fn) {
            sink_fn(chunk);
        }
    }
}

bool LocalExec::reap()
{
    if (m_exited) {
        return true;
    }
    const pid_t rc = ::waitpid(m_pid, &m_wait_status, WNOHANG);
    if (rc == m_pid) {
        m_exited = true;
    }
    return m_exited;
}

bool LocalExec::advance(Clock::time_point now)
{
    if (m_delivered && m_exited) {
        return true;
    }
    if (!m_started && !spawn(now)) {
        return true;
    }
    if (m_request.timeout.count() > 0 && now >= m_start + m_request.timeout && !m_delivered) {
        deliver(std::unexpected(Failure{FailureKind::command_timeout,
                                        m_host + ": command timed out after " +
                                            std::to_string(m_request.timeout.count() / 1000) + " s"}));
        kill_child();
        return true;
    }
    pump_stdin();
    drain(m_out, m_result.stdout_data, m_result.stdout_bytes, m_request.on_stdout);
    drain(m_err, m_result.stderr_data, m_result.stderr_bytes, m_request.on_stderr);
    if (m_out >= 0 || m_err >= 0 || !reap()) {
        return false;
    }
    m_result.duration = std::chrono::duration_cast<std::chrono::microseconds>(now - m_start);
    if (WIFSIGNALED(m_wait_status)) {
        m_result.exit_signal = signal_name(WTERMSIG(m_wait_status));
        m_result.exit_status = -1;
    } else {
        m_result.exit_status = WEXITSTATUS(m_wait_status);
    }
    if (m_become && sudo_password_failed(m_result.stderr_data, *m_become)) {
        deliver(std::unexpected(Failure{FailureKind::sudo_password, m_host + ": sudo needs a password"}));
        return true;
    }
    if (m_become && !m_become->password.empty()) {
        m_result.stderr_data = strip_sudo_prompt(m_result.stderr_data);
    }
    deliver(std::move(m_result));
    return true;
}

} // namespace scsctl::transport
