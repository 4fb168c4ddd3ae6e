// The date formats of scs-0102 as the reference reads them with Python's time.strptime:
// `%Y-%m-%dT%H:%M:%SZ` (Glance's created_at), `%Y-%m-%d %H:%M:%S`, `%Y-%m-%d %H:%M`,
// `%Y-%m-%d`, and for name markers `%Y%m%d`. strptime's leniency carries over (one-digit
// months, days and times; whitespace runs for a space; letters in any case); impossible
// dates are refused. Depends on the standard library only.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace scsctl::scs {

enum class DateFormats {
    strict, ///< only `%Y-%m-%dT%H:%M:%SZ`
    any,    ///< strict, then the three property formats
    marker, ///< `%Y-%m-%d`, `%Y%m%d`
};

/// Seconds since the epoch (UTC) of the first format that reads all of `text`, or none.
std::optional<std::int64_t> parse_image_date(std::string_view text, DateFormats formats);

} // namespace scsctl::scs
