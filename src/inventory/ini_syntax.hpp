// Line-level syntax of Ansible's INI inventory (ansible-core 2.14 ini.py): splitting
// into lines as Python's splitlines, stripping, section headers and group-name lines.
// Owns no inventory state; depends on nothing but the standard library.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scsctl::inventory::ini {

struct Line {
    std::string_view text; ///< without the line break
    int number = 0;        ///< 1-based, counted as Python's str.splitlines counts
};

/// The lines of `text` as str.splitlines() splits them (\n, \r\n, \r, \v, \f, \x1c-\x1e,
/// and the UTF-8 forms of U+0085, U+2028, U+2029).
std::vector<Line> split_lines(std::string_view text);

/// `text` without leading and trailing whitespace as str.strip() (ASCII forms); `offset`
/// receives the number of bytes removed in front.
std::string_view strip(std::string_view text, std::size_t& offset);

struct Section {
    std::string group;
    std::optional<std::string> type; ///< the word after ':', if any
    std::size_t type_offset = 0;     ///< of that word within the line
};

/// "[name]" or "[name:type]", optionally followed by spaces and a '#' comment. The name
/// has no ':', ']' or whitespace; the type is word characters.
std::optional<Section> match_section(std::string_view line);

/// A [group:children] entry: a name without ':', ']' or whitespace, then an optional
/// '#' comment.
std::optional<std::string> match_group_name(std::string_view line);

} // namespace scsctl::inventory::ini
