// IaasSubject: the cloud under test as the SCS IaaS testcases read it, over
// openstack::CloudApi only. Lists that several testcases share (flavors with extra_specs,
// public and community images, volume types, the catalog's service types) are fetched
// once, on first use, with the API calls the reference runner makes, and kept (a failed
// fetch too, so that every testcase needing it aborts with the same message).
// Depends on core and openstack.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "openstack/cloud_api.hpp"

namespace scsctl::scs {

using JsonList = std::vector<nlohmann::json>;

/// The system clock in Unix seconds.
std::int64_t unix_now();

class IaasSubject {
  public:
    explicit IaasSubject(openstack::CloudApi& api) : m_api(api) {}

    openstack::CloudApi& api() { return m_api; }

    /// "Now" in Unix seconds for the date rules of scs-0102 (the system clock unless set).
    std::int64_t now() const { return m_now; }
    void set_now(std::int64_t unix_seconds) { m_now = unix_seconds; }

    /// Nova `GET /flavors/detail` at microversion 2.61 (each flavor with its extra_specs),
    /// all pages.
    const core::Result<JsonList>& flavors();
    /// Glance `GET /v2/images?member_status=all`, all pages, keeping the images whose
    /// visibility is public or community.
    const core::Result<JsonList>& images();
    /// Cinder `GET /types`.
    const core::Result<JsonList>& volume_types();
    /// The catalog's service types.
    std::set<std::string> service_types() const;
    bool has_service(std::string_view type) const;

  private:
    openstack::CloudApi& m_api;
    std::int64_t m_now = unix_now();
    std::optional<core::Result<JsonList>> m_flavors;
    std::optional<core::Result<JsonList>> m_images;
    std::optional<core::Result<JsonList>> m_volume_types;
};

/// Sends `request`; an answer outside 2xx becomes an error (kind failed) naming the method,
/// service, path and HTTP status with the start of the body.
core::Result<openstack::ApiResponse> send_expecting_success(openstack::CloudApi& api,
                                                            const openstack::ApiRequest& request);

/// `request` as a GET of `path` on `service_type`.
openstack::ApiRequest get_request(std::string service_type, std::string path);

/// "METHOD service path: HTTP 404 …" for messages.
std::string describe_failure(const openstack::ApiRequest& request, const openstack::ApiResponse& response);

/// The string member `key` of `object`, or "" when it is missing, null or not a string.
std::string string_member(const nlohmann::json& object, std::string_view key);

} // namespace scsctl::scs
