// Line-level syntax of Ansible's INI inventory: lines, stripping, section headers.
// Depends on nothing but the standard library.
#include "inventory/ini_syntax.hpp"

namespace scsctl::inventory::ini {

namespace {

/// Python's \s for one byte (ASCII whitespace and the separators \x1c-\x1f).
bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= '\x1c' && c <= '\x1f');
}

bool is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

/// Length of a line break starting at `i`, or 0.
std::size_t break_length(std::string_view text, std::size_t i)
{
    const char c = text[i];
    if (c == '\r') {
        return (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
    }
    if (c == '\n' || c == '\v' || c == '\f' || c == '\x1c' || c == '\x1d' || c == '\x1e') {
        return 1;
    }
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\x85') {
        return 2;
    }
    if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' && (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
        return 3;
    }
    return 0;
}

/// After a section or group name: optional whitespace, then the end or a '#' comment.
bool only_comment_left(std::string_view line, std::size_t i)
{
    while (i < line.size() && is_space(line[i])) {
        ++i;
    }
    return i == line.size() || line[i] == '#';
}

/// The run of name characters (not ':', ']' or whitespace) at `i`.
std::size_t name_end(std::string_view line, std::size_t i)
{
    while (i < line.size() && line[i] != ':' && line[i] != ']' && !is_space(line[i])) {
        ++i;
    }
    return i;
}

} // namespace

std::vector<Line> split_lines(std::string_view text)
{
    std::vector<Line> lines;
    std::size_t start = 0;
    int number = 1;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = break_length(text, i);
        if (length == 0) {
            ++i;
            continue;
        }
        lines.push_back({text.substr(start, i - start), number++});
        i += length;
        start = i;
    }
    if (start < text.size()) {
        lines.push_back({text.substr(start), number});
    }
    return lines;
}

std::string_view strip(std::string_view text, std::size_t& offset)
{
    offset = 0;
    while (offset < text.size() && is_space(text[offset])) {
        ++offset;
    }
    std::size_t end = text.size();
    while (end > offset && is_space(text[end - 1])) {
        --end;
    }
    return text.substr(offset, end - offset);
}

std::optional<Section> match_section(std::string_view line)
{
    if (line.empty() || line[0] != '[') {
        return std::nullopt;
    }
    const std::size_t end = name_end(line, 1);
    if (end == 1) {
        return std::nullopt;
    }
    Section section{std::string(line.substr(1, end - 1)), std::nullopt, 0};
    std::size_t i = end;
    if (i < line.size() && line[i] == ':') {
        const std::size_t type_start = ++i;
        while (i < line.size() && is_word(line[i])) {
            ++i;
        }
        if (i == type_start) {
            return std::nullopt;
        }
        section.type = std::string(line.substr(type_start, i - type_start));
        section.type_offset = type_start;
    }
    if (i >= line.size() || line[i] != ']' || !only_comment_left(line, i + 1)) {
        return std::nullopt;
    }
    return section;
}

std::optional<std::string> match_group_name(std::string_view line)
{
    const std::size_t end = name_end(line, 0);
    if (end == 0 || !only_comment_left(line, end)) {
        return std::nullopt;
    }
    return std::string(line.substr(0, end));
}

} // namespace scsctl::inventory::ini
