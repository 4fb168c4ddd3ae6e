// Small OS helpers for the test fixtures: run and spawn processes, walk the process tree in
// /proc, read and write whole files.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace scsctl::testing {

/// Result of run_process: exit code (128+signal if killed), stdout and stderr interleaved.
struct ProcessResult {
    int exit_code = -1;
    std::string output;
    bool timed_out = false;
};

/// Runs argv[0] (an absolute path) in its own process group with `input` on stdin and
/// PATH=/usr/sbin:/usr/bin:/sbin:/bin; kills the group after `timeout`. Thread-safe. The first
/// call sets SIGPIPE to ignored in this process (children get the default back).
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

/// run_process, throwing std::runtime_error with the output unless the exit code is 0.
ProcessResult run_checked(const std::vector<std::string>& argv, const std::string& input = {});

/// Forks argv[0] in its own process group with stdin = in_fd, stdout and stderr = out_fd and no
/// other descriptors. With die_with_parent the child gets SIGTERM when the calling THREAD ends.
pid_t spawn_process(const std::vector<std::string>& argv, int in_fd, int out_fd, bool die_with_parent);

/// Exit code from a waitpid status: the code, or 128 + signal.
int exit_code_of(int status);

/// Every live (not zombie) descendant of `root`, from one scan of /proc.
std::vector<pid_t> descendant_processes(pid_t root);

/// The whole file from byte `from` on ("" if it cannot be read).
std::string read_text_file(const std::filesystem::path& path, std::streamoff from = 0);

/// Replaces the file's content and sets its mode; throws std::runtime_error on failure.
void write_text_file(const std::filesystem::path& path, const std::string& content, std::filesystem::perms mode);

} // namespace scsctl::testing
