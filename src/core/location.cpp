// Formatting of Location values.
#include "core/location.hpp"

namespace scsctl::core {

std::string Location::str() const
{
    std::string out = file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0) {
            out += ':' + std::to_string(column);
        }
    }
    return out;
}

} // namespace scsctl::core
