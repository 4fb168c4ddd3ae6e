// Plain-text tables for terminal output (health, preflight): every column but the last
// padded to its widest cell, two spaces between columns, the last column as it is (a
// free-text detail). Depends on the standard library only.
#pragma once

#include <string>
#include <vector>

namespace scsctl::cli {

/// `rows` (the header first) as aligned lines, each ending with a newline.
std::string aligned_table(const std::vector<std::vector<std::string>>& rows);

} // namespace scsctl::cli
