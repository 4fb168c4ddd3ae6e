// LocalExec: one command as a child process (/bin/sh -c), with stdin fed from memory
// and stdout/stderr drained through non-blocking pipes; exit seen through a pidfd.
// Depends on transport internals and POSIX only.
#pragma once

#include <functional>
#include <optional>

#include "transport/become.hpp"
#include "transport/local_connection.hpp"
#include "transport/operations.hpp"

namespace scsctl::transport {

class LocalExec final : public LocalOperation {
public:
    LocalExec(std::string host, CommandRequest request, std::optional<Become> become,
              std::function<void(CommandOutcome)> done);
    ~LocalExec() override;

    void prepare(PollSet& set) override;
    bool advance(Clock::time_point now) override;
    void fail(const Failure& failure) override;

private:
    bool spawn(Clock::time_point now);
    void pump_stdin();
    void drain(int& fd, std::string& sink, std::uint64_t& total, const std::function<void(std::string_view)>& sink_fn);
    bool reap();
    void deliver(CommandOutcome outcome);
    void kill_child();

    std::string m_host;
    CommandRequest m_request;
    std::optional<Become> m_become;
    std::function<void(CommandOutcome)> m_done;
    std::string m_stdin;
    std::size_t m_stdin_sent = 0;
    int m_pid = -1;
    int m_pidfd = -1;
    int m_in = -1;
    int m_out = -1;
    int m_err = -1;
    bool m_started = false;
    bool m_exited = false;
    int m_wait_status = 0;
    Clock::time_point m_start{};
    CommandResult m_result;
    bool m_delivered = false;
};

} // namespace scsctl::transport
