// Chooses the lock's backend for a state location: a journal file path is SQLite; an
// etcd://HOST:PORT/PREFIX URL is etcd (etcd_run_lock.hpp: a lease kept alive while the
// run lives). Depends on state (run_lock, sqlite_run_lock, etcd_run_lock).
#pragma once

#include <memory>
#include <string>

#include "state/run_lock.hpp"

namespace scsctl::state {

/// The lock stored at `location` (the journal's path, or an etcd:// URL).
core::Result<std::unique_ptr<RunLock>> open_run_lock(const std::string& location);

} // namespace scsctl::state
