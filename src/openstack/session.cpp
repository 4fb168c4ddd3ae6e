// Endpoint choice and request sending for KeystoneSession (see session.hpp). Catalog URLs
// may carry $(project_id)s; they are expanded with the token's project.
#include "openstack/session.hpp"

#include <algorithm>
#include <array>

namespace scsctl::openstack {

namespace {

constexpr std::size_t k_raw_body_cut = 4096;

/// Service types that name the same API (openstacksdk's service-types-authority aliases).
std::vector<std::string> type_aliases(const std::string& type)
{
    static const std::array<std::vector<std::string>, 3> groups = {{
        {"block-storage", "volumev3", "volumev2", "volume", "block-store"},
        {"compute"},
        {"image"},
    }};
    for (const auto& group : groups) {
        if (std::find(group.begin(), group.end(), type) != group.end()) {
            std::vector<std::string> ordered{type};
            for (const auto& alias : group) {
                if (alias != type) {
                    ordered.push_back(alias);
                }
            }
            return ordered;
        }
    }
    return {type};
}

std::string without_trailing_slash(std::string url)
{
    while (url.ends_with("/")) {
        url.pop_back();
    }
    return url;
}

} // namespace

const CatalogEndpoint* find_endpoint(const std::vector<CatalogService>& catalog, const std::string& service_type,
                                     const std::string& interface, const std::string& region)
{
    for (const auto& type : type_aliases(service_type)) {
        for (const auto& service : catalog) {
            if (service.type != type) {
                continue;
            }
            for (const auto& endpoint : service.endpoints) {
                if (endpoint.interface == interface && (region.empty() || endpoint.region == region)) {
                    return &endpoint;
                }
            }
        }
    }
    return nullptr;
}

ApiResponse to_api_response(HttpReply reply)
{
    ApiResponse response;
    response.status = reply.status;
    response.latency = reply.latency;
    response.headers = std::move(reply.headers);
    if (!reply.body.empty()) {
        response.body = nlohmann::json::parse(reply.body, nullptr, false);
        if (response.body.is_discarded()) {
            response.body = nullptr;
            response.raw_body = reply.body.substr(0, k_raw_body_cut);
        }
    }
    return response;
}

KeystoneSession::KeystoneSession(KeystoneToken token, std::string interface, std::string region, HttpOptions http,
                                 std::chrono::milliseconds auth_latency)
    : m_token(std::move(token)), m_interface(std::move(interface)), m_region(std::move(region)),
      m_http(std::move(http)), m_auth_latency(auth_latency)
{
}

core::Result<std::string> KeystoneSession::endpoint_url(const std::string& service_type) const
{
    const CatalogEndpoint* endpoint = find_endpoint(m_token.catalog, service_type, m_interface, m_region);
    if (endpoint == nullptr) {
        return core::fail(core::Error{core::ErrorKind::failed,
                                      "no '" + service_type + "' service with a " + m_interface + " endpoint" +
                                          (m_region.empty() ? "" : " in region " + m_region) + " in the catalog",
                                      {}});
    }
    return without_trailing_slash(expand_endpoint_url(endpoint->url, m_token.project_id));
}

core::Result<ApiResponse> KeystoneSession::send(const ApiRequest& request)
{
    const std::string base = SCSCTL_TRY(endpoint_url(request.service_type));
    HttpRequest http;
    http.method = request.method;
    http.url = base + request.path;
    http.headers = request.headers;
    http.headers["X-Auth-Token"] = m_token.id;
    http.headers.try_emplace("Accept", "application/json");
    if (request.body) {
        http.body = request.body->dump();
        http.headers.try_emplace("Content-Type", "application/json");
    }
    auto reply = SCSCTL_TRY(perform(http, m_http));
    return to_api_response(std::move(reply));
}

core::Result<ApiResponse> KeystoneSession::get_url(const std::string& url)
{
    HttpRequest http;
    http.url = expand_endpoint_url(url, m_token.project_id);
    http.headers["X-Auth-Token"] = m_token.id;
    http.headers["Accept"] = "application/json";
    auto reply = SCSCTL_TRY(perform(http, m_http));
    return to_api_response(std::move(reply));
}

} // namespace scsctl::openstack
