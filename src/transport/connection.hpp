// The internal contracts of a worker's event loop: a Connection (one per host, SSH or
// local) advances its state when its fds are ready; operations run on it. Not part of
// the public transport API (pool.hpp is). Depends on core and transport only.
#pragma once

#include <memory>
#include <string>

#include "transport/failure.hpp"
#include "transport/poll_set.hpp"

namespace scsctl::transport {

/// Something queued on a connection: a command, a transfer, a tunnel or a probe.
class Operation {
public:
    virtual ~Operation() = default;
    /// Delivers `failure` to the requester; the operation will not be stepped again
    /// for its result (it may still be stepped to release resources).
    virtual void fail(const Failure& failure) = 0;
};

class Connection {
public:
    virtual ~Connection() = default;

    virtual void submit(std::unique_ptr<Operation> operation) = 0;

    /// Adds the fds this connection waits for and its next deadline.
    virtual void prepare(PollSet& set, Clock::time_point now) = 0;

    /// Advances after poll returned (revents are in `set`) or a deadline passed.
    virtual void advance(const PollSet& set, Clock::time_point now) = 0;

    /// Fails every queued and running operation with `failure` and starts closing.
    virtual void abort_all(const Failure& failure) = 0;

    /// Closes the connection once the queued operations are done.
    virtual void close_when_idle() = 0;

    /// True once everything is released (the worker may then drop it).
    virtual bool finished() const = 0;

    /// True while operations are queued or running.
    virtual bool busy() const = 0;
};

} // namespace scsctl::transport
