// AWS Signature Version 4 (header form) for S3 requests: the canonical request, the string
// to sign and the Authorization header, as AWS's "Signature Version 4 signing process"
// documents them; SHA-256 and HMAC-SHA256 through OpenSSL. Pure functions, no I/O.
// Depends on std and OpenSSL only.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scsctl::openstack {

/// What is signed of one request.
struct SigV4Request {
    std::string method = "GET";
    std::string path = "/";                                 ///< the request path, not yet URI-encoded
    std::vector<std::pair<std::string, std::string>> query; ///< name/value pairs, not yet encoded
    /// Every header to sign (names in any case; values are trimmed and inner runs of
    /// spaces collapsed). Must hold host and x-amz-date; S3 wants x-amz-content-sha256 too.
    std::map<std::string, std::string> headers;
    std::string payload_sha256; ///< hex SHA-256 of the body (of "" for none)
};

/// Who signs, for which scope. `secret_key` is a secret: nothing here returns it.
struct SigV4Key {
    std::string access_key;
    std::string secret_key;
    std::string region = "us-east-1";
    std::string service = "s3";
};

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

/// AWS's URI encoding: unreserved characters (A-Z a-z 0-9 - . _ ~) kept, '/' kept when
/// `keep_slash`, every other byte as %XX (upper-case hex).
std::string aws_uri_encode(std::string_view text, bool keep_slash);

/// "YYYYMMDDTHHMMSSZ" (UTC) of `time`, the x-amz-date format.
std::string amz_date(std::chrono::system_clock::time_point time);

/// The canonical request: method, encoded path, sorted encoded query, canonical headers,
/// signed header names, payload hash, one per line.
std::string sigv4_canonical_request(const SigV4Request& request);

/// "AWS4-HMAC-SHA256\n<x-amz-date>\n<date>/<region>/<service>/aws4_request\n<hash of the
/// canonical request>". The date comes from the request's x-amz-date header.
std::string sigv4_string_to_sign(const SigV4Request& request, const SigV4Key& key);

/// The Authorization header's value: "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…,
/// Signature=…".
std::string sigv4_authorization(const SigV4Request& request, const SigV4Key& key);

} // namespace scsctl::openstack
