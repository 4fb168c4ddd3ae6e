// ValueBudget: how many values one document may expand to, shared by the conversions of
// that document. Plain data; depends on the standard library only.
#pragma once

#include <cstddef>

namespace scsctl::yaml {

/// How many values one document may expand to (aliases counted each time they are used),
/// shared by every conversion of that document so an alias bomb spread over several
/// variables is cut off once and reported once.
struct ValueBudget {
    std::size_t remaining = 2'000'000;
    bool reported = false;
};

} // namespace scsctl::yaml
