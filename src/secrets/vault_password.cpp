// A script is run without a shell (argv = {path}), its stdout read through a pipe; its
// stderr goes to ours, so a prompting helper can still talk to the operator.
#include "secrets/vault_password.hpp"

#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

extern char** environ;

namespace scsctl::secrets {

namespace {

core::Error error_in(const std::string& path, const std::string& message)
{
    return core::Error{core::ErrorKind::usage, message, {path, 0, 0}};
}

std::string strip(const std::string& text, const char* characters)
{
    const auto first = text.find_first_not_of(characters);
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(characters) - first + 1);
}

core::Result<std::string> run_script(const std::string& path)
{
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) {
        return core::fail(error_in(path, std::string("cannot run the vault password script: ") + std::strerror(errno)));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
    std::string program = path;
    char* argv[] = {program.data(), nullptr};
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, path.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    if (spawned != 0) {
        ::close(pipe_fds[0]);
        return core::fail(
            error_in(path, std::string("cannot run the vault password script: ") + std::strerror(spawned)));
    }
    std::string output;
    char buffer[4096];
    for (ssize_t got; (got = ::read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            break;
        }
        output.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(pipe_fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return core::fail(error_in(path, "the vault password script failed (exit status " +
                                             std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128) + ")"));
    }
    return strip(output, "\r\n");
}

} // namespace

core::Result<std::string> read_vault_password(const std::string& path)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return core::fail(error_in(path, std::string("cannot read the vault password file: ") + std::strerror(errno)));
    }
    if (!S_ISREG(info.st_mode)) {
        return core::fail(error_in(path, "the vault password file is not a regular file"));
    }
    std::string password;
    if (::access(path.c_str(), X_OK) == 0) {
        password = SCSCTL_TRY(run_script(path));
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return core::fail(
                error_in(path, std::string("cannot read the vault password file: ") + std::strerror(errno)));
        }
        password =
            strip(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), " \t\r\n\v\f");
    }
    if (password.empty()) {
        return core::fail(error_in(path, "the vault password is empty"));
    }
    return password;
}

} // namespace scsctl::secrets
