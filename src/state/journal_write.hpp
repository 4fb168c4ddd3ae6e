// The journal's INSERT and UPDATE statements, one function per row kind. Callers hold
// the connection and own the transaction. Depends on state (sqlite, rows).
#pragma once

#include <span>

#include "state/journal_rows.hpp"
#include "state/sqlite.hpp"

namespace scsctl::state {

core::Result<RunId> insert_run(Database& db, const RunRow& run);
core::Result<void> update_run_end(Database& db, RunId run, const std::string& status, int exit_code);
/// Inserts task results and (replacing) host facts, in order.
core::Result<void> insert_rows(Database& db, std::span<const JournalEntry> rows);

} // namespace scsctl::state
