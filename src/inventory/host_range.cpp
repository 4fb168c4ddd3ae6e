// Host entries as Ansible's _expand_hostpattern reads them: parse_address's port split
// (addresses.py), then expand_hostname_range. Owns ports and ranges only; must not
// depend on model or on any inventory format. Depends on core only.
#include "inventory/host_range.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>

#include "inventory/host_address.hpp"

namespace scsctl::inventory {

namespace {

constexpr std::size_t k_max_hosts = 1'000'000;          ///< hosts one entry may expand to
constexpr std::size_t k_max_total_chars = 64ull << 20;  ///< bytes of names one entry may expand to
constexpr std::string_view k_letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

core::Error entry_error(std::string message, std::size_t offset)
{
    return core::Error{core::ErrorKind::config, std::move(message), core::Location{"", 0, static_cast<int>(offset) + 1}};
}

/// Python's int(text) for a range bound: optional sign, digits with single underscores.
std::optional<std::int64_t> python_int(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text.empty() || text.front() == '_' || text.back() == '_' || text.find("__") != std::string_view::npos) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    for (char c : text) {
        if (c == '_') {
            continue;
        }
        if (c < '0' || c > '9' || value > 100'000'000'000'000'000) {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
}

/// str(value).zfill(width) when width > 0, else str(value).
std::string fill(std::int64_t value, std::size_t width)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    const std::size_t sign = value < 0 ? 1 : 0;
    if (digits.size() + sign < width) {
        digits.insert(0, width - digits.size() - sign, '0');
    }
    return value < 0 ? "-" + digits : digits;
}

struct Range {
    std::string head;
    std::string tail;
    std::string bounds; ///< between the brackets
};

class Expander {
public:
    explicit Expander(std::string_view original) : m_original(original) {}

    /// The names of one level: the first range of `name` expanded, in order.
    core::Result<std::vector<std::string>> expand_first(const std::string& name) const;

private:
    core::Result<Range> split(const std::string& name) const;
    core::Result<std::vector<std::string>> letters(const Range& range, std::size_t begin, std::size_t end,
                                                   std::string_view step) const;
    core::Result<std::vector<std::string>> numbers(const Range& range, std::string_view begin, std::string_view end,
                                                   std::string_view step, std::size_t width) const;
    core::Error fail_at(const Range& range, const std::string& problem) const;

