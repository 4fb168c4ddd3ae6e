// Running external programs with posix_spawn: pipes for stdout/stderr drained with
// poll() so that neither stream can fill up and block the child.
#include "lab/command.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace scsctl::lab {

namespace {

std::vector<char*> c_argv(const std::vector<std::string>& argv)
{
    std::vector<char*> out;
    out.reserve(argv.size() + 1);
    for (const auto& word : argv) {
        out.push_back(const_cast<char*>(word.c_str()));
    }
    out.push_back(nullptr);
    return out;
}

int wait_status(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return 127;
        }
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

// Writes `input` and reads both pipes until they close.
void pump(int in_fd, int out_fd, int err_fd, const std::string& input, CommandOutput& result)
{
    std::size_t written = 0;
    if (input.empty()) {
        ::close(in_fd);
        in_fd = -1;
    }
    char buffer[16384];
    while (out_fd >= 0 || err_fd >= 0 || in_fd >= 0) {
        pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
        if (::poll(fds, 3, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        for (int i = 0; i < 2; ++i) {
            int& fd = i == 0 ? out_fd : err_fd;
            if (fd < 0 || fds[i].revents == 0) {
                continue;
            }
            const ssize_t n = ::read(fd, buffer, sizeof buffer);
            if (n > 0) {
                (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fd);
                fd = -1;
            }
        }
        if (in_fd >= 0 && fds[2].revents != 0) {
            const ssize_t n = ::write(in_fd, input.data() + written, input.size() - written);
            if (n > 0) {
                written += static_cast<std::size_t>(n);
            }
            if (n < 0 && errno != EINTR && errno != EAGAIN) {
                written = input.size();
            }
            if (written == input.size()) {
                ::close(in_fd);
                in_fd = -1;
            }
        }
    }
}

} // namespace

std::string find_program(const std::string& name)
{
    if (name.find('/') != std::string::npos) {
        return ::access(name.c_str(), X_OK) == 0 ? name : "";
    }
    std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    path += ":/usr/sbin:/sbin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find(':', start), path.size());
        const std::string dir = path.substr(start, end - start);
        if (!dir.empty()) {
            const std::string candidate = dir + "/" + name;
            struct stat info {};
            if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(candidate.c_str(), X_OK) == 0) {
                return candidate;
            }
        }
        start = end + 1;
    }
    return "";
}

std::string first_line(const std::string& text)
{
    std::size_t start = text.find_first_not_of(" \n");
    if (start == std::string::npos) {
        return "";
    }
    return text.substr(start, text.find('\n', start) - start);
}

CommandOutput run_command(const std::vector<std::string>& argv, const std::string& input)
{
    CommandOutput result;
    const std::string program = argv.empty() ? "" : find_program(argv[0]);
    if (program.empty()) {
        result.status = 127;
        result.err = (argv.empty() ? std::string("(nothing)") : argv[0]) + ": command not found";
        return result;
    }
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        result.status = 127;
        result.err = std::string("pipe: ") + std::strerror(errno);
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    auto args = c_argv(argv);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (rc != 0) {
        ::close(in_pipe[1]);
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        result.status = 127;
        result.err = program + ": " + std::strerror(rc);
        return result;
    }
    pump(in_pipe[1], out_pipe[0], err_pipe[0], input, result);
    result.status = wait_status(pid);
    return result;
}

core::Result<std::string> run_checked(const std::vector<std::string>& argv, const std::string& what)
{
    auto output = run_command(argv);
    if (!output.ok()) {
        std::string reason = first_line(output.err);
        if (reason.empty()) {
            reason = first_line(output.out);
        }
        return core::fail({core::ErrorKind::failed,
                           what + ": " + (reason.empty() ? "exit status " + std::to_string(output.status) : reason), {}});
    }
    return output.out;
}

core::Result<pid_t> spawn_detached(const std::vector<std::string>& argv, const std::string& log_path,
                                   const std::vector<std::string>& extra_env)
{
    const std::string program = argv.empty() ? "" : find_program(argv[0]);
    if (program.empty()) {
        return core::fail({core::ErrorKind::failed, (argv.empty() ? std::string() : argv[0]) + ": command not found", {}});
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    std::vector<std::string> environment;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        environment.emplace_back(*entry);
    }
    environment.insert(environment.end(), extra_env.begin(), extra_env.end());
    auto args = c_argv(argv);
    auto env = c_argv(environment);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, program.c_str(), &actions, &attributes, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (rc != 0) {
        return core::fail({core::ErrorKind::failed, program + ": " + std::strerror(rc), {}});
    }
    return pid;
}

} // namespace scsctl::lab
