// Location: a place in an input file (file:line:col, 1-based), used by every located message.
// Plain data; depends on the standard library only.
#pragma once

#include <string>

namespace scsctl::core {

struct Location {
    std::string file;
    int line = 0;   ///< 1-based; 0 means "the whole file"
    int column = 0; ///< 1-based; 0 means "the whole line"

    bool empty() const { return file.empty(); }

    /// "file:line:col", "file:line" or "file", whichever parts are known.
    std::string str() const;
};

} // namespace scsctl::core
