// Who a lock holder is on this machine: the host name, and a process identified by its
// pid plus its start time, so that a recycled pid is not mistaken for the holder.
// Depends on the standard library only (Linux /proc).
#pragma once

#include <cstdint>
#include <string>

namespace scsctl::state {

/// This machine's host name (gethostname), "localhost" when unknown.
std::string this_host_name();

/// The start time of process `pid` in clock ticks since boot (/proc/PID/stat, field 22);
/// 0 when the process does not exist or /proc cannot tell.
std::uint64_t process_start_ticks(std::int64_t pid);

/// Whether process `pid` on this host is alive and, when `start_ticks` is not 0, is the
/// same process that had that start time (not a later one that reuses the pid).
bool process_alive(std::int64_t pid, std::uint64_t start_ticks);

} // namespace scsctl::state
