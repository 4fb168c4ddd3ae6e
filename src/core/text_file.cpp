// Whole-file reads with binary detection (inventories and playbooks are text).
#include "core/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

Error read_error(const std::string& path, int error)
{
    return Error{ErrorKind::io, "cannot read: " + std::string(std::strerror(error)), {path, 0, 0}};
}

/// Appends the rest of `fd` to `text`, `size_hint` bytes expected (st_size; 0 for pipes
/// and /proc files, which are then read in chunks). Returns 0 or an errno.
int read_all(int fd, std::size_t size_hint, std::string& text)
{
    std::size_t used = 0;
    text.resize(size_hint > 0 ? size_hint + 1 : 4096); // +1: notice a file that grew
    for (;;) {
        if (used == text.size()) {
            text.resize(text.size() * 2);
        }
        const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        if (n == 0) {
            text.resize(used);
            return 0;
        }
        used += static_cast<std::size_t>(n);
    }
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
    // One open, fstat and read: with 10,000 host_vars files, std::ifstream's setup
    // (locale, buffers) cost as much as parsing them.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return fail(read_error(path, errno));
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        return fail(read_error(path, error));
    }
    if (S_ISDIR(info.st_mode)) {
        ::close(fd);
        return fail(read_error(path, EISDIR));
    }
    std::string text;
    const int error = read_all(fd, S_ISREG(info.st_mode) ? static_cast<std::size_t>(info.st_size) : 0, text);
    ::close(fd);
    if (error != 0) {
        return fail(read_error(path, error));
    }
    const std::size_t bad = first_invalid_text_byte(text);
    if (bad != std::string_view::npos) {
        return fail(Error{ErrorKind::config,
                          "binary or non-UTF-8 content (byte offset " + std::to_string(bad) + "); expected a text file",
                          location_of(path, text, bad)});
    }
    return text;
}

} // namespace scsctl::core
