// Helpers for transport tests: endpoints for fixture hosts and synchronous wrappers
// around the asynchronous Pool API (commands, transfers, forwards).
#pragma once

#include <future>
#include <random>
#include <string>

#include "sshd_fixture.hpp"
#include "transport/pool.hpp"

namespace scsctl::testing {

/// An endpoint for fixture host `i` with strict checking against the fixture's known_hosts.
inline transport::Endpoint endpoint_for(const SshdFixture& sshd, int i, const std::string& user = k_login_user)
{
    transport::Endpoint endpoint;
    endpoint.name = "h" + std::to_string(i);
    endpoint.target.address = SshdFixture::address(i);
    endpoint.target.port = sshd.port();
    endpoint.target.user = user;
    endpoint.target.identity_files = {sshd.client_key_path().string()};
    endpoint.known_hosts_files = {sshd.known_hosts_path().string()};
    endpoint.use_agent = false;
    endpoint.connect_timeout = std::chrono::seconds(10);
    return endpoint;
}

inline transport::CommandRequest request_of(std::string command, std::string stdin_data = {})
{
    transport::CommandRequest request;
    request.command = std::move(command);
    request.stdin_data = std::move(stdin_data);
    return request;
}

inline transport::CommandOutcome run_sync(transport::Pool& pool, transport::HostHandle host,
                                          transport::CommandRequest request,
                                          std::optional<transport::Become> become = std::nullopt)
{
    std::promise<transport::CommandOutcome> promise;
    auto future = promise.get_future();
    pool.run(host, std::move(request), std::move(become),
             [&promise](transport::CommandOutcome outcome) { promise.set_value(std::move(outcome)); });
    return future.get();
}

inline transport::CommandOutcome run_sync(transport::Pool& pool, transport::HostHandle host, const std::string& command)
{
    transport::CommandRequest request;
    request.command = command;
    return run_sync(pool, host, std::move(request));
}

/// `size` pseudo-random bytes (any byte value), the same for the same seed.
inline std::string random_bytes(std::size_t size, unsigned seed)
{
    std::mt19937 engine(seed);
    std::string out(size, '\0');
    for (char& c : out) {
        c = static_cast<char>(engine() & 0xff);
    }
    return out;
}

inline transport::UploadRequest content_upload(const std::string& path, std::string content)
{
    transport::UploadRequest request;
    request.remote_path = path;
    request.content = std::move(content);
    return request;
}

/// An ansible_connection=local endpoint.
inline transport::Endpoint local_endpoint()
{
    transport::Endpoint endpoint;
    endpoint.name = "localhost";
    endpoint.local = true;
    return endpoint;
}

inline transport::TransferOutcome upload_sync(transport::Pool& pool, transport::HostHandle host,
                                             transport::UploadRequest request,
                                             std::optional<transport::Become> become = std::nullopt)
{
    std::promise<transport::TransferOutcome> promise;
    auto future = promise.get_future();
    pool.upload(host, std::move(request), std::move(become),
                [&promise](transport::TransferOutcome outcome) { promise.set_value(std::move(outcome)); });
    return future.get();
}

inline transport::TransferOutcome download_sync(transport::Pool& pool, transport::HostHandle host,
                                               transport::DownloadRequest request)
{
    std::promise<transport::TransferOutcome> promise;
    auto future = promise.get_future();
    pool.download(host, std::move(request),
                  [&promise](transport::TransferOutcome outcome) { promise.set_value(std::move(outcome)); });
    return future.get();
}

inline transport::ForwardOutcome forward_sync(transport::Pool& pool, transport::HostHandle host,
                                              transport::ForwardRequest request)
{
    std::promise<transport::ForwardOutcome> promise;
    auto future = promise.get_future();
    pool.forward(host, std::move(request),
                 [&promise](transport::ForwardOutcome outcome) { promise.set_value(std::move(outcome)); });
    return future.get();
}

} // namespace scsctl::testing
