// libcurl easy handle per request (see http.hpp for why no reuse). Replies are capped;
// the error buffer never holds request headers, so messages stay free of tokens.
#include "openstack/http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>

namespace scsctl::openstack {

namespace {

constexpr std::size_t k_max_reply = 64u * 1024 * 1024;

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* target)
{
    auto& out = *static_cast<std::string*>(target);
    if (out.size() + size * count > k_max_reply) {
        return 0;
    }
    out.append(data, size * count);
    return size * count;
}

std::string trimmed(std::string text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
        text.pop_back();
    }
    std::size_t start = 0;
    while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start])) != 0) {
        ++start;
    }
    return text.substr(start);
}

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* target)
{
    auto& headers = *static_cast<std::map<std::string, std::string>*>(target);
    const std::string line(data, size * count);
    if (line.starts_with("HTTP/")) {
        headers.clear(); // a new response (after a 100 Continue or a redirect)
    } else if (const auto colon = line.find(':'); colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        headers[name] = trimmed(line.substr(colon + 1));
    }
    return size * count;
}

std::string problem(CURLcode code, const char* detail, long os_errno)
{
    switch (code) {
    case CURLE_COULDNT_CONNECT:
        if (os_errno == ECONNREFUSED) {
            return "connection refused";
        }
        return "cannot connect" +
               (os_errno != 0 ? " (" + std::string(std::strerror(static_cast<int>(os_errno))) + ")" : std::string());
    case CURLE_COULDNT_RESOLVE_HOST:
        return "unknown host";
    case CURLE_OPERATION_TIMEDOUT:
        return "no answer in time";
    case CURLE_GOT_NOTHING:
        return "the server closed the connection without a reply";
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        return "connection reset";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
        return "TLS: " + std::string(detail != nullptr && *detail != '\0' ? detail : curl_easy_strerror(code));
    case CURLE_WRITE_ERROR:
        return "reply larger than " + std::to_string(k_max_reply / (1024 * 1024)) + " MiB";
    default:
        return detail != nullptr && *detail != '\0' ? detail : curl_easy_strerror(code);
    }
}

void set_request(CURL* handle, const HttpRequest& request, curl_slist* headers)
{
    curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "HEAD") {
        curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
    }
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
}

/// Deadlines, TLS verification, no signals (threads), http(s) only, no connection reuse.
void set_transfer(CURL* handle, const HttpOptions& options)
{
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    const long timeout_ms = std::max(1L, options.timeout_seconds) * 1000;
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, std::min(timeout_ms, 10000L));
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, options.verify ? 1L : 0L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, options.verify ? 2L : 0L);
    if (!options.cacert.empty()) {
        curl_easy_setopt(handle, CURLOPT_CAINFO, options.cacert.c_str());
    }
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

} // namespace

std::string url_origin(const std::string& url)
{
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) {
        return url.substr(0, url.find('/'));
    }
    const auto end = url.find_first_of("/?#", scheme + 3);
    std::string authority = url.substr(scheme + 3, end == std::string::npos ? std::string::npos : end - scheme - 3);
    if (const auto at = authority.rfind('@'); at != std::string::npos) {
        authority = authority.substr(at + 1);
    }
    return url.substr(0, scheme + 3) + authority;
}

core::Result<HttpReply> perform(const HttpRequest& request, const HttpOptions& options)
{
    static std::once_flag global_init;
    std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) {
        return core::fail(core::Error{core::ErrorKind::internal, "cannot start libcurl", {}});
    }
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    for (const auto& [name, value] : request.headers) {
        const std::string line = name + ": " + value;
        curl_slist* appended = curl_slist_append(headers.get(), line.c_str());
        if (appended == nullptr) {
            return core::fail(core::Error{core::ErrorKind::internal, "out of memory for request headers", {}});
        }
        (void)headers.release();
        headers.reset(appended);
    }
    HttpReply reply;
    char detail[CURL_ERROR_SIZE] = {};
    CURL* handle = curl.get();
    set_request(handle, request, headers.get());
    set_transfer(handle, options);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &reply.headers);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, detail);
    const auto started = std::chrono::steady_clock::now();
    const CURLcode code = curl_easy_perform(handle);
    reply.latency =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    long os_errno = 0;
    curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &os_errno);
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply.status);
    if (code != CURLE_OK) {
        return core::fail(core::Error{core::ErrorKind::unreachable,
                                      url_origin(request.url) + ": " + problem(code, detail, os_errno), {}});
    }
    return reply;
}

} // namespace scsctl::openstack
