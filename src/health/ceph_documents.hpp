// Reading JSON documents from a Ceph cluster for the ceph layer's checks: monitor
// commands ("status", "df", "osd dump") through librados from the controller, with
// client.admin's key fetched over scsctl's transport and held in memory only; when the
// monitors cannot be reached from here, `ceph PREFIX --format json` run over the
// transport on the first monitor that answers. Depends on health's support and
// rados_status (when librados is built in).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "health/health_check.hpp"

namespace scsctl::health {

struct CephDocuments {
    std::vector<nlohmann::json> answers; ///< one per prefix, in order, when `error` is empty
    std::string source;                  ///< "librados" or "ceph PREFIXES on HOST"
    std::string error;                   ///< why neither way worked
};

/// The answers to `prefixes` from the cluster whose monitors are `context.hosts`.
CephDocuments read_ceph_documents(const CheckContext& context, const std::vector<std::string>& prefixes);

} // namespace scsctl::health
