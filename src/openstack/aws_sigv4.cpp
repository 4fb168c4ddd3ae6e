// SigV4 signing (see aws_sigv4.hpp). The signing key is derived per request from the secret
// ("AWS4" + secret → date → region → service → "aws4_request"); the derived key and the
// secret live only in this function's locals.
#include "openstack/aws_sigv4.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>

namespace scsctl::openstack {

namespace {

using Digest = std::array<unsigned char, 32>;

std::string hex(const unsigned char* data, std::size_t size)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0x0f];
    }
    return out;
}

Digest hmac_sha256(std::string_view key, std::string_view data)
{
    Digest out{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), out.data(), &length);
    return out;
}

std::string_view as_view(const Digest& digest)
{
    return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// Trimmed, with inner runs of spaces collapsed to one (AWS's header value rule).
std::string canonical_value(std::string_view value)
{
    std::string out;
    bool space = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

/// Lower-case name → canonical value, sorted by name; one name written in two cases is
/// one header with both values, comma-separated.
std::map<std::string, std::string> canonical_headers(const std::map<std::string, std::string>& headers)
{
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : headers) {
        auto [at, fresh] = out.try_emplace(lower(name), canonical_value(value));
        if (!fresh) {
            at->second += "," + canonical_value(value);
        }
    }
    return out;
}

std::string signed_header_names(const std::map<std::string, std::string>& canonical)
{
    std::string names;
    for (const auto& entry : canonical) {
        names += (names.empty() ? "" : ";") + entry.first;
    }
    return names;
}

std::string header_value(const SigV4Request& request, std::string_view wanted)
{
    for (const auto& [name, value] : request.headers) {
        if (lower(name) == wanted) {
            return value;
        }
    }
    return {};
}

std::string scope_of(const SigV4Request& request, const SigV4Key& key)
{
    return header_value(request, "x-amz-date").substr(0, 8) + "/" + key.region + "/" + key.service + "/aws4_request";
}

} // namespace

std::string sha256_hex(std::string_view data)
{
    Digest digest{};
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
    return hex(digest.data(), digest.size());
}

std::string aws_uri_encode(std::string_view text, bool keep_slash)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/')) {
            out += c;
        } else {
            out += '%';
            out += digits[byte >> 4];
            out += digits[byte & 0x0f];
        }
    }
    return out;
}

std::string amz_date(std::chrono::system_clock::time_point time)
{
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::array<char, 17> text{};
    std::strftime(text.data(), text.size(), "%Y%m%dT%H%M%SZ", &utc);
    return text.data();
}

std::string sigv4_canonical_request(const SigV4Request& request)
{
    std::vector<std::pair<std::string, std::string>> query;
    for (const auto& [name, value] : request.query) {
        query.emplace_back(aws_uri_encode(name, false), aws_uri_encode(value, false));
    }
    std::sort(query.begin(), query.end());
    std::string canonical_query;
    for (const auto& [name, value] : query) {
        canonical_query += (canonical_query.empty() ? "" : "&") + name + "=" + value;
    }
    const auto headers = canonical_headers(request.headers);
    std::string header_lines;
    for (const auto& [name, value] : headers) {
        header_lines += name + ":" + value + "\n";
    }
    const std::string path = request.path.empty() ? "/" : aws_uri_encode(request.path, true);
    return request.method + "\n" + path + "\n" + canonical_query + "\n" + header_lines + "\n" +
           signed_header_names(headers) + "\n" + request.payload_sha256;
}

std::string sigv4_string_to_sign(const SigV4Request& request, const SigV4Key& key)
{
    return "AWS4-HMAC-SHA256\n" + header_value(request, "x-amz-date") + "\n" + scope_of(request, key) + "\n" +
           sha256_hex(sigv4_canonical_request(request));
}

std::string sigv4_authorization(const SigV4Request& request, const SigV4Key& key)
{
    const std::string date = header_value(request, "x-amz-date").substr(0, 8);
    const Digest date_key = hmac_sha256("AWS4" + key.secret_key, date);
    const Digest region_key = hmac_sha256(as_view(date_key), key.region);
    const Digest service_key = hmac_sha256(as_view(region_key), key.service);
    const Digest signing_key = hmac_sha256(as_view(service_key), "aws4_request");
    const Digest signature = hmac_sha256(as_view(signing_key), sigv4_string_to_sign(request, key));
    return "AWS4-HMAC-SHA256 Credential=" + key.access_key + "/" + scope_of(request, key) +
           ", SignedHeaders=" + signed_header_names(canonical_headers(request.headers)) +
           ", Signature=" + hex(signature.data(), signature.size());
}

} // namespace scsctl::openstack
