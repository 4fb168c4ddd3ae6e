// Temp file + fsync + rename: readers see the old file or the complete new one.
#include "report/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace scsctl::report {

namespace {

core::Error io_error(const std::string& path, const std::string& what)
{
    return core::Error{core::ErrorKind::io, path + ": " + what, {}};
}

std::string directory_of(const std::string& path)
{
    const std::string parent = std::filesystem::path(path).parent_path().string();
    return parent.empty() ? "." : parent;
}

bool write_all(int fd, std::string_view content)
{
    while (!content.empty()) {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        content.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

} // namespace

core::Result<void> check_writable(const std::string& path)
{
    if (path.empty()) {
        return core::fail(io_error("''", "empty file name"));
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        return core::fail(io_error(path, "is a directory"));
    }
    const std::string dir = directory_of(path);
    if (!std::filesystem::is_directory(dir, ec)) {
        return core::fail(io_error(path, "cannot write: directory " + dir + " does not exist"));
    }
    if (::access(dir.c_str(), W_OK) != 0) {
        return core::fail(io_error(path, std::string("cannot write: ") + std::strerror(errno)));
    }
    return {};
}

core::Result<void> write_file_atomically(const std::string& path, std::string_view content)
{
    const std::filesystem::path target(path);
    std::string temp = (std::filesystem::path(directory_of(path)) / ("." + target.filename().string() + ".XXXXXX"))
                           .string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        return core::fail(io_error(path, std::string("cannot write: ") + std::strerror(errno)));
    }
    bool ok = write_all(fd, content) && ::fchmod(fd, 0644) == 0 && ::fsync(fd) == 0;
    const int saved = errno;
    ok = ::close(fd) == 0 && ok;
    if (ok && ::rename(temp.c_str(), path.c_str()) == 0) {
        return {};
    }
    const int error = ok ? errno : saved;
    ::unlink(temp.c_str());
    return core::fail(io_error(path, std::string("cannot write: ") + std::strerror(error)));
}

} // namespace scsctl::report
