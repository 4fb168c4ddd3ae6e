// One HTTP exchange over libcurl for the OpenStack client: method, URL, headers, an
// optional body, TLS verification settings and a deadline in; status, lower-case headers,
// body and latency out. A fresh connection per request: uwsgi's --http-socket (and other
// servers that answer `Connection: close`) reset reused connections. Depends on core.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "core/result.hpp"

namespace scsctl::openstack {

struct HttpOptions {
    long timeout_seconds = 30;
    bool verify = true;  ///< verify the server's TLS certificate and name
    std::string cacert;  ///< CA bundle file, empty for the system's
};

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::map<std::string, std::string> headers;
    std::string body;    ///< sent when non-empty or when the method is POST/PUT/PATCH
};

struct HttpReply {
    long status = 0;
    std::map<std::string, std::string> headers; ///< lower-case names
    std::string body;
    std::chrono::milliseconds latency{0};
};

/// Performs `request`. Errors (kind unreachable) are connection failures, TLS failures and
/// timeouts, worded from curl's result with the URL's scheme, host and port; request
/// headers and bodies (tokens, passwords) never appear in them.
core::Result<HttpReply> perform(const HttpRequest& request, const HttpOptions& options);

/// "scheme://host:port" of `url`, for messages (no path, no query, no user info).
std::string url_origin(const std::string& url);

} // namespace scsctl::openstack
