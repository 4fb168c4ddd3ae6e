// "Does every endpoint of the catalog answer?": a GET on each catalog endpoint of a
// session, with its status and latency. Shared by `scsctl openstack catalog` and the
// openstack-api health check. Depends on core and cloud_api.hpp.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "openstack/cloud_api.hpp"

namespace scsctl::openstack {

struct EndpointProbe {
    std::string service_type;
    std::string service_name;
    CatalogEndpoint endpoint;
    bool answers = false; ///< an HTTP status below 500 came back
    long status = 0;      ///< 0 when nothing came back
    std::string problem;  ///< why it does not answer (connection error or HTTP 5xx)
    std::chrono::milliseconds latency{0};
};

/// Probes every endpoint of `api`'s catalog, in catalog order.
std::vector<EndpointProbe> probe_catalog(CloudApi& api);

} // namespace scsctl::openstack
