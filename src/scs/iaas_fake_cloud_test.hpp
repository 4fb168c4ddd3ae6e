// FakeCloud: an in-memory openstack::CloudApi for the unit tests of the SCS IaaS testcases.
// It replays JSON answers shaped like the real services' (Nova, Glance, Cinder, Neutron,
// Barbican API references), routed by method, catalog type and path, and records every
// request so that tests can assert headers and writes. Test code only.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "openstack/cloud_api.hpp"

namespace scsctl::scs::testing {

class FakeCloud : public openstack::CloudApi {
  public:
    explicit FakeCloud(std::vector<std::string> service_types = {"compute", "identity", "image", "network",
                                                                 "block-storage", "key-manager"})
    {
        for (auto& type : service_types) {
            m_catalog.push_back({type, type, {{"public", "RegionOne", "https://" + type + ".example"}}});
        }
    }

    /// Answers `method` `service` `path` with `status` and `body`; several answers for one
    /// route are given in turn, the last one repeating.
    void on(const std::string& method, const std::string& service, const std::string& path, long status,
            nlohmann::json body = nullptr)
    {
        openstack::ApiResponse response;
        response.status = status;
        response.body = std::move(body);
        m_routes[method + " " + service + " " + path].push_back(std::move(response));
    }
    /// Every request to `service` fails as if the host were unreachable.
    void break_service(const std::string& service) { m_broken.push_back(service); }

    std::vector<std::string> roles_list{"member", "reader"};
    std::vector<openstack::ApiRequest> requests;

    /// The requests with `method` (e.g. the writes: POST, DELETE).
    std::vector<openstack::ApiRequest> requests_with(const std::string& method) const
    {
        std::vector<openstack::ApiRequest> found;
        for (const auto& request : requests) {
            if (request.method == method) {
                found.push_back(request);
            }
        }
        return found;
    }

    const std::vector<openstack::CatalogService>& catalog() const override { return m_catalog; }
    const std::vector<std::string>& roles() const override { return roles_list; }
    const std::string& project_id() const override { return m_project_id; }
    const std::string& project_name() const override { return m_project_name; }

    core::Result<openstack::ApiResponse> send(const openstack::ApiRequest& request) override
    {
        requests.push_back(request);
        bool listed = false;
        for (const auto& service : m_catalog) {
            listed = listed || service.type == request.service_type;
        }
        if (!listed) {
            return core::fail({core::ErrorKind::failed, "no service of type " + request.service_type + " in the catalog", {}});
        }
        for (const auto& broken : m_broken) {
            if (broken == request.service_type) {
                return core::fail({core::ErrorKind::unreachable, "connection refused", {}});
            }
        }
        const auto found = m_routes.find(request.method + " " + request.service_type + " " + request.path);
        if (found == m_routes.end() || found->second.empty()) {
            openstack::ApiResponse missing;
            missing.status = 404;
            missing.body = {{"itemNotFound", {{"code", 404}, {"message", "The resource could not be found."}}}};
            return missing;
        }
        auto response = found->second.front();
        if (found->second.size() > 1) {
            found->second.pop_front();
        }
        return response;
    }

  private:
    std::vector<openstack::CatalogService> m_catalog;
    std::map<std::string, std::deque<openstack::ApiResponse>> m_routes;
    std::vector<std::string> m_broken;
    std::string m_project_id = "8a7c1a2b9d3e4f5a6b7c8d9e0f1a2b3c";
    std::string m_project_name = "scs-check";
};

} // namespace scsctl::scs::testing
