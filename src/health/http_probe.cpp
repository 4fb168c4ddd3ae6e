// See http_probe.hpp. CURLOPT_NOSIGNAL because checks run on the main thread while the
// transport's workers run; CURLOPT_PROTOCOLS_STR keeps a URL from an inventory to http(s).
#include "health/http_probe.hpp"

#include <curl/curl.h>

#include <memory>

namespace scsctl::health {

namespace {

constexpr std::size_t k_body_limit = 4 * 1024 * 1024;

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* body = static_cast<std::string*>(user);
    const std::size_t bytes = size * count;
    if (body->size() + bytes > k_body_limit) {
        return 0; // libcurl stops with CURLE_WRITE_ERROR
    }
    body->append(data, bytes);
    return bytes;
}

struct CurlCloser {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

struct HeaderListCloser {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

} // namespace

core::Result<HttpResponse> http_get(const HttpRequest& request)
{
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    std::unique_ptr<CURL, CurlCloser> curl(initialised ? curl_easy_init() : nullptr);
    if (!curl) {
        return core::fail(core::Error{core::ErrorKind::internal, "libcurl could not be initialised", {}});
    }
    HttpResponse response;
    char error[CURL_ERROR_SIZE] = {};
    std::unique_ptr<curl_slist, HeaderListCloser> headers;
    std::string authorization;
    if (!request.bearer_token.empty()) {
        authorization = "Authorization: Bearer " + request.bearer_token;
        headers.reset(curl_slist_append(nullptr, authorization.c_str()));
    }
    curl_easy_setopt(curl.get(), CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*");
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_SSL_VERIFYHOST, 2L);
    if (!request.ca_file.empty()) {
        curl_easy_setopt(curl.get(), CURLOPT_CAINFO, request.ca_file.c_str());
    }
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    const auto started = std::chrono::steady_clock::now();
    const CURLcode code = curl_easy_perform(curl.get());
    response.elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (!authorization.empty()) {
        authorization.assign(authorization.size(), '\0');
    }
    if (code != CURLE_OK) {
        const std::string reason = error[0] != '\0' ? error : curl_easy_strerror(code);
        return core::fail(core::Error{core::ErrorKind::unreachable, request.url + ": " + reason, {}});
    }
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

} // namespace scsctl::health
