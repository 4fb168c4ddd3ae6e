// YAML 1.1 timestamps: PyYAML's resolver and constructor regexes, hand-written, and
// Python's date/datetime validation and isoformat().
#include "yaml/timestamp.hpp"

#include <cstdio>
#include <optional>

namespace scsctl::yaml {

namespace {

struct Parts {
    int year = 0;
    int month = 0;
    int day = 0;
    bool short_date = false; ///< month or day written with one digit
    bool has_time = false;
    int hour = 0;
    int minute = 0;
    int second = 0;
    std::string fraction;
    char tz = 0; ///< 0 (naive), 'Z', '+' or '-'
    int tz_hour = 0;
    int tz_minute = 0;
};

class Cursor {
public:
    explicit Cursor(std::string_view text) : m_text(text) {}

    bool done() const { return m_pos == m_text.size(); }
    char peek() const { return done() ? '\0' : m_text[m_pos]; }
    bool take(char c)
    {
        if (peek() == c && !done()) {
            ++m_pos;
            return true;
        }
        return false;
    }
    /// Reads between `min` and `max` digits into `out`; false when fewer than `min`.
    bool digits(int min, int max, int& out, int* count = nullptr)
    {
        int n = 0;
        out = 0;
        while (n < max && !done() && peek() >= '0' && peek() <= '9') {
            out = out * 10 + (m_text[m_pos++] - '0');
            ++n;
        }
        if (count != nullptr) {
            *count = n;
        }
        return n >= min;
    }
    std::size_t skip_blanks()
    {
        const std::size_t start = m_pos;
        while (peek() == ' ' || peek() == '\t') {
            ++m_pos;
        }
        return m_pos - start;
    }
    std::string digit_run()
    {
        std::string out;
        while (!done() && peek() >= '0' && peek() <= '9') {
            out.push_back(m_text[m_pos++]);
        }
        return out;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

bool parse_zone(Cursor& in, Parts& parts)
{
    in.skip_blanks();
    if (in.take('Z')) {
        parts.tz = 'Z';
        return in.done();
    }
    const char sign = in.peek();
    if (sign != '+' && sign != '-') {
        return false;
    }
    in.take(sign);
    parts.tz = sign;
    if (!in.digits(1, 2, parts.tz_hour)) {
        return false;
    }
    if (in.take(':') && !in.digits(2, 2, parts.tz_minute)) {
        return false;
    }
    return in.done();
}

bool parse_time(Cursor& in, Parts& parts)
{
    if (!in.take('T') && !in.take('t') && in.skip_blanks() == 0) {
        return false;
    }
    if (!in.digits(1, 2, parts.hour) || !in.take(':') || !in.digits(2, 2, parts.minute) || !in.take(':') ||
        !in.digits(2, 2, parts.second)) {
        return false;
    }
    parts.has_time = true;
    if (in.take('.')) {
        parts.fraction = in.digit_run();
    }
    return in.done() || parse_zone(in, parts);
}

/// PyYAML's constructor regex (date, optionally followed by a time and a zone).
std::optional<Parts> parse(std::string_view text)
{
    Cursor in(text);
    Parts parts;
    int month_digits = 0;
    int day_digits = 0;
    if (!in.digits(4, 4, parts.year) || !in.take('-') || !in.digits(1, 2, parts.month, &month_digits) ||
        !in.take('-') || !in.digits(1, 2, parts.day, &day_digits)) {
        return std::nullopt;
    }
    parts.short_date = month_digits < 2 || day_digits < 2;
    if (in.done() || parse_time(in, parts)) {
        return parts;
    }
    return std::nullopt;
}

bool leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month)
{
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : k_days[month - 1];
}

std::string pad(int value, int width)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%0*d", width, value);
    return buffer;
}

} // namespace

bool is_timestamp(std::string_view text)
{
    const auto parts = parse(text);
    // The resolver's first form is a plain date with two-digit month and day.
    return parts && (parts->has_time || !parts->short_date);
}

std::expected<std::string, std::string> timestamp_to_iso(std::string_view text)
{
    const auto parts = parse(text);
    if (!parts) {
        return std::unexpected("invalid timestamp '" + std::string(text) + "'");
    }
    const Parts& p = *parts;
    if (p.year < 1 || p.month < 1 || p.month > 12 || p.day < 1 || p.day > days_in_month(p.year, p.month)) {
        return std::unexpected("invalid date '" + std::string(text) + "'");
    }
    std::string out = pad(p.year, 4) + "-" + pad(p.month, 2) + "-" + pad(p.day, 2);
    if (!p.has_time) {
        return out;
    }
    const int offset = p.tz_hour * 60 + p.tz_minute; // Python normalises 1:75 to 2:15
    if (p.hour > 23 || p.minute > 59 || p.second > 59 || offset >= 24 * 60) {
        return std::unexpected("invalid time in timestamp '" + std::string(text) + "'");
    }
    out += "T" + pad(p.hour, 2) + ":" + pad(p.minute, 2) + ":" + pad(p.second, 2);
    std::string fraction = p.fraction.substr(0, 6);
    fraction.resize(6, '0');
    if (fraction != "000000") {
        out += "." + fraction;
    }
    if (p.tz == 'Z') {
        out += "+00:00";
    } else if (p.tz != 0) {
        out += std::string(1, p.tz == '-' && offset != 0 ? '-' : '+') + pad(offset / 60, 2) + ":" + pad(offset % 60, 2);
    }
    return out;
}

} // namespace scsctl::yaml
