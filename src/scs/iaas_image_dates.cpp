// strptime's field patterns written as ECMAScript regular expressions (std::regex), then
// the calendar check and timegm's arithmetic. Depends on the standard library only.
#include "scs/iaas_image_dates.hpp"

#include <regex>
#include <string>
#include <vector>

namespace scsctl::scs {

namespace {

// The alternatives strptime tries for each directive (its _strptime module's table).
#define SCS_Y "(\\d\\d\\d\\d)"
#define SCS_M "(1[0-2]|0[1-9]|[1-9])"
#define SCS_D "(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])"
#define SCS_H "(2[0-3]|[0-1]\\d|\\d)"
#define SCS_MIN "([0-5]\\d|\\d)"
#define SCS_S "(6[0-1]|[0-5]\\d|\\d)"

const std::regex& pattern(int index)
{
    static const std::vector<std::regex> patterns = [] {
        const auto flags = std::regex::ECMAScript | std::regex::icase;
        return std::vector<std::regex>{
            std::regex(SCS_Y "-" SCS_M "-" SCS_D "T" SCS_H ":" SCS_MIN ":" SCS_S "Z", flags),
            std::regex(SCS_Y "-" SCS_M "-" SCS_D "\\s+" SCS_H ":" SCS_MIN ":" SCS_S, flags),
            std::regex(SCS_Y "-" SCS_M "-" SCS_D "\\s+" SCS_H ":" SCS_MIN, flags),
            std::regex(SCS_Y "-" SCS_M "-" SCS_D, flags),
            std::regex(SCS_Y SCS_M SCS_D, flags),
        };
    }();
    return patterns[static_cast<std::size_t>(index)];
}

#undef SCS_Y
#undef SCS_M
#undef SCS_D
#undef SCS_H
#undef SCS_MIN
#undef SCS_S

bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month)
{
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : k_days[month - 1];
}

/// Days from 1970-01-01 to the date (the civil-from-days inverse).
std::int64_t days_from_civil(std::int64_t year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t year_of_era = year - era * 400;
    const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

int field(const std::smatch& match, std::size_t index)
{
    if (index >= match.size() || !match[index].matched) {
        return 0;
    }
    std::string text = match[index].str();
    return std::stoi(text); // " 5" (a day with a leading space) reads as 5
}

std::optional<std::int64_t> try_format(const std::string& text, int index)
{
    std::smatch match;
    if (!std::regex_match(text, match, pattern(index))) {
        return std::nullopt;
    }
    const int year = field(match, 1);
    const int month = field(match, 2);
    const int day = field(match, 3);
    if (day > days_in_month(year, month)) {
        return std::nullopt; // strptime refuses a day the month does not have
    }
    const std::int64_t seconds = std::int64_t{field(match, 4)} * 3600 + field(match, 5) * 60 + field(match, 6);
    return days_from_civil(year, month, day) * 86400 + seconds;
}

} // namespace

std::optional<std::int64_t> parse_image_date(std::string_view text, DateFormats formats)
{
    const std::string subject(text);
    std::vector<int> order;
    switch (formats) {
    case DateFormats::strict:
        order = {0};
        break;
    case DateFormats::any:
        order = {0, 1, 2, 3};
        break;
    case DateFormats::marker:
        order = {3, 4};
        break;
    }
    for (const int index : order) {
        if (auto seconds = try_format(subject, index)) {
            return seconds;
        }
    }
    return std::nullopt;
}

} // namespace scsctl::scs
