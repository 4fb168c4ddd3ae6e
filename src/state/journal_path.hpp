// Where the journal lives: .scsctl/state.db inside the first inventory source when it is
// a directory, beside it when it is a file. Depends on the standard library only.
#pragma once

#include <optional>
#include <string>

namespace scsctl::state {

/// The default journal path for the first inventory source; nullopt when the source is
/// not a path (an inline host list such as "h1,h2,").
std::optional<std::string> default_journal_path(const std::string& first_inventory);

} // namespace scsctl::state
