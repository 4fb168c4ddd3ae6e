// Chooses where runs are kept for a state location: a journal file path is the SQLite
// journal (journal.hpp); an etcd://HOST:PORT/PREFIX URL is etcd (etcd_run_store.hpp).
// Depends on state (journal, etcd_run_store).
#pragma once

#include <memory>
#include <string>

#include "state/run_store.hpp"

namespace scsctl::state {

/// Opens (creating a journal file when needed) the run store at `location`.
core::Result<std::unique_ptr<RunStore>> open_run_store(const std::string& location);

} // namespace scsctl::state
