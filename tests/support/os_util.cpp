// Small OS helpers for the test fixtures: run and spawn processes, walk the process tree in
// /proc, read and write whole files. Linux only; every descriptor opened here is close-on-exec.
#include "os_util.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <system_error>

extern char** environ;

namespace scsctl::testing {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

[[noreturn]] void throw_errno(const std::string& what)
{
    throw std::system_error(errno, std::generic_category(), what);
}

} // namespace

std::string read_text_file(const fs::path& path, std::streamoff from)
{
    std::ifstream in(path, std::ios::binary);
    in.seekg(from);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text_file(const fs::path& path, const std::string& content, fs::perms mode)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
    fs::permissions(path, mode);
}

pid_t spawn_process(const std::vector<std::string>& argv, int in_fd, int out_fd, bool die_with_parent)
{
    std::vector<std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        if (std::strncmp(*entry, "PATH=", 5) != 0) {
            env.emplace_back(*entry);
        }
    }
    env.emplace_back("PATH=/usr/sbin:/usr/bin:/sbin:/bin");
    std::vector<char*> c_argv;
    std::vector<char*> c_env;
    for (const auto& arg : argv) {
        c_argv.push_back(const_cast<char*>(arg.c_str()));
    }
    for (auto& entry : env) {
        c_env.push_back(entry.data());
    }
    c_argv.push_back(nullptr);
    c_env.push_back(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw_errno("fork");
    }
    if (pid == 0) {  // child: async-signal-safe calls only
        ::setpgid(0, 0);
        if (die_with_parent && (::prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || ::getppid() != parent)) {
            ::_exit(127);
        }
        sigset_t none;
        ::sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGPIPE, SIG_DFL);
        if (::dup2(in_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(out_fd, 2) < 0) {
            ::_exit(127);
        }
        ::close_range(3, ~0U, 0);
        ::execve(c_argv[0], c_argv.data(), c_env.data());
        ::_exit(127);
    }
    ::setpgid(pid, pid);  // also here, so that kill(-pid) cannot race the child's own setpgid
    return pid;
}

int exit_code_of(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<pid_t> descendant_processes(pid_t root)
{
    std::multimap<pid_t, pid_t> children;
    std::error_code ec;
    for (auto it = fs::directory_iterator("/proc", ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) {
            continue;
        }
        const std::string stat = read_text_file(it->path() / "stat");
        const auto paren = stat.rfind(')');
        char state = 'X';
        pid_t ppid = 0;
        if (paren != std::string::npos && std::istringstream(stat.substr(paren + 1)) >> state >> ppid
            && state != 'Z' && state != 'X') {
            children.emplace(ppid, static_cast<pid_t>(std::stol(name)));
        }
    }
    std::vector<pid_t> found;
    std::vector<pid_t> queue{root};
    while (!queue.empty()) {
        const pid_t parent = queue.back();
        queue.pop_back();
        for (auto [it, end] = children.equal_range(parent); it != end; ++it) {
            found.push_back(it->second);
            queue.push_back(it->second);
        }
    }
    return found;
}

ProcessResult run_checked(const std::vector<std::string>& argv, const std::string& input)
{
    ProcessResult result = run_process(argv, input);
    if (result.exit_code != 0) {
        throw std::runtime_error(argv[0] + " failed (exit " + std::to_string(result.exit_code)
                                 + "): " + result.output);
    }
    return result;
}

namespace {

/// Feeds `input` to in_fd (-1: none) and collects out_fd until EOF, or until the deadline,
/// when it kills the process group `pid`. Closes both descriptors.
void exchange(pid_t pid, int out_fd, int in_fd, const std::string& input, std::chrono::milliseconds timeout,
              ProcessResult& result)
{
    std::size_t written = 0;
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd fds[2] = {{out_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
        const int ready = left.count() > 0 ? ::poll(fds, 2, static_cast<int>(left.count())) : 0;
        if (ready == 0) {
            result.timed_out = true;
            ::kill(-pid, SIGKILL);
            break;
        }
        if (ready < 0) {
            continue; // EINTR
        }
        if (fds[1].revents != 0) {
            const ssize_t n = ::write(in_fd, input.data() + written, input.size() - written);
            written += n > 0 ? static_cast<std::size_t>(n) : 0;
            if (n < 0 || written == input.size()) {
                ::close(in_fd);
                in_fd = -1;
            }
        }
        if (fds[0].revents != 0) {
            char buffer[4096];
            const ssize_t n = ::read(out_fd, buffer, sizeof buffer);
            if (n <= 0) {
                break;
            }
            result.output.append(buffer, static_cast<std::size_t>(n));
        }
    }
    if (in_fd >= 0) {
        ::close(in_fd);
    }
    ::close(out_fd);
}

} // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          std::chrono::milliseconds timeout)
{
    static std::once_flag ignore_sigpipe;
    std::call_once(ignore_sigpipe, [] { ::signal(SIGPIPE, SIG_IGN); });
    int in_pipe[2];
    int out_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0) {
        throw_errno("pipe");
    }
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
        ::close(in_pipe[0]);
        ::close(in_pipe[1]);
        throw_errno("pipe");
    }
    pid_t pid = -1;
    try {
        pid = spawn_process(argv, in_pipe[0], out_pipe[1], false);
    } catch (...) {
        for (const int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1]}) {
            ::close(fd);
        }
        throw;
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    if (input.empty()) {
        ::close(in_pipe[1]);
        in_pipe[1] = -1;
    }
    ProcessResult result;
    exchange(pid, out_pipe[0], in_pipe[1], input, timeout, result);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = exit_code_of(status);
    return result;
}

} // namespace scsctl::testing
