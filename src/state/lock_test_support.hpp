// What the lock tests of both backends share: a holder with every field set.
#pragma once

#include <cstdint>
#include <string>

#include "state/run_lock.hpp"

namespace scsctl::state::lock_testing {

/// A run's holder named `owner` (token "<owner>-token"), started at 1000, expiring at 1060.
inline LockHolder holder_named(const std::string& owner, std::int64_t pid, const std::string& host = "here")
{
    LockHolder holder;
    holder.token = owner + "-token";
    holder.owner = owner;
    holder.pid = pid;
    holder.pid_start = 77;
    holder.host = host;
    holder.reason = "testing";
    holder.command = "run";
    holder.started_at = 1000;
    holder.expires_at = 1060;
    return holder;
}

} // namespace scsctl::state::lock_testing
