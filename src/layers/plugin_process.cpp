// Spawning and talking to one plugin: posix_spawn (argv only, own process group, clean
// environment), a socket for its stdin and pipes for stdout and stderr, poll() with one
// deadline per request. Any fault kills the process group: nothing of a broken plugin
// keeps running, and nothing it said after the fault is used.
#include "layers/plugin_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace scsctl::layers {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t k_stderr_tail = 2048;
constexpr const char* k_passed_variables[] = {"PATH", "LANG", "LC_ALL", "TZ", "TMPDIR"};

std::string seconds_text(std::chrono::milliseconds duration)
{
    const auto ms = duration.count();
    if (ms % 1000 == 0) {
        return std::to_string(ms / 1000) + " s";
    }
    return std::to_string(ms / 1000) + "." + std::to_string((ms % 1000) / 100) + " s";
}

/// `text` as one short printable line, for quoting what a plugin printed.
std::string printable(std::string_view text, std::size_t limit = 60)
{
    std::string out;
    for (const char c : text.substr(0, limit)) {
        out += (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    return text.size() > limit ? out + "..." : out;
}

void close_fd(int& fd)
{
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

} // namespace

std::vector<std::string> plugin_environment()
{
    std::vector<std::string> env;
    for (const char* name : k_passed_variables) {
        if (const char* value = std::getenv(name); value != nullptr) {
            env.push_back(std::string(name) + "=" + value);
        } else if (std::string_view(name) == "PATH") {
            env.emplace_back("PATH=/usr/local/bin:/usr/bin:/bin");
        }
    }
    env.emplace_back("SCSCTL_PLUGIN_PROTOCOL=1");
    return env;
}

core::Result<std::unique_ptr<PluginProcess>> PluginProcess::start(const std::string& path, PluginLimits limits)
{
    int stdin_pair[2];
    int stdout_pipe[2];
    int stderr_pipe[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, stdin_pair) != 0) {
        return core::fail({k_plugin_fault, std::string("cannot create a socket: ") + std::strerror(errno), {}});
    }
    if (::pipe2(stdout_pipe, O_CLOEXEC) != 0 || ::pipe2(stderr_pipe, O_CLOEXEC) != 0) {
        return core::fail({k_plugin_fault, std::string("cannot create a pipe: ") + std::strerror(errno), {}});
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, stdin_pair[1], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, stdout_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, stderr_pipe[1], STDERR_FILENO);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigset_t defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (const int signal : {SIGPIPE, SIGINT, SIGTERM, SIGHUP}) {
        sigaddset(&defaults, signal);
    }
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    const auto env_strings = plugin_environment();
    std::vector<char*> env;
    for (const auto& entry : env_strings) {
        env.push_back(const_cast<char*>(entry.c_str()));
    }
    env.push_back(nullptr);
    char* argv[] = {const_cast<char*>(path.c_str()), nullptr};
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, path.c_str(), &actions, &attributes, argv, env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    ::close(stdin_pair[1]);
    ::close(stdout_pipe[1]);
    ::close(stderr_pipe[1]);
    if (spawned != 0) {
        ::close(stdin_pair[0]);
        ::close(stdout_pipe[0]);
        ::close(stderr_pipe[0]);
        return core::fail({k_plugin_fault, std::string("cannot be started: ") + std::strerror(spawned), {}});
    }
    return std::unique_ptr<PluginProcess>(
        new PluginProcess(pid, stdin_pair[0], stdout_pipe[0], stderr_pipe[0], limits));
}

PluginProcess::PluginProcess(pid_t pid, int to_plugin, int from_plugin, int errors, PluginLimits limits)
    : m_pid(pid), m_to_plugin(to_plugin), m_from_plugin(from_plugin), m_errors(errors), m_limits(limits)
{
    ::fcntl(m_errors, F_SETFL, O_NONBLOCK); // drained whenever poll() says so, never waited on
}

PluginProcess::~PluginProcess()
{
    stop();
}

void PluginProcess::kill_group()
{
    // The whole group: a shell plugin's children (a hung `sleep`) die with it.
    ::kill(-m_pid, SIGKILL);
    if (!m_reaped) {
        while (::waitpid(m_pid, &m_status, 0) < 0 && errno == EINTR) {
        }
        m_reaped = true;
    }
}

void PluginProcess::stop()
{
    if (m_to_plugin < 0 && m_reaped) {
        return;
    }
    close_fd(m_to_plugin);
    // A well-behaved plugin exits on end of input; give it 200 ms, then kill the group.
    const auto deadline = Clock::now() + std::chrono::milliseconds(200);
    while (!m_reaped && Clock::now() < deadline) {
        if (::waitpid(m_pid, &m_status, WNOHANG) == m_pid) {
            m_reaped = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    kill_group();
    close_fd(m_from_plugin);
    close_fd(m_errors);
}

void PluginProcess::drain_stderr()
{
    char chunk[4096];
    while (m_errors >= 0) {
        const auto got = ::read(m_errors, chunk, sizeof chunk);
        if (got <= 0) {
            if (got == 0) {
                close_fd(m_errors);
            }
            return;
        }
        m_stderr.append(chunk, static_cast<std::size_t>(got));
        if (m_stderr.size() > k_stderr_tail) {
            m_stderr.erase(0, m_stderr.size() - k_stderr_tail);
        }
    }
}

std::string PluginProcess::stderr_tail() const
{
    std::string_view text = m_stderr;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.remove_suffix(1);
    }
    if (text.empty()) {
        return {};
    }
    const auto last = text.find_last_of('\n');
    return " (stderr: " + printable(last == std::string_view::npos ? text : text.substr(last + 1), 120) + ")";
}

std::string PluginProcess::exit_description()
{
    // Output closed: the plugin is exiting or has exited; wait a little for its status.
    const auto deadline = Clock::now() + std::chrono::milliseconds(500);
    while (!m_reaped && Clock::now() < deadline) {
        if (::waitpid(m_pid, &m_status, WNOHANG) == m_pid) {
            m_reaped = true;
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    if (!m_reaped) {
        return "closed its output";
    }
    if (WIFSIGNALED(m_status)) {
        return "was killed by signal " + std::to_string(WTERMSIG(m_status));
    }
    return "exited with status " + std::to_string(WEXITSTATUS(m_status));
}

core::Error PluginProcess::fault(std::string message)
{
    kill_group();
    // What it wrote to stderr up to its end, for the message.
    drain_stderr();
    core::Error error{k_plugin_fault, message + stderr_tail(), {}};
    m_broken = error;
    close_fd(m_to_plugin);
    close_fd(m_from_plugin);
    close_fd(m_errors);
    return error;
}

core::Result<core::Value> PluginProcess::request(const core::Value& message, const std::string& what)
{
    if (m_broken) {
        return core::fail(*m_broken);
    }
    const auto deadline = Clock::now() + m_limits.timeout;
    const std::string line = message.dump() + "\n";
    std::size_t sent = 0;
    while (sent < line.size()) {
        const auto wrote = ::send(m_to_plugin, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
        if (wrote < 0 && errno == EINTR) {
            continue;
        }
        if (wrote < 0) {
            // Gone already (EPIPE): its output tells how it ended, read below.
            break;
        }
        sent += static_cast<std::size_t>(wrote);
    }
    for (;;) {
        if (const auto end = m_buffer.find('\n'); end != std::string::npos) {
            std::string reply = m_buffer.substr(0, end);
            m_buffer.erase(0, end + 1);
            if (reply.size() > m_limits.max_line) {
                return core::fail(fault("answered '" + what + "' with a line longer than " +
                                        std::to_string(m_limits.max_line) + " bytes"));
            }
            auto parsed = core::Value::parse(reply, nullptr, false);
            if (parsed.is_discarded()) {
                return core::fail(fault("answered '" + what + "' with a line that is not JSON: '" + printable(reply) + "'"));
            }
            if (!parsed.is_object()) {
                return core::fail(fault("answered '" + what + "' with JSON that is not an object: '" +
                                        printable(reply) + "'"));
            }
            return parsed;
        }
        if (m_buffer.size() > m_limits.max_line) {
            return core::fail(fault("answered '" + what + "' with a line longer than " +
                                    std::to_string(m_limits.max_line) + " bytes"));
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return core::fail(fault("did not answer '" + what + "' within " + seconds_text(m_limits.timeout) +
                                    "; killed"));
        }
        pollfd fds[2] = {{m_from_plugin, POLLIN, 0}, {m_errors, POLLIN, 0}};
        const int ready = ::poll(fds, m_errors >= 0 ? 2 : 1, static_cast<int>(left.count()));
        if (ready < 0 && errno != EINTR) {
            return core::fail(fault(std::string("poll failed: ") + std::strerror(errno)));
        }
        if (m_errors >= 0 && (fds[1].revents & (POLLIN | POLLHUP)) != 0) {
            drain_stderr();
        }
        if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
            char chunk[65536];
            const auto got = ::read(m_from_plugin, chunk, sizeof chunk);
            if (got < 0 && errno == EINTR) {
                continue;
            }
            if (got <= 0) {
                drain_stderr();
                const std::string partial =
                    m_buffer.empty() ? "" : " after an incomplete line '" + printable(m_buffer) + "'";
                return core::fail(fault(exit_description() + " before answering '" + what + "'" + partial));
            }
            m_buffer.append(chunk, static_cast<std::size_t>(got));
        }
    }
}

} // namespace scsctl::layers
