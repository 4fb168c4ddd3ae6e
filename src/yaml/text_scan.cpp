// Line scans for tab indentation and document markers (see text_scan.hpp).
#include "yaml/text_scan.hpp"

#include <string>
#include <vector>

namespace scsctl::yaml {

namespace {

std::vector<std::string_view> split_lines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end;
        std::string_view line = text.substr(start, stop - start);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        start = stop + 1;
    }
    return lines;
}

std::size_t leading_spaces(std::string_view line)
{
    std::size_t n = 0;
    while (n < line.size() && line[n] == ' ') {
        ++n;
    }
    return n;
}

bool is_blank(std::string_view line)
{
    return line.find_first_not_of(" \t") == std::string_view::npos;
}

/// Whether `line` ends with a block scalar header (`key: |`, `- >-`, `|2 # note`).
bool opens_block_scalar(std::string_view line)
{
    const std::size_t comment = line.find(" #");
    if (comment != std::string_view::npos) {
        line = line.substr(0, comment);
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    int indicators = 0;
    while (!line.empty() && indicators < 2 &&
           (line.back() == '-' || line.back() == '+' || (line.back() >= '1' && line.back() <= '9'))) {
        line.remove_suffix(1);
        ++indicators;
    }
    if (line.empty() || (line.back() != '|' && line.back() != '>')) {
        return false;
    }
    line.remove_suffix(1);
    return line.empty() || line.back() == ' ' || line.back() == '\t';
}

bool is_marker(std::string_view line, std::string_view marker)
{
    return line.starts_with(marker) && (line.size() == 3 || line[3] == ' ' || line[3] == '\t');
}

} // namespace

std::optional<TextPosition> find_tab_indentation(std::string_view text, int last_line)
{
    const auto lines = split_lines(text);
    std::optional<std::size_t> block_indent; // indentation of the line opening a block scalar
    for (std::size_t i = 0; i < lines.size() && static_cast<int>(i) < last_line; ++i) {
        const std::string_view line = lines[i];
        const std::size_t spaces = leading_spaces(line);
        if (block_indent) {
            if (is_blank(line) || spaces > *block_indent) {
                continue;
            }
            block_indent.reset();
        }
        if (spaces < line.size() && line[spaces] == '\t') {
            return TextPosition{static_cast<int>(i) + 1, static_cast<int>(spaces) + 1};
        }
        if (opens_block_scalar(line)) {
            block_indent = spaces;
        }
    }
    return std::nullopt;
}

std::optional<TextPosition> find_second_document(std::string_view text)
{
    const auto lines = split_lines(text);
    bool content = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        if (is_marker(line, "---")) {
            if (content) {
                return TextPosition{static_cast<int>(i) + 1, 1};
            }
            content = true; // the first document's own start marker
            continue;
        }
        const std::size_t first = line.find_first_not_of(" \t");
        if (first != std::string_view::npos && line[first] != '#' && line[0] != '%') {
            content = true;
        }
    }
    return std::nullopt;
}

} // namespace scsctl::yaml
