// Running the external programs the lab needs (ip, iptables, mount, mmdebstrap,
// systemd-nspawn, ssh-keygen, ...): argv vectors, never a shell; output captured, or a
// detached daemon whose output goes to a log file. Depends on core only.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

#include "core/result.hpp"

namespace scsctl::lab {

struct CommandOutput {
    int status = 0;         ///< exit status; 128+N when killed by signal N; 127 when not started
    std::string out;        ///< stdout
    std::string err;        ///< stderr
    bool ok() const { return status == 0; }
};

/// Runs `argv` (argv[0] looked up on PATH plus /usr/sbin:/sbin), waits, and captures
/// both streams. `input` is written to its stdin. Never fails itself: a program that
/// cannot be started reports status 127.
CommandOutput run_command(const std::vector<std::string>& argv, const std::string& input = {});

/// Runs `argv` and fails (kind failed) with "WHAT: <first line of stderr>" when it exits
/// non-zero; returns stdout otherwise.
core::Result<std::string> run_checked(const std::vector<std::string>& argv, const std::string& what);

/// Starts `argv` in a new session (it outlives scsctl), stdin from /dev/null, stdout and
/// stderr appended to `log_path`, with `extra_env` ("K=V") added to the environment.
core::Result<pid_t> spawn_detached(const std::vector<std::string>& argv, const std::string& log_path,
                                   const std::vector<std::string>& extra_env = {});

/// The full path of program `name` on PATH or in /usr/sbin, /sbin, /usr/bin, or "".
std::string find_program(const std::string& name);

/// The first line of `text` without its newline ("" for empty text).
std::string first_line(const std::string& text);

} // namespace scsctl::lab
