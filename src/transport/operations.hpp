// What can be done on a host once connected: run a command, upload, download, forward
// a port or socket; the request and result types of each. Depends on core and failure.hpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "transport/failure.hpp"

namespace scsctl::transport {

struct CommandRequest {
    std::string command;    ///< run by the remote user's shell, as ssh does
    std::string stdin_data; ///< written to the command's stdin, then EOF (secrets go here, never argv)
    std::chrono::milliseconds timeout{0}; ///< 0: no timeout
    std::size_t capture_limit = 64 * 1024 * 1024; ///< bytes kept per stream; the rest is counted only
    /// Optional sinks that see every chunk as it arrives (called on a transport thread).
    std::function<void(std::string_view)> on_stdout;
    std::function<void(std::string_view)> on_stderr;
};

struct CommandResult {
    int exit_status = 0;
    std::string exit_signal; ///< "KILL", "TERM", ... when killed by a signal, else ""
    std::string stdout_data;
    std::string stderr_data;
    std::uint64_t stdout_bytes = 0; ///< total, including what capture_limit dropped
    std::uint64_t stderr_bytes = 0;
    std::chrono::microseconds duration{0};

    bool succeeded() const { return exit_signal.empty() && exit_status == 0; }
};

using CommandOutcome = std::expected<CommandResult, Failure>;

struct UploadRequest {
    std::string remote_path;
    std::optional<std::string> local_path; ///< stream this file ...
    std::string content;                   ///< ... or send this content
    std::optional<unsigned> mode;          ///< e.g. 0644; default keeps an existing file's mode, else 0644
    std::optional<std::string> owner;
    std::optional<std::string> group;
    bool skip_unchanged = true; ///< probe sha256 first; send nothing when equal
};

struct DownloadRequest {
    std::string remote_path;
    std::string local_path;
};

struct TransferResult {
    bool changed = false;     ///< an upload wrote the file (false: content and mode already equal)
    std::uint64_t bytes = 0;  ///< bytes sent or received
    std::string sha256;       ///< hex digest of the content
};

using TransferOutcome = std::expected<TransferResult, Failure>;

struct ForwardRequest {
    std::string remote_host = "127.0.0.1"; ///< direct-tcpip target, seen from the host
    int remote_port = 0;                   ///< 0: forward to remote_socket instead
    std::string remote_socket;             ///< direct-streamlocal target (unix socket path on the host)
    std::string local_socket; ///< listen on this unix socket path; "" means 127.0.0.1 on a free port
};

struct ForwardResult {
    std::string local_address; ///< "127.0.0.1:PORT" or the unix socket path
    int local_port = 0;
};

using ForwardOutcome = std::expected<ForwardResult, Failure>;

} // namespace scsctl::transport
