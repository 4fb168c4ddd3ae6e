// The one function that quotes words for POSIX sh. Everything sent to a host as a
// command line goes through it. Depends on the standard library only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scsctl::core {

/// `word` quoted so that sh reads it back as exactly one word with the same bytes
/// (single quotes, with ' written as '\''); safe words are left bare.
std::string shell_quote(std::string_view word);

/// Words quoted and joined with spaces.
std::string shell_join(const std::vector<std::string>& words);

} // namespace scsctl::core
