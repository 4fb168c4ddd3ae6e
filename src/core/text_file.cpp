// Whole-file reads with binary detection (inventories and playbooks are text).
#include "core/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace scsctl::core {

namespace {

// Length of the UTF-8 sequence starting at `text[i]`, or 0 when it is malformed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i)
{
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (byte < 0x80) {
        return byte == 0 ? 0 : 1;
    }
    if ((byte & 0xE0) == 0xC0 && byte >= 0xC2) {
        length = 2;
    } else if ((byte & 0xF0) == 0xE0) {
        length = 3;
    } else if ((byte & 0xF8) == 0xF0 && byte <= 0xF4) {
        length = 4;
    } else {
        return 0;
    }
    if (i + length > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
            return 0;
        }
    }
    return length;
}

// Line and column (1-based) of byte offset `offset` in `text`.
Location location_of(const std::string& path, std::string_view text, std::size_t offset)
{
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return Location{path, line, static_cast<int>(offset - line_start) + 1};
}

} // namespace

std::size_t first_invalid_text_byte(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = utf8_sequence_length(text, i);
        if (length == 0) {
            return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

Result<std::string> read_text_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(Error{ErrorKind::io, "cannot read: " + std::string(std::strerror(errno)), {path, 0, 0}});
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        return fail(Error{ErrorKind::io, "cannot read: read error", {path, 0, 0}});
    }
    std::string text = std::move(buffer).str();
    const std::size_t bad = first_invalid_text_byte(text);
    if (bad != std::string_view::npos) {
        return fail(Error{ErrorKind::config,
                          "binary or non-UTF-8 content (byte offset " + std::to_string(bad) + "); expected a text file",
                          location_of(path, text, bad)});
    }
    return text;
}

} // namespace scsctl::core
