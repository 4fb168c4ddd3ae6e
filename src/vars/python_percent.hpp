// Python's printf-style string formatting (`'%05d|%s' % (42, 'x')`), used by the `%`
// operator on strings and by the `format` filter. Depends on core.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::vars {

/// `format % args` as Python computes it. `args` is the right operand: a mapping feeds
/// `%(name)s` conversions; a list is taken as the tuple of arguments when `as_tuple` (the
/// format filter, a tuple literal) or when its length matches the conversions, else as
/// the single argument. Errors are Python's TypeError/ValueError messages.
core::Result<std::string> python_percent_format(std::string_view format, const core::Value& args, bool as_tuple);

} // namespace scsctl::vars
