// The journal's schema: numbered migrations applied in order, the version kept in
// SQLite's PRAGMA user_version, so a newer scsctl opens (and upgrades) an older journal
// and an older scsctl refuses a newer one. Depends on state/sqlite.
#pragma once

#include "state/sqlite.hpp"

namespace scsctl::state {

/// The version this scsctl writes.
inline constexpr int k_schema_version = 5;

/// The journal's current version (0: empty database).
core::Result<int> schema_version(Database& db);

/// Applies the migrations from the current version up to `target`, each in its own
/// transaction. An error when the file is newer than `target`.
core::Result<void> migrate(Database& db, int target = k_schema_version);

} // namespace scsctl::state
