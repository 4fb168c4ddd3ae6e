// SIGINT/SIGTERM during a run: the first one asks the transport to cancel cleanly
// (channels closed, results recorded as interrupted); a second one exits at once.
#pragma once

#include "transport/pool.hpp"

namespace scsctl::cli {

/// Installs the handlers for the lifetime of the scope, cancelling `pool` on a signal.
class SignalScope {
public:
    explicit SignalScope(transport::Pool& pool);
    ~SignalScope();
    SignalScope(const SignalScope&) = delete;
    SignalScope& operator=(const SignalScope&) = delete;

    /// The signal received (SIGINT or SIGTERM), or 0.
    static int received();

    /// 130 for SIGINT, 143 for SIGTERM, or `otherwise` when no signal arrived.
    static int exit_code_or(int otherwise);
};

/// Raises the soft limit of open files to the hard limit (1,000 hosts need it).
void raise_open_file_limit();

} // namespace scsctl::cli
