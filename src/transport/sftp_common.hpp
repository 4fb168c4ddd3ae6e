// The byte side of SFTP and local file transfers: SHA-256 digests computed in bounded
// steps, an upload's source read in chunks, chunked local copies; error texts.
// Depends on OpenSSL, POSIX and transport only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "transport/operations.hpp"
#include "transport/sftp_plan.hpp"

struct evp_md_ctx_st;

namespace scsctl::transport {

/// Incremental SHA-256 (OpenSSL EVP); hex() ends it.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view data);
    /// The lowercase hex digest of everything passed to update(); call once.
    std::string hex();

private:
    evp_md_ctx_st* m_ctx;
};

/// The bytes of an upload: a local file read in chunks, or the request's content.
/// Keeps a reference to `request`, which must outlive it.
class UploadSource {
public:
    explicit UploadSource(const UploadRequest& request) : m_request(request) {}
    ~UploadSource();
    UploadSource(const UploadSource&) = delete;
    UploadSource& operator=(const UploadSource&) = delete;

    /// (Re)opens at the first byte. Returns false with error() set when unreadable.
    bool open();
    /// Appends up to `max` bytes to `out`; returns the count (0 at the end), or -1 with error().
    std::ptrdiff_t read(std::string& out, std::size_t max);
    const std::string& error() const { return m_error; }

private:
    const UploadRequest& m_request;
    int m_fd = -1;
    std::size_t m_offset = 0;
    std::string m_error;
};

/// A digest computed a bounded number of bytes at a time, so that an event loop stays
/// responsive while hashing a big file.
class DigestPass {
public:
    explicit DigestPass(const UploadRequest& request) : m_source(request) {}
    /// Hashes up to `budget` more bytes; true once finished (digest() or error() set).
    bool step(std::size_t budget);
    bool finished() const { return m_finished; }
    const std::string& digest() const { return m_digest; }
    const std::string& error() const { return m_error; }

private:
    UploadSource m_source;
    Sha256 m_sha;
    bool m_opened = false;
    bool m_finished = false;
    std::string m_digest;
    std::string m_error;
    std::string m_buffer;
};

/// A chunked copy of a source into a new file (O_EXCL), hashed on the way and fsynced
/// at the end. The file is removed again on destruction unless keep() was called.
class FileCopy {
public:
    FileCopy(const UploadRequest& source, std::string target, unsigned mode)
        : m_source(source), m_target(std::move(target)), m_mode(mode)
    {
    }
    ~FileCopy();
    FileCopy(const FileCopy&) = delete;
    FileCopy& operator=(const FileCopy&) = delete;

    /// Copies up to `budget` bytes; true once finished: fsynced and closed, or error().
    bool step(std::size_t budget);
    void keep() { m_kept = true; }
    const std::string& error() const { return m_error; }
    const std::string& sha256() const { return m_digest; }
    std::uint64_t bytes() const { return m_bytes; }

private:
    bool stop(std::string error);
    bool write_all();

    UploadSource m_source;
    std::string m_target;
    unsigned m_mode;
    int m_fd = -1;
    bool m_created = false;
    bool m_kept = false;
    Sha256 m_sha;
    std::string m_digest;
    std::uint64_t m_bytes = 0;
    std::string m_buffer;
    std::string m_error;
};

/// strerror(err), thread-safe.
std::string errno_text(int err);
/// "no such file" for SFTP status codes.
std::string sftp_status_text(unsigned long code);

} // namespace scsctl::transport
