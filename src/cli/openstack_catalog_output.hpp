// What `scsctl openstack catalog` prints: the token's project and roles and every catalog
// endpoint with whether it answers, as aligned text or as one JSON object
// (docs/openstack.md). Depends on core and the openstack library's data types.
#pragma once

#include <string>
#include <vector>

#include "core/value.hpp"
#include "openstack/catalog_probe.hpp"
#include "openstack/cloud_config.hpp"

namespace scsctl::cli {

struct CatalogReport {
    std::string cloud;        ///< empty when OS_* and flags only
    std::string clouds_file;  ///< empty when none was read
    std::string auth_url;
    std::string project_id;
    std::string project_name;
    std::vector<std::string> roles;
    long token_latency_ms = 0;
    std::vector<openstack::EndpointProbe> probes;
};

core::Value catalog_report_json(const CatalogReport& report);
std::string catalog_report_text(const CatalogReport& report);

} // namespace scsctl::cli
