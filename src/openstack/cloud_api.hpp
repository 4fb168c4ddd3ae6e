// CloudApi: the read (and, where a check needs it, write) access to one OpenStack cloud that
// `scsctl check scs` and the OpenStack health check use, behind one interface: an
// authenticated session (a Keystone v3 token with its catalog and roles) that sends
// requests to a service's endpoint picked from the catalog by service type. The libcurl
// implementation lives beside this header; the SCS testcases see only this interface.
// Depends on core and nlohmann-json only.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace scsctl::openstack {

/// One HTTP answer. `body` is the parsed JSON body, or null when the body was empty or
/// not JSON (then `raw_body` holds it, cut to a few KiB).
struct ApiResponse {
    long status = 0;
    nlohmann::json body;
    std::string raw_body;
    std::map<std::string, std::string> headers; ///< lower-case names
    std::chrono::milliseconds latency{0};
};

/// A request to a service of the catalog.
struct ApiRequest {
    std::string method = "GET";  ///< GET, POST, PUT, PATCH, DELETE, HEAD
    std::string service_type;    ///< catalog type: "compute", "image", "volumev3" or
                                 ///< "block-storage", "network", "identity", "key-manager", …
    std::string path;            ///< appended to the endpoint URL, e.g. "/flavors/detail"
    std::optional<nlohmann::json> body;           ///< sent as application/json
    std::map<std::string, std::string> headers;   ///< e.g. "OpenStack-API-Version": "compute 2.61"
};

/// An S3 request, path-style, signed with AWS Signature Version 4 (aws_sigv4.hpp) for the
/// service "s3". The body is empty (S3 calls of the checks send none).
struct S3Request {
    std::string method = "GET"; ///< GET, PUT, DELETE, HEAD
    std::string endpoint;       ///< scheme://host[:port], no path
    std::string path = "/";     ///< "/" (ListBuckets) or "/BUCKET"
    std::string access_key;
    std::string secret_key;     ///< a secret: never logged, never part of an error
    std::string region = "us-east-1";
};

/// One catalog entry, as Keystone's token response lists it.
struct CatalogEndpoint {
    std::string interface; ///< public, internal, admin
    std::string region;
    std::string url;
};
struct CatalogService {
    std::string type;
    std::string name;
    std::vector<CatalogEndpoint> endpoints;
};

class CloudApi {
  public:
    virtual ~CloudApi() = default;

    /// The services of the token's catalog, in the order Keystone gave them.
    virtual const std::vector<CatalogService>& catalog() const = 0;
    /// The role names the token carries (e.g. "member", "reader", "admin").
    virtual const std::vector<std::string>& roles() const = 0;
    /// The project the token is scoped to: id and name.
    virtual const std::string& project_id() const = 0;
    virtual const std::string& project_name() const = 0;
    /// The id of the token's user ("" when unknown, as in fakes that do not set it).
    virtual const std::string& user_id() const
    {
        static const std::string unknown;
        return unknown;
    }

    /// The endpoint URL `send` uses for `service_type` ($(project_id)s expanded, no trailing
    /// slash). The default takes the type's first endpoint in the catalog (fakes).
    virtual core::Result<std::string> endpoint_url(const std::string& service_type) const
    {
        for (const auto& service : catalog()) {
            if (service.type == service_type && !service.endpoints.empty()) {
                return service.endpoints.front().url;
            }
        }
        return core::fail(core::Error{core::ErrorKind::failed, "no '" + service_type + "' service in the catalog", {}});
    }

    /// Sends `request` to the endpoint of `request.service_type` for the session's interface
    /// and region (a versionless or versioned endpoint URL, as the catalog has it). An HTTP
    /// error status is a response, not an error; errors are "no such service in the
    /// catalog", connection and TLS failures and timeouts. Never throws, never logs secrets.
    virtual core::Result<ApiResponse> send(const ApiRequest& request) = 0;

    /// GET on an absolute URL (a catalog endpoint itself, for "does it answer") with the
    /// session's token and TLS settings. The default says it is not supported (fakes).
    virtual core::Result<ApiResponse> get_url(const std::string& url)
    {
        return core::fail(core::Error{core::ErrorKind::internal, "get_url is not supported here (" + url + ")", {}});
    }

    /// Sends a signed S3 request with the session's TLS settings (not its token). The
    /// answer's `raw_body` holds the whole body (S3 answers in XML). As with `send`, an HTTP
    /// error status is a response; errors are connection, TLS and timeout failures, and
    /// name the endpoint only. The default says it is not supported (fakes).
    virtual core::Result<ApiResponse> send_s3(const S3Request& request)
    {
        return core::fail(core::Error{core::ErrorKind::internal,
                                      "S3 is not supported here (" + request.method + " " + request.path + ")", {}});
    }

    /// How long the token request took (zero when unknown).
    virtual std::chrono::milliseconds auth_latency() const { return std::chrono::milliseconds{0}; }
};

} // namespace scsctl::openstack
