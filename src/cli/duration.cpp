// Parsing of --ttl values: digits, then at most one unit letter.
#include "cli/duration.hpp"

#include <cctype>

namespace scsctl::cli {

std::optional<double> parse_duration(const std::string& text)
{
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])) != 0) {
        ++digits;
    }
    if (digits == 0 || digits > 9 || text.size() > digits + 1) {
        return std::nullopt;
    }
    double seconds = std::stod(text.substr(0, digits));
    const char unit = digits < text.size() ? text[digits] : 's';
    switch (unit) {
    case 's':
        break;
    case 'm':
        seconds *= 60;
        break;
    case 'h':
        seconds *= 3600;
        break;
    case 'd':
        seconds *= 86400;
        break;
    default:
        return std::nullopt;
    }
    if (seconds <= 0) {
        return std::nullopt;
    }
    return seconds;
}

} // namespace scsctl::cli
