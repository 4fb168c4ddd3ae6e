// POSIX sh quoting: bare when every byte is safe, else single-quoted.
#include "core/shell_quote.hpp"

namespace scsctl::core {

namespace {

bool is_safe(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.' || c == '/' || c == ',' || c == ':' || c == '@' || c == '%' || c == '+' || c == '=';
}

} // namespace

std::string shell_quote(std::string_view word)
{
    bool safe = !word.empty();
    for (char c : word) {
        if (!is_safe(c)) {
            safe = false;
            break;
        }
    }
    // A leading '=' or '-' is safe for sh, but a word starting with '~' or containing
    // '=' before the first '/' could be read as an assignment only in the command
    // position; we never put quoted words there.
    if (safe) {
        return std::string(word);
    }
    std::string out = "'";
    for (char c : word) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    out += '\'';
    return out;
}

std::string shell_join(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) {
            out += ' ';
        }
        out += shell_quote(word);
    }
    return out;
}

} // namespace scsctl::core
