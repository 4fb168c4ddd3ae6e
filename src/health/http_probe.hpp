// One HTTP GET from the controller for the health checks that ask an API directly
// (Kubernetes /readyz and nodes, Keycloak's OIDC discovery): libcurl, TLS verification
// always on (a CA file may replace the system's), no redirects, no proxy from the
// environment, a deadline and a size cap. The only file in health that speaks HTTP.
// Depends on core and libcurl.
#pragma once

#include <chrono>
#include <string>

#include "core/result.hpp"

namespace scsctl::health {

struct HttpRequest {
    std::string url;           ///< http:// or https:// only
    std::string ca_file;       ///< PEM bundle to verify the server with; "" = the system's CAs
    std::string bearer_token;  ///< sent as "Authorization: Bearer ..." when set; never logged
    std::chrono::milliseconds timeout{10000};
};

struct HttpResponse {
    long status = 0;
    std::string body; ///< at most 4 MiB
    std::chrono::milliseconds elapsed{0};
};

/// The response, whatever its status; an error (kind unreachable, one line naming the URL
/// and libcurl's reason, e.g. a certificate that does not verify) when none came.
core::Result<HttpResponse> http_get(const HttpRequest& request);

} // namespace scsctl::health
