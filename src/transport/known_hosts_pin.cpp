// KnownHosts::pin: appends a host key to a known_hosts file under an exclusive flock,
// through a temporary file in the same directory that is fsynced and renamed over.
// POSIX and OpenSSL only; must not depend on libssh2 or on anything above core.
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "transport/known_hosts.hpp"

namespace scsctl::transport {

namespace {

namespace fs = std::filesystem;

core::Error io_error(const std::string& file, const std::string& what, int error_number)
{
    return core::Error{core::ErrorKind::io, "cannot pin host key in " + file + ": " + what + ": " +
                                                std::strerror(error_number),
                       {}};
}

/// Closes the descriptor at scope exit (releasing any flock held through it).
class Fd {
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    int release()
    {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd;
};

std::string base64(const std::string& bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    return out;
}

bool safe_host(const std::string& host)
{
    if (host.empty() || host.front() == '|' || host.front() == '@' || host.front() == '#' || host.front() == '!') {
        return false;
    }
    return host.find_first_of(" \t\r\n,*?") == std::string::npos;
}

/// Creates the missing directories of `dir` with mode 0700.
core::Result<void> make_directories(const fs::path& dir, const std::string& file)
{
    if (dir.empty()) {
        return {};
    }
    std::error_code ec;
    if (fs::is_directory(dir, ec)) {
        return {};
    }
    if (auto result = make_directories(dir.parent_path(), file); !result) {
        return result;
    }
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        return core::fail(io_error(file, "creating " + dir.string(), errno));
    }
    return {};
}

/// The file's content, "" when it does not exist.
core::Result<std::string> read_existing(const std::string& path)
{
    const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) {
            return std::string();
        }
        return core::fail(io_error(path, "reading", errno));
    }
    std::string content;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return core::fail(io_error(path, "reading", errno));
        }
        if (n == 0) {
            return content;
        }
        content.append(buffer, static_cast<std::size_t>(n));
    }
}

bool write_all(int fd, const std::string& data)
{
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

/// Writes `content` to a temporary file beside `target` (same mode as target, else 0600),
/// fsyncs it, renames it over `target` and fsyncs the directory.
core::Result<void> replace_file(const fs::path& target, const std::string& content)
{
    std::string temp = target.string() + ".XXXXXX";
    Fd fd(::mkostemp(temp.data(), O_CLOEXEC));
    if (fd.get() < 0) {
        return core::fail(io_error(target.string(), "creating a temporary file", errno));
    }
    struct stat info{};
    const mode_t mode = ::stat(target.c_str(), &info) == 0 ? (info.st_mode & 07777) : 0600;
    if (::fchmod(fd.get(), mode) != 0 || !write_all(fd.get(), content) || ::fsync(fd.get()) != 0 ||
        ::close(fd.release()) != 0 || ::rename(temp.c_str(), target.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temp.c_str());
        return core::fail(io_error(target.string(), "writing", saved));
    }
    const auto dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    const Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() >= 0) {
        ::fsync(dir_fd.get());
    }
    return {};
}

/// The "<file>.lock" descriptor holding an exclusive flock.
core::Result<int> take_lock(const std::string& file)
{
    const std::string lock_path = file + ".lock";
    Fd fd(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
    if (fd.get() < 0) {
        return core::fail(io_error(file, "opening " + lock_path, errno));
    }
    while (::flock(fd.get(), LOCK_EX) != 0) {
        if (errno != EINTR) {
            return core::fail(io_error(file, "locking " + lock_path, errno));
        }
    }
    return fd.release();
}

} // namespace

core::Result<bool> KnownHosts::pin(const std::string& file, const std::string& host, int port, const HostKey& key)
{
    const auto name = known_hosts_name(host, port);
    const std::string line = name + " " + key.type + " " + base64(key.blob);
    const auto self_check = from_text(line, file).m_entries;
    if (file.empty() || !safe_host(host) || self_check.size() != 1 || !(self_check[0].key == key)) {
        return core::fail(core::Error{
            core::ErrorKind::io, "cannot pin host key for " + name + " in '" + file + "': invalid name or key", {}});
    }
    fs::path target(file);
    std::error_code ec;
    if (fs::is_symlink(target, ec)) {
        target = fs::weakly_canonical(target, ec); // rename must replace the file, not the link
        if (ec) {
            return core::fail(io_error(file, "resolving the symbolic link", ec.value()));
        }
    }
    SCSCTL_TRY(make_directories(target.parent_path(), file));
    const Fd lock(SCSCTL_TRY(take_lock(file)));
    std::string content = SCSCTL_TRY(read_existing(target.string()));
    const auto current = from_text(content, file).check(host, port, key);
    if (current.revoked) {
        return core::fail(core::Error{core::ErrorKind::io,
                                      "refusing to pin host key for " + name + ": it is marked @revoked at " +
                                          current.where,
                                      {}});
    }
    if (current.result == KeyMatch::match) {
        return false;
    }
    if (!content.empty() && content.back() != '\n') {
        content += '\n';
    }
    content += line + "\n";
    SCSCTL_TRY(replace_file(target, content));
    return true;
}

} // namespace scsctl::transport
