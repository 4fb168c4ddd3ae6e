// KeystoneSession: the libcurl CloudApi. Holds a Keystone v3 token with its catalog and
// sends requests to the endpoint of a service type for the configured interface and
// region. Depends on core, cloud_api.hpp, http.hpp, keystone_auth.hpp.
#pragma once

#include <string>

#include "openstack/cloud_api.hpp"
#include "openstack/http.hpp"
#include "openstack/keystone_auth.hpp"

namespace scsctl::openstack {

/// The catalog endpoint for `service_type` (aliases of the block-storage types included)
/// at `interface` and, when not empty, `region`; nullptr when there is none.
const CatalogEndpoint* find_endpoint(const std::vector<CatalogService>& catalog, const std::string& service_type,
                                     const std::string& interface, const std::string& region);

/// ApiResponse of an HTTP reply: JSON body parsed when it is JSON, else raw (cut).
ApiResponse to_api_response(HttpReply reply);

class KeystoneSession final : public CloudApi {
  public:
    KeystoneSession(KeystoneToken token, std::string interface, std::string region, HttpOptions http,
                    std::chrono::milliseconds auth_latency);

    const std::vector<CatalogService>& catalog() const override { return m_token.catalog; }
    const std::vector<std::string>& roles() const override { return m_token.roles; }
    const std::string& project_id() const override { return m_token.project_id; }
    const std::string& project_name() const override { return m_token.project_name; }
    const std::string& user_id() const override { return m_token.user_id; }
    core::Result<std::string> endpoint_url(const std::string& service_type) const override;
    core::Result<ApiResponse> send(const ApiRequest& request) override;
    core::Result<ApiResponse> get_url(const std::string& url) override;
    /// In session_s3.cpp.
    core::Result<ApiResponse> send_s3(const S3Request& request) override;
    std::chrono::milliseconds auth_latency() const override { return m_auth_latency; }

  private:
    KeystoneToken m_token;
    std::string m_interface;
    std::string m_region;
    HttpOptions m_http;
    std::chrono::milliseconds m_auth_latency;
};

} // namespace scsctl::openstack
