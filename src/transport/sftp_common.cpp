// Digests, chunked sources and copies: bounded work per call, so that the event loop
// that also serves other hosts stays responsive.
#include "transport/sftp_common.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libssh2_sftp.h>
#include <openssl/evp.h>

namespace scsctl::transport {

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr);
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::update(std::string_view data)
{
    EVP_DigestUpdate(m_ctx, data.data(), data.size());
}

std::string Sha256::hex()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_ctx, digest, &length);
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += k_hex[digest[i] >> 4];
        out += k_hex[digest[i] & 0x0f];
    }
    return out;
}

UploadSource::~UploadSource()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

bool UploadSource::open()
{
    m_offset = 0;
    if (!m_request.local_path) {
        return true;
    }
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    // O_NONBLOCK: opening a FIFO must not wait for a writer; only regular files are read.
    m_fd = ::open(m_request.local_path->c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (m_fd < 0) {
        m_error = "cannot read " + *m_request.local_path + ": " + errno_text(errno);
        return false;
    }
    struct stat st{};
    if (::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        m_error = "cannot read " + *m_request.local_path + ": not a regular file";
        return false;
    }
    return true;
}

std::ptrdiff_t UploadSource::read(std::string& out, std::size_t max)
{
    if (!m_request.local_path) {
        const std::size_t n = std::min(max, m_request.content.size() - m_offset);
        out.append(m_request.content, m_offset, n);
        m_offset += n;
        return static_cast<std::ptrdiff_t>(n);
    }
    const std::size_t before = out.size();
    out.resize(before + max);
    ssize_t n = -1;
    do {
        n = ::read(m_fd, out.data() + before, max);
    } while (n < 0 && errno == EINTR);
    out.resize(before + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    if (n < 0) {
        m_error = "cannot read " + *m_request.local_path + ": " + errno_text(errno);
        return -1;
    }
    m_offset += static_cast<std::size_t>(n);
    return n;
}

bool DigestPass::step(std::size_t budget)
{
    if (m_finished) {
        return true;
    }
    if (!m_opened) {
        m_opened = true;
        if (!m_source.open()) {
            m_error = m_source.error();
            m_finished = true;
            return true;
        }
    }
    while (budget > 0) {
        m_buffer.clear();
        const std::ptrdiff_t n = m_source.read(m_buffer, std::min<std::size_t>(budget, 256 * 1024));
        if (n < 0) {
            m_error = m_source.error();
            m_finished = true;
            return true;
        }
        if (n == 0) {
            m_digest = m_sha.hex();
            m_finished = true;
            return true;
        }
        m_sha.update(m_buffer);
        budget -= std::min(budget, static_cast<std::size_t>(n));
    }
    return false;
}

FileCopy::~FileCopy()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
    if (m_created && !m_kept) {
        ::unlink(m_target.c_str());
    }
}

bool FileCopy::stop(std::string error)
{
    m_error = std::move(error);
    return true;
}

bool FileCopy::write_all()
{
    for (std::size_t at = 0; at < m_buffer.size();) {
        const ssize_t written = ::write(m_fd, m_buffer.data() + at, m_buffer.size() - at);
        if (written < 0 && errno != EINTR) {
            return false;
        }
        at += static_cast<std::size_t>(std::max<ssize_t>(written, 0));
    }
    return true;
}

bool FileCopy::step(std::size_t budget)
{
    if (!m_created) {
        if (!m_source.open()) {
            return stop(m_source.error());
        }
        m_fd = ::open(m_target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, m_mode);
        if (m_fd < 0) {
            return stop("cannot create " + m_target + ": " + errno_text(errno));
        }
        m_created = true;
    }
    for (std::size_t done = 0; done < budget;) {
        m_buffer.clear();
        const std::ptrdiff_t n = m_source.read(m_buffer, 1024 * 1024);
        if (n < 0) {
            return stop(m_source.error());
        }
        if (n == 0) {
            const bool synced = ::fsync(m_fd) == 0;
            const bool closed = ::close(m_fd) == 0;
            m_fd = -1;
            m_digest = m_sha.hex();
            return stop(synced && closed ? "" : "cannot write " + m_target + ": " + errno_text(errno));
        }
        if (!write_all()) {
            return stop("cannot write " + m_target + ": " + errno_text(errno));
        }
        m_sha.update(m_buffer);
        m_bytes += static_cast<std::uint64_t>(n);
        done += static_cast<std::size_t>(n);
    }
    return false;
}

std::string errno_text(int err)
{
    char buffer[256] = {};
    return ::strerror_r(err, buffer, sizeof(buffer));
}

std::string sftp_status_text(unsigned long code)
{
    switch (code) {
    case LIBSSH2_FX_NO_SUCH_FILE:
    case LIBSSH2_FX_NO_SUCH_PATH:
        return "No such file or directory";
    case LIBSSH2_FX_PERMISSION_DENIED:
        return "Permission denied";
    case LIBSSH2_FX_FILE_ALREADY_EXISTS:
        return "File exists";
    case LIBSSH2_FX_NO_SPACE_ON_FILESYSTEM:
        return "No space left on device";
    case LIBSSH2_FX_QUOTA_EXCEEDED:
        return "Disk quota exceeded";
    case LIBSSH2_FX_WRITE_PROTECT:
        return "Read-only file system";
    case LIBSSH2_FX_NOT_A_DIRECTORY:
        return "Not a directory";
    case LIBSSH2_FX_OP_UNSUPPORTED:
        return "Operation not supported by the SFTP server";
    default:
        return "SFTP status " + std::to_string(code);
    }
}

} // namespace scsctl::transport
