// The wire protocol of a persistent shell (ssh_shell_exec.hpp): the text written to the
// shell's stdin for one command, and the incremental parser that splits the shell's
// stdout/stderr back into that command's exact output bytes and exit status. Pure (no
// libssh2), so it is unit-tested on its own. Depends on the standard library and
// libsodium (random nonces).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace scsctl::transport {

/// A fresh random marker: 32 hex digits from libsodium's randombytes_buf. Command output
/// cannot forge the end of a command because it never saw this command's nonce.
std::string shell_nonce();

/// The exec command of a persistent shell channel.
inline constexpr std::string_view k_persistent_shell_command = "exec /bin/sh";

/// What is written to the shell's stdin to run `command` once: eval in a subshell (so cd,
/// variables, exit and syntax errors stay inside it) with stdin from /dev/null, then the
/// nonce and exit status on stdout and the nonce on stderr, neither preceded by anything
/// (output without a trailing newline stays byte-identical). `ready_nonce` (non-empty for
/// the first command of a fresh shell) makes the shell first print "READY PID\n" on stdout.
std::string shell_command_text(std::string_view command, std::string_view nonce, std::string_view ready_nonce);

/// Splits one stream of the shell at `nonce`: what comes before it is output, passed on
/// as soon as it cannot be the start of the marker (a marker split across reads is held
/// back until it completes or turns out to be output).
class StreamFrame {
public:
    explicit StreamFrame(std::string nonce, bool with_status) : m_nonce(std::move(nonce)), m_with_status(with_status) {}

    /// Feeds `chunk`; returns the bytes that are command output for sure.
    std::string feed(std::string_view chunk);

    /// True once the marker (and, on stdout, the status line) has been read.
    bool complete() const { return m_state == State::done; }
    /// The exit status after the stdout marker (0..255), once complete.
    int status() const { return m_status; }
    /// Bytes received after the marker (should be none: output of a leftover background
    /// process, or a broken protocol).
    std::size_t trailing() const { return m_trailing; }
    /// Bytes held back as a possible partial marker (output, if the shell dies now).
    const std::string& held() const { return m_held; }

private:
    enum class State { output, status, done };

    std::string m_nonce;
    bool m_with_status;
    State m_state = State::output;
    std::string m_held;
    std::string m_status_text;
    int m_status = 0;
    std::size_t m_trailing = 0;
};

/// The "READY PID\n" line a fresh shell prints first; the pid identifies its process group.
class ReadyLine {
public:
    explicit ReadyLine(std::string nonce) : m_nonce(std::move(nonce)) {}

    /// Consumes bytes of the line from `chunk`; returns what follows it (unconsumed).
    std::string_view feed(std::string_view chunk);
    bool complete() const { return m_pid.has_value(); }
    /// True when the start of stdout is not the expected line (not a working sh).
    bool garbled() const { return m_garbled; }
    long pid() const { return m_pid.value_or(0); }

private:
    std::string m_nonce;
    std::string m_line;
    std::optional<long> m_pid;
    bool m_garbled = false;
};

} // namespace scsctl::transport
