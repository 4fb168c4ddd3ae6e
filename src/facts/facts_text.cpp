// Text helpers for the facts parsers. Pure; depends on the standard library only.
#include "facts/facts_text.hpp"

#include <sstream>

namespace scsctl::facts {

std::string trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> lines_of(std::string_view text)
{
    std::vector<std::string> out;
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) {
        if (!trim(line).empty()) {
            out.push_back(line);
        }
    }
    return out;
}

std::vector<std::string> words_of(std::string_view text)
{
    std::vector<std::string> out;
    std::istringstream in{std::string(text)};
    for (std::string word; in >> word;) {
        out.push_back(word);
    }
    return out;
}

long long to_number(std::string_view text, long long fallback)
{
    long long out = 0;
    bool negative = false;
    std::size_t at = 0;
    if (!text.empty() && text[0] == '-') {
        negative = true;
        at = 1;
    }
    if (at >= text.size()) {
        return fallback;
    }
    for (; at < text.size(); ++at) {
        if (text[at] < '0' || text[at] > '9') {
            return fallback;
        }
        out = out * 10 + (text[at] - '0');
    }
    return negative ? -out : out;
}

} // namespace scsctl::facts
