// Aligned plain-text tables (text_table.hpp).
#include "cli/text_table.hpp"

#include <algorithm>

namespace scsctl::cli {

std::string aligned_table(const std::vector<std::vector<std::string>>& rows)
{
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i + 1 < row.size(); ++i) {
            widths.resize(std::max(widths.size(), i + 1));
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    std::string out;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i + 1 == row.size()) {
                out += row[i];
            } else {
                out += row[i] + std::string(widths[i] - row[i].size(), ' ') + "  ";
            }
        }
        out += "\n";
    }
    return out;
}

} // namespace scsctl::cli
