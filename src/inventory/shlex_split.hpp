// Python's shlex.split(line, comments=True) (POSIX mode), as Ansible's INI plugin
// splits host lines, with the offset of every token. Depends on core only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::inventory {

struct ShlexToken {
    std::string text;
    std::size_t offset = 0; ///< of the token's first character (or opening quote) in the line
};

/// Splits on space, tab, CR and LF; '#' starts a comment outside quotes (even inside a
/// word); backslash escapes outside quotes and, inside double quotes, only '"' and '\'.
/// Fails like Python ("no closing quotation", "no escaped character") with the error's
/// column (1-based) being the start of the unfinished token.
core::Result<std::vector<ShlexToken>> shlex_split(std::string_view line);

} // namespace scsctl::inventory
