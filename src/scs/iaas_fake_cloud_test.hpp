// FakeCloud: an in-memory openstack::CloudApi for the unit tests of the SCS IaaS testcases.
// It replays JSON answers shaped like the real services' (Nova, Glance, Cinder, Neutron,
// Barbican, Keystone, Swift API references), routed by method, catalog type and path, and
// records every request so that tests can assert headers and writes. Its S3 side is a
// small model of s3api (a list of buckets: ListBuckets as XML, CreateBucket, DeleteBucket).
// Test code only.
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <optional>
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
    /// Like `on`, dropping the answers given for the route before.
    void replace(const std::string& method, const std::string& service, const std::string& path, long status,
                 nlohmann::json body = nullptr)
    {
        m_routes.erase(method + " " + service + " " + path);
        on(method, service, path, status, std::move(body));
    }
    /// Every request to `service` fails as if the host were unreachable.
    void break_service(const std::string& service) { m_broken.push_back(service); }

    /// The catalog URL of `service` (its endpoints all get `url`).
    void set_endpoint(const std::string& service, const std::string& url)
    {
        for (auto& entry : m_catalog) {
            if (entry.type == service) {
                for (auto& endpoint : entry.endpoints) {
                    endpoint.url = url;
                }
            }
        }
    }

    /// Called with each request before it is answered (e.g. to change routes as a write would).
    std::function<void(const openstack::ApiRequest&)> observe;

    std::vector<std::string> roles_list{"member", "reader"};
    std::string user_id_value = "b5c2e1d0a9f84e7d6c5b4a3f2e1d0c9b";
    std::vector<openstack::ApiRequest> requests;

    // The S3 model: the buckets in order; a ListBuckets body that replaces the real one;
    // CreateBucket that answers 200 but creates nothing; an unreachable endpoint.
    std::vector<std::string> s3_buckets;
    std::optional<std::string> s3_list_body;
    bool s3_create_ignored = false;
    bool s3_unreachable = false;
    std::vector<openstack::S3Request> s3_requests;

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
    const std::string& user_id() const override { return user_id_value; }

    core::Result<openstack::ApiResponse> send_s3(const openstack::S3Request& request) override
    {
        s3_requests.push_back(request);
        if (s3_unreachable) {
            return core::fail({core::ErrorKind::unreachable, request.endpoint + ": connection refused", {}});
        }
        openstack::ApiResponse response;
        response.status = 200;
        const std::string bucket = request.path.substr(1);
        const auto found = std::find(s3_buckets.begin(), s3_buckets.end(), bucket);
        if (request.method == "GET" && request.path == "/") {
            response.raw_body = s3_list_body ? *s3_list_body : list_buckets_xml();
        } else if (request.method == "PUT") {
            if (found == s3_buckets.end() && !s3_create_ignored) {
                s3_buckets.push_back(bucket);
            }
        } else if (request.method == "DELETE" && found != s3_buckets.end()) {
            s3_buckets.erase(found);
            response.status = 204;
        } else {
            response.status = 404;
            response.raw_body = "<?xml version='1.0' encoding='UTF-8'?>\n<Error><Code>NoSuchBucket</Code>"
                                "<Message>The specified bucket does not exist.</Message></Error>";
        }
        return response;
    }

    core::Result<openstack::ApiResponse> send(const openstack::ApiRequest& request) override
    {
        requests.push_back(request);
        if (observe) {
            observe(request);
        }
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
    /// ListAllMyBucketsResult as s3api writes it.
    std::string list_buckets_xml() const
    {
        std::string xml = "<?xml version='1.0' encoding='UTF-8'?>\n<ListAllMyBucketsResult "
                          "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>" +
                          m_project_id + ":" + user_id_value + "</ID><DisplayName>" + m_project_id +
                          "</DisplayName></Owner><Buckets>";
        for (const auto& bucket : s3_buckets) {
            xml += "<Bucket><Name>" + bucket + "</Name><CreationDate>2009-02-03T16:45:09.000Z</CreationDate></Bucket>";
        }
        return xml + "</Buckets></ListAllMyBucketsResult>";
    }

    std::vector<openstack::CatalogService> m_catalog;
    std::map<std::string, std::deque<openstack::ApiResponse>> m_routes;
    std::vector<std::string> m_broken;
    std::string m_project_id = "8a7c1a2b9d3e4f5a6b7c8d9e0f1a2b3c";
    std::string m_project_name = "scs-check";
};

} // namespace scsctl::scs::testing
