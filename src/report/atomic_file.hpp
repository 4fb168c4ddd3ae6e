// Report files written whole or not at all: a temporary file beside the target, then
// rename(2), so that CI never reads half a report. Depends on core.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scsctl::report {

/// Fails (kind io, one line naming `path`) when `path` could not be written later: its
/// directory is missing or not writable, or `path` is a directory. Checked before a run
/// starts so that a typo costs nothing.
core::Result<void> check_writable(const std::string& path);

/// Writes `content` to a temporary file in `path`'s directory (".NAME.XXXXXX"), flushes
/// it to disk and renames it to `path` (mode 0644). On failure the temporary is removed
/// and `path` is left as it was.
core::Result<void> write_file_atomically(const std::string& path, std::string_view content);

} // namespace scsctl::report
