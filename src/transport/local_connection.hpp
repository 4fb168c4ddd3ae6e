// LocalConnection: ansible_connection=local. Commands run as child processes of scsctl
// (/bin/sh -c), their pipes and exit watched by the same event loop as SSH sessions.
// Depends on transport internals and POSIX only.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "transport/connection.hpp"

namespace scsctl::transport {

/// An operation that runs on the local machine.
class LocalOperation : public Operation {
public:
    /// Adds the fds it waits for (pipes, pidfd) and its deadline.
    virtual void prepare(PollSet& set) = 0;
    /// Advances after poll; returns true when finished (result delivered, resources freed).
    virtual bool advance(Clock::time_point now) = 0;
};

class LocalConnection final : public Connection {
public:
    LocalConnection(std::string name, std::size_t parallel);

    void submit(std::unique_ptr<Operation> operation) override;
    void prepare(PollSet& set, Clock::time_point now) override;
    void advance(const PollSet& set, Clock::time_point now) override;
    void abort_all(const Failure& failure) override;
    void close_when_idle() override { m_close_requested = true; }
    bool finished() const override { return m_close_requested && !busy(); }
    bool busy() const override { return !m_queue.empty() || !m_running.empty(); }

private:
    std::string m_name;
    std::size_t m_parallel;
    bool m_close_requested = false;
    std::deque<std::unique_ptr<LocalOperation>> m_queue;
    std::vector<std::unique_ptr<LocalOperation>> m_running;
};

} // namespace scsctl::transport
