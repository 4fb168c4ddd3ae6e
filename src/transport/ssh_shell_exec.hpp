// SshShellExec: one command run by a persistent shell of the connection (a session
// channel running /bin/sh, kept open between commands, see shell_pool.hpp) instead of a
// new channel: sshd then forks no session and no login shell per command. The command
// runs in a subshell with stdin from /dev/null, framed by a fresh nonce on stdout and
// stderr (shell_frames.hpp), so its output bytes and exit status are what a channel per
// command gives. Falls back to SshExec when the host cannot start the shell.
// make_ssh_command picks the path per request. Depends on transport internals and libssh2.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "transport/become.hpp"
#include "transport/operations.hpp"
#include "transport/shell_frames.hpp"
#include "transport/ssh_exec.hpp"
#include "transport/ssh_operation.hpp"

namespace scsctl::transport {

/// True when `request` can run on a persistent shell with the same result as on a channel
/// of its own: no stdin data (the shell's stdin carries commands) and no become password
/// (it travels on stdin too).
bool fits_persistent_shell(const CommandRequest& request, const std::optional<Become>& become);

/// An SshShellExec when `persistent` and the request fits, else an SshExec.
std::unique_ptr<SshOperation> make_ssh_command(CommandRequest request, std::optional<Become> become,
                                               std::function<void(CommandOutcome)> done, bool persistent);

class SshShellExec final : public SshOperation {
public:
    SshShellExec(CommandRequest request, std::optional<Become> become, std::function<void(CommandOutcome)> done);
    ~SshShellExec() override;

    Step step(SshSessionView& session) override;
    Step release(SshSessionView& session) override;
    void fail(const Failure& failure) override;
    std::optional<Clock::time_point> deadline() const override;

private:
    enum class State { lease, open, exec, send, io, kill, close, wait_closed, free, fallback, finished };
    /// What to do once the shell's channel is closed and freed.
    enum class AfterClose { finish, result_from_channel, fall_back, lease_again };

    Step step_lease(SshSessionView& session);
    Step step_open(SshSessionView& session);
    Step step_exec(SshSessionView& session);
    Step step_send(SshSessionView& session);
    Step step_io(SshSessionView& session);
    Step step_kill(SshSessionView& session);
    Step step_close(SshSessionView& session);
    Step step_fallback(SshSessionView& session);
    Step read_stream(SshSessionView& session, int stream, bool& progressed);
    Step handle_error(SshSessionView& session, int rc, const char* what);
    Step start_close(AfterClose after);
    Step shell_ended(SshSessionView& session);
    Step stop(SshSessionView& session);
    void take_output(int stream, std::string_view bytes);
    void finish_frames(SshSessionView& session);
    void deliver_result(SshSessionView& session);
    void deliver(CommandOutcome outcome);

    CommandRequest m_request;
    std::optional<Become> m_become;
    std::function<void(CommandOutcome)> m_done;
    std::string m_command; ///< after become wrapping
    std::string m_text;    ///< written to the shell's stdin
    std::size_t m_sent = 0;
    std::string m_nonce;
    std::optional<ReadyLine> m_ready; ///< set while a fresh shell's READY line is awaited
    std::optional<StreamFrame> m_stdout_frame;
    std::optional<StreamFrame> m_stderr_frame;
    std::unique_ptr<PersistentShell> m_shell;
    std::unique_ptr<SshExec> m_helper; ///< the kill command, or the fallback
    std::optional<CommandOutcome> m_helper_outcome;
    std::optional<Failure> m_stop_failure; ///< timeout or cancel to report once the shell is gone
    State m_state = State::lease;
    AfterClose m_after_close = AfterClose::finish;
    bool m_holds_token = false;
    CommandResult m_result;
    std::optional<Clock::time_point> m_started;
    bool m_delivered = false;
};

} // namespace scsctl::transport