    std::string_view m_original;
};

core::Error Expander::fail_at(const Range& range, const std::string& problem) const
{
    const std::string shown = "[" + range.bounds + "]";
    std::size_t offset = m_original.find(shown);
    if (offset == std::string_view::npos) {
        offset = m_original.find('[');
    }
    return entry_error("host range '" + shown + "' in '" + std::string(m_original) + "' " + problem,
                       offset == std::string_view::npos ? 0 : offset);
}

core::Result<Range> Expander::split(const std::string& name) const
{
    // Ansible replaces the first '[' and the first ']' by '|' and splits on '|' into 3 parts.
    std::string marked = name;
    const std::size_t open = marked.find('[');
    const std::size_t close = marked.find(']');
    marked[open] = '|';
    if (close != std::string::npos) {
        marked[close] = '|';
    }
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t bar = marked.find('|'); bar != std::string::npos; bar = marked.find('|', start)) {
        parts.push_back(marked.substr(start, bar - start));
        start = bar + 1;
    }
    parts.push_back(marked.substr(start));
    if (parts.size() != 3) {
        const std::string problem = close == std::string::npos ? "has no closing ']'" : "is malformed";
        return core::fail(entry_error("host range in '" + std::string(m_original) + "' " + problem,
                                      m_original.find('[') == std::string_view::npos ? 0 : m_original.find('[')));
    }
    return Range{parts[0], parts[2], parts[1]};
}

core::Result<std::vector<std::string>> Expander::expand_first(const std::string& name) const
{
    const Range range = SCSCTL_TRY(split(name));
    std::vector<std::string_view> bounds;
    std::string_view rest = range.bounds;
    for (std::size_t colon = rest.find(':'); colon != std::string_view::npos; colon = rest.find(':')) {
        bounds.push_back(rest.substr(0, colon));
        rest.remove_prefix(colon + 1);
    }
    bounds.push_back(rest);
    if (bounds.size() != 2 && bounds.size() != 3) {
        return core::fail(fail_at(range, "must be begin:end or begin:end:step"));
    }
    const std::string_view begin = bounds[0].empty() ? std::string_view("0") : bounds[0];
    const std::string_view end = bounds[1];
    const std::string_view step = bounds.size() == 3 ? bounds[2] : std::string_view("1");
    if (end.empty()) {
        return core::fail(fail_at(range, "must specify an end value"));
    }
    std::size_t width = 0;
    if (begin.size() > 1 && begin.front() == '0') {
        width = begin.size();
        if (end.size() != width) {
            return core::fail(fail_at(range, "must have begin and end of equal length (leading zeros set the width)"));
        }
    }
    const std::size_t letter_begin = k_letters.find(begin);
    const std::size_t letter_end = k_letters.find(end);
    if (letter_begin != std::string_view::npos && letter_end != std::string_view::npos) {
        if (letter_begin > letter_end) {
            return core::fail(fail_at(range, "must have begin <= end"));
        }
        const auto step_value = python_int(step);
        if (step_value && *step_value != 0) {
            return letters(range, letter_begin, letter_end, step);
        }
    }
    return numbers(range, begin, end, step, width);
}

core::Result<std::vector<std::string>> Expander::letters(const Range& range, std::size_t begin, std::size_t end,
                                                         std::string_view step) const
{
    const std::int64_t stride = *python_int(step);
    std::vector<std::string> names;
    if (stride > 0) {
        for (std::size_t at = begin; at <= end; at += static_cast<std::size_t>(std::min<std::int64_t>(stride, 64))) {
            names.push_back(range.head + k_letters[at] + range.tail);
        }
    }
    if (names.empty()) {
        return core::fail(fail_at(range, "is empty"));
    }
    return names;
}

core::Result<std::vector<std::string>> Expander::numbers(const Range& range, std::string_view begin,
                                                         std::string_view end, std::string_view step,
                                                         std::size_t width) const
{
    const auto first = python_int(begin);
    const auto last = python_int(end);
    const auto stride = python_int(step);
    if (!first || !last || !stride) {
        const std::string_view bad = !first ? begin : !last ? end : step;
        return core::fail(fail_at(range, "has '" + std::string(bad) + "', which is neither a number nor a letter"));
    }
    if (*stride == 0) {
        return core::fail(fail_at(range, "must not have a step of zero"));
    }
    const __int128 stop = static_cast<__int128>(*last) + 1;
    const __int128 span = *stride > 0 ? stop - *first : *first - stop;
    const __int128 magnitude = *stride > 0 ? *stride : -static_cast<__int128>(*stride);
    const __int128 count = span <= 0 ? 0 : (span + magnitude - 1) / magnitude;
    if (count == 0) {
        return core::fail(fail_at(range, "is empty (begin must not exceed end)"));
    }
    if (count > static_cast<__int128>(k_max_hosts)) {
        return core::fail(fail_at(range, "expands to more than " + std::to_string(k_max_hosts) + " hosts"));
    }
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(count));
    for (__int128 k = 0; k < count; ++k) {
        const auto value = static_cast<std::int64_t>(*first + k * *stride);
        names.push_back(range.head + fill(value, width) + range.tail);
    }
    return names;
}

/// Expands every range of `pattern` depth-first, in Ansible's order, within the caps.
core::Result<std::vector<std::string>> expand_all(const std::string& pattern, std::string_view original)
{
    const Expander expander(original);
    std::vector<std::string> done;
    std::vector<std::string> pending{pattern};
    std::size_t total_chars = pattern.size();
    while (!pending.empty()) {
        std::string name = std::move(pending.back());
        pending.pop_back();
        if (name.find('[') == std::string::npos) {
            done.push_back(std::move(name));
            continue;
        }
        std::vector<std::string> level = SCSCTL_TRY(expander.expand_first(name));
        for (const auto& generated : level) {
            total_chars += generated.size();
        }
        std::move(level.rbegin(), level.rend(), std::back_inserter(pending));
        if (done.size() + pending.size() > k_max_hosts || total_chars > k_max_total_chars) {
            return core::fail(entry_error("host entry '" + std::string(original) + "' expands to more than " +
                                              std::to_string(k_max_hosts) + " hosts or 64 MiB of names",
                                          0));
        }
    }
    return done;
}

} // namespace

core::Result<HostEntry> expand_host_entry(std::string_view text)
{
    const AddressSplit split = split_address(text);
    HostEntry entry;
    if (split.port) {
        if (split.port->size() > 9) {
            return core::fail(entry_error("port " + *split.port + " in '" + std::string(text) + "' is out of range",
                                          text.size() - split.port->size()));
        }
        const int port = std::stoi(*split.port);
        if (port != 0) { // Ansible's Host() ignores a falsy port
            entry.port = port;
        }
    }
    if (split.host.find('[') == std::string::npos) {
        entry.names.push_back(split.host);
        return entry;
    }
    entry.names = SCSCTL_TRY(expand_all(split.host, text));
    return entry;
}

} // namespace scsctl::inventory
