// Ansible's parse_address (addresses.py): port split and host-name/IPv6 validation,
// hand-written over the same grammar. Depends on nothing but the standard library.
#include "inventory/host_address.hpp"

#include <algorithm>

namespace scsctl::inventory {

namespace {

constexpr std::size_t k_none = std::string_view::npos;

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// Python's \w, taking every non-ASCII byte as part of a word character.
bool is_word(char c)
{
    return is_letter(c) || is_digit(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

/// End of a run of at least one character accepted by `accept` starting at `i`, or k_none.
template <typename Accept>
std::size_t run_end(std::string_view text, std::size_t i, Accept accept)
{
    const std::size_t start = i;
    while (i < text.size() && accept(text[i])) {
        ++i;
    }
    return i == start ? k_none : i;
}

/// After "(:digits)?]" at `i`: the index past ']', or k_none.
std::size_t close_range(std::string_view text, std::size_t i)
{
    if (i < text.size() && text[i] == ':') {
        i = run_end(text, i + 1, is_digit);
    }
    return (i != k_none && i < text.size() && text[i] == ']') ? i + 1 : k_none;
}

/// "[a:z]" or "[0:9]" (with an optional ":step") at `i`: the index past it, or k_none.
std::size_t alphanumeric_range_end(std::string_view text, std::size_t i)
{
    ++i;
    if (i + 2 < text.size() && is_letter(text[i]) && text[i + 1] == ':' && is_letter(text[i + 2])) {
        return close_range(text, i + 3);
    }
    i = run_end(text, i, is_digit);
    if (i == k_none || i >= text.size() || text[i] != ':') {
        return k_none;
    }
    i = run_end(text, i + 1, is_digit);
    return i == k_none ? k_none : close_range(text, i);
}

/// "[f0:ff]" (hexadecimal begin:end, decimal step) at `i`: the index past it, or k_none.
std::size_t hexadecimal_range_end(std::string_view text, std::size_t i)
{
    i = run_end(text, i + 1, is_hex);
    if (i == k_none || i >= text.size() || text[i] != ':') {
        return k_none;
    }
    i = run_end(text, i + 1, is_hex);
    return i == k_none ? k_none : close_range(text, i);
}

/// One IPv6 component followed by something that is not hex: 1-4 hex digits or a range.
std::size_t component_end(std::string_view text, std::size_t i)
{
    if (i < text.size() && text[i] == '[') {
        return hexadecimal_range_end(text, i);
    }
    const std::size_t end = run_end(text, i, is_hex);
    return (end == k_none || end - i > 4) ? k_none : end;
}

/// A last IPv6 component that only has to start at `i` (the pattern is not anchored there).
bool component_starts(std::string_view text, std::size_t i)
{
    if (i < text.size() && text[i] == '[') {
        return hexadecimal_range_end(text, i) != k_none;
    }
    return i < text.size() && is_hex(text[i]);
}

/// `count` components each followed by `separator`, from `i`: the index after them, or k_none.
std::size_t components(std::string_view text, std::size_t i, int count, char separator)
{
    for (int k = 0; k < count && i != k_none; ++k) {
        const std::size_t end = component_end(text, i);
        i = (end != k_none && end < text.size() && text[end] == separator) ? end + 1 : k_none;
    }
    return i;
}

bool starts_with_ci(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(),
                      [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b); });
}

} // namespace

bool is_host_name(std::string_view text)
{
    std::size_t i = 0;
    while (true) {
        const std::size_t start = i;
        char last = '\0';
        while (i < text.size() && text[i] != '.') {
            const char c = text[i];
            if (c == '[') {
                i = alphanumeric_range_end(text, i);
                if (i == k_none) {
                    return false;
                }
                last = ']';
            } else if (is_word(c) || (c == '-' && i != start)) {
                last = c;
                ++i;
            } else {
                return false;
            }
        }
        if (i == start || last == '_' || last == '-') {
            return false;
        }
        if (i == text.size()) {
            return true;
        }
        ++i; // the dot; a label must follow
    }
}

bool is_ipv6_pattern(std::string_view text)
{
    if (text.starts_with("::")) {
        return true;
    }
    std::size_t i = 0;
    for (int k = 1; k <= 6; ++k) { // (c:){1,6}: and c?:: as a prefix
        i = components(text, i, 1, ':');
        if (i == k_none) {
            break;
        }
        if (i < text.size() && text[i] == ':') {
            return true;
        }
    }
    const std::size_t seven = components(text, 0, 7, ':'); // (c:){7}c as a prefix
    if (seven != k_none && component_starts(text, seven)) {
        return true;
    }
    if (text.starts_with("0:0:0:0:0:0:")) { // (0:){6}(c.){3}c as a prefix
        const std::size_t dots = components(text, 12, 3, '.');
        if (dots != k_none && component_starts(text, dots)) {
            return true;
        }
    }
    if (starts_with_ci(text, "0:0:0:0:0:ffff:")) { // (0:){5}ffff:(c.){3}c, anchored at the end
        const std::size_t dots = components(text, 15, 3, '.');
        return dots != k_none && component_end(text, dots) == text.size();
    }
    return false;
}

AddressSplit split_address(std::string_view text)
{
    std::string_view address = text;
    std::optional<std::string_view> port;
    const std::size_t colon = address.rfind(':');
    const bool digits_after = colon != k_none && run_end(address, colon + 1, is_digit) == address.size();
    if (address.starts_with('[') && digits_after && colon >= 3 && address[colon - 1] == ']') {
        port = address.substr(colon + 1);
        address = address.substr(1, colon - 2);
    }
    // "host:port" where the host has no ':' outside complete [...] expressions.
    std::size_t i = 0;
    while (i < address.size() && address[i] != ':' && address[i] != ']') {
        const std::size_t close = address[i] == '[' ? address.find(']', i + 1) : i;
        if (close == k_none) {
            break;
        }
        i = close + 1;
    }
    if (i < address.size() && address[i] == ':' && run_end(address, i + 1, is_digit) == address.size()) {
        port = address.substr(i + 1);
        address = address.substr(0, i);
    }
    if (port && (is_host_name(address) || is_ipv6_pattern(address))) {
        return {std::string(address), std::string(*port)};
    }
    return {std::string(text), std::nullopt};
}

} // namespace scsctl::inventory
