// SshExec: one command on an established session: open a channel, exec, stream stdin,
// drain stdout/stderr as they arrive, collect exit status or signal, close.
// Depends on transport internals and libssh2 only.
#pragma once

#include <functional>
#include <optional>

#include "transport/become.hpp"
#include "transport/operations.hpp"
#include "transport/ssh_operation.hpp"

namespace scsctl::transport {

class SshExec final : public SshOperation {
public:
    SshExec(CommandRequest request, std::optional<Become> become, std::function<void(CommandOutcome)> done);
    ~SshExec() override;

    Step step(SshSessionView& session) override;
    Step release(SshSessionView& session) override;
    void fail(const Failure& failure) override;
    std::optional<Clock::time_point> deadline() const override;

private:
    enum class State { open, exec, io, close, wait_closed, free, finished };

    Step step_open(SshSessionView& session);
    Step step_exec(SshSessionView& session);
    Step step_io(SshSessionView& session);
    Step step_close(SshSessionView& session);
    Step read_stream(SshSessionView& session, int stream, bool& progressed);
    Step handle_error(SshSessionView& session, int rc, const char* what);
    void finish_result(SshSessionView& session);
    void deliver(CommandOutcome outcome);

    CommandRequest m_request;
    std::optional<Become> m_become;
    std::function<void(CommandOutcome)> m_done;
    std::string m_command;
    std::string m_stdin;
    std::size_t m_stdin_sent = 0;
    bool m_eof_sent = false;
    State m_state = State::open;
    LIBSSH2_CHANNEL* m_channel = nullptr;
    CommandResult m_result;
    std::optional<Clock::time_point> m_started;
    bool m_delivered = false;
};

} // namespace scsctl::transport
