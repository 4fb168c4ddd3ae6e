// Reading input files whole, with located errors for unreadable and binary files.
// Depends on the standard library and core only.
#pragma once

#include <string>

#include "core/result.hpp"

namespace scsctl::core {

/// The contents of a text file. Fails (kind io) when the file cannot be read, and
/// (kind config) when it holds NUL bytes or is not valid UTF-8, naming the offset.
Result<std::string> read_text_file(const std::string& path);

/// Offset of the first byte that breaks UTF-8 or is NUL, or npos when `text` is clean.
std::size_t first_invalid_text_byte(std::string_view text);

} // namespace scsctl::core
