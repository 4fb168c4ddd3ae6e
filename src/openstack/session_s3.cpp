// KeystoneSession::send_s3: one path-style S3 request with an empty body, signed with AWS
// Signature Version 4 (aws_sigv4.hpp) and sent with the session's TLS settings. The Host
// header is set explicitly so that the signed value is the one on the wire.
#include <chrono>

#include "openstack/aws_sigv4.hpp"
#include "openstack/session.hpp"

namespace scsctl::openstack {

core::Result<ApiResponse> KeystoneSession::send_s3(const S3Request& request)
{
    const std::string origin = url_origin(request.endpoint);
    const auto scheme_end = origin.find("://");
    const std::string host = scheme_end == std::string::npos ? origin : origin.substr(scheme_end + 3);
    SigV4Request signing;
    signing.method = request.method;
    signing.path = request.path.empty() ? "/" : request.path;
    signing.payload_sha256 = sha256_hex("");
    signing.headers = {{"Host", host},
                       {"x-amz-date", amz_date(std::chrono::system_clock::now())},
                       {"x-amz-content-sha256", signing.payload_sha256}};
    const SigV4Key key{request.access_key, request.secret_key, request.region, "s3"};
    HttpRequest http;
    http.method = request.method;
    http.url = origin + aws_uri_encode(signing.path, true);
    http.headers = signing.headers;
    http.headers["Authorization"] = sigv4_authorization(signing, key);
    auto reply = SCSCTL_TRY(perform(http, m_http));
    ApiResponse response;
    response.status = reply.status;
    response.latency = reply.latency;
    response.headers = std::move(reply.headers);
    response.raw_body = std::move(reply.body);
    return response;
}

} // namespace scsctl::openstack
