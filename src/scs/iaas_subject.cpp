// The shared lists of the SCS IaaS testcases and the request helpers. Paging follows the
// services' own links (Nova's `flavors_links`, Glance's `next`), with a bound so that a
// cloud that links a page to itself cannot keep the check running.
#include "scs/iaas_subject.hpp"

#include <algorithm>
#include <chrono>

namespace scsctl::scs {

namespace {

constexpr std::size_t k_max_pages = 10000;
constexpr std::size_t k_body_excerpt = 200;

core::Error fetch_error(std::string message)
{
    return {core::ErrorKind::failed, std::move(message), {}};
}

/// The items of `key` in a list answer, or an error when the body is not shaped like one.
core::Result<JsonList> items_of(const openstack::ApiRequest& request, const openstack::ApiResponse& response,
                                std::string_view key)
{
    const auto& body = response.body;
    if (!body.is_object() || !body.contains(key) || !body.at(std::string(key)).is_array()) {
        return core::fail(fetch_error(request.method + " " + request.service_type + " " + request.path +
                                      ": the answer has no list '" + std::string(key) + "'"));
    }
    JsonList items;
    for (const auto& item : body.at(std::string(key))) {
        items.push_back(item);
    }
    return items;
}

/// Nova's next-page link, as a path below the compute endpoint ("" when there is none).
std::string nova_next_path(const nlohmann::json& body)
{
    if (!body.contains("flavors_links") || !body["flavors_links"].is_array()) {
        return {};
    }
    for (const auto& link : body["flavors_links"]) {
        if (string_member(link, "rel") != "next") {
            continue;
        }
        const std::string href = string_member(link, "href");
        const auto query = href.find('?');
        return query == std::string::npos ? std::string{} : "/flavors/detail" + href.substr(query);
    }
    return {};
}

core::Result<JsonList> fetch_flavors(openstack::CloudApi& api)
{
    JsonList flavors;
    std::string path = "/flavors/detail";
    for (std::size_t page = 0; !path.empty() && page < k_max_pages; ++page) {
        auto request = get_request("compute", path);
        request.headers["OpenStack-API-Version"] = "compute 2.61";
        auto response = SCSCTL_TRY(send_expecting_success(api, request));
        auto items = SCSCTL_TRY(items_of(request, response, "flavors"));
        std::move(items.begin(), items.end(), std::back_inserter(flavors));
        const std::string next = nova_next_path(response.body);
        path = next == path ? std::string{} : next;
    }
    return flavors;
}

core::Result<JsonList> fetch_images(openstack::CloudApi& api)
{
    JsonList images;
    std::string path = "/v2/images?member_status=all";
    for (std::size_t page = 0; !path.empty() && page < k_max_pages; ++page) {
        const auto request = get_request("image", path);
        auto response = SCSCTL_TRY(send_expecting_success(api, request));
        auto items = SCSCTL_TRY(items_of(request, response, "images"));
        for (auto& image : items) {
            const std::string visibility = string_member(image, "visibility");
            if (visibility == "public" || visibility == "community") {
                images.push_back(std::move(image));
            }
        }
        const std::string next = string_member(response.body, "next");
        path = next == path ? std::string{} : next;
    }
    return images;
}

/// The block storage service under any of the types the catalog may list it by (the
/// OpenStack SDK accepts the same aliases).
std::string block_storage_type(const openstack::CloudApi& api)
{
    for (const char* type : {"block-storage", "volumev3", "volume"}) {
        for (const auto& service : api.catalog()) {
            if (service.type == type) {
                return type;
            }
        }
    }
    return "block-storage";
}

core::Result<JsonList> fetch_volume_types(openstack::CloudApi& api)
{
    const auto request = get_request(block_storage_type(api), "/types");
    auto response = SCSCTL_TRY(send_expecting_success(api, request));
    return items_of(request, response, "volume_types");
}

} // namespace

std::int64_t unix_now()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const core::Result<JsonList>& IaasSubject::flavors()
{
    if (!m_flavors) {
        m_flavors = fetch_flavors(m_api);
    }
    return *m_flavors;
}

const core::Result<JsonList>& IaasSubject::images()
{
    if (!m_images) {
        m_images = fetch_images(m_api);
    }
    return *m_images;
}

const core::Result<JsonList>& IaasSubject::volume_types()
{
    if (!m_volume_types) {
        m_volume_types = fetch_volume_types(m_api);
    }
    return *m_volume_types;
}

std::set<std::string> IaasSubject::service_types() const
{
    std::set<std::string> types;
    for (const auto& service : m_api.catalog()) {
        types.insert(service.type);
    }
    return types;
}

bool IaasSubject::has_service(std::string_view type) const
{
    const auto& catalog = m_api.catalog();
    return std::any_of(catalog.begin(), catalog.end(), [&](const auto& service) { return service.type == type; });
}

openstack::ApiRequest get_request(std::string service_type, std::string path)
{
    openstack::ApiRequest request;
    request.service_type = std::move(service_type);
    request.path = std::move(path);
    return request;
}

std::string describe_failure(const openstack::ApiRequest& request, const openstack::ApiResponse& response)
{
    std::string text = request.method + " " + request.service_type + " " + request.path + ": HTTP " +
                       std::to_string(response.status);
    std::string excerpt = response.body.is_null() ? response.raw_body : response.body.dump();
    if (excerpt.size() > k_body_excerpt) {
        excerpt = excerpt.substr(0, k_body_excerpt) + "…";
    }
    std::replace(excerpt.begin(), excerpt.end(), '\n', ' ');
    return excerpt.empty() ? text : text + " " + excerpt;
}

core::Result<openstack::ApiResponse> send_expecting_success(openstack::CloudApi& api,
                                                            const openstack::ApiRequest& request)
{
    auto response = api.send(request);
    if (!response) {
        auto error = response.error();
        error.message = request.method + " " + request.service_type + " " + request.path + ": " + error.message;
        return core::fail(std::move(error));
    }
    if (response->status < 200 || response->status >= 300) {
        return core::fail(fetch_error(describe_failure(request, *response)));
    }
    return response;
}

std::string string_member(const nlohmann::json& object, std::string_view key)
{
    if (!object.is_object()) {
        return {};
    }
    const auto found = object.find(std::string(key));
    if (found == object.end() || !found->is_string()) {
        return {};
    }
    return found->get<std::string>();
}

} // namespace scsctl::scs
