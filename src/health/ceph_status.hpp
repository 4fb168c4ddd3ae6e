// What a Ceph cluster's status says about its health, as scsctl's ceph checks judge it:
// the health status with its checks, OSDs up and in, placement groups active+clean,
// monitors in quorum. Pure: reads the JSON of `ceph status --format json` (the same
// document librados returns for {"prefix": "status"}). Depends on nlohmann-json only.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace scsctl::health {

struct CephStatusSummary {
    std::string health;                 ///< HEALTH_OK, HEALTH_WARN, HEALTH_ERR ("" if absent)
    std::vector<std::string> checks;    ///< "OSD_DOWN: 1 osds down", sorted by name
    int osds = 0, osds_up = 0, osds_in = 0;
    int pgs = 0, pgs_active_clean = 0;
    std::vector<std::string> pg_states; ///< "8 active+clean", as the cluster reports them
    std::vector<std::string> quorum;    ///< monitor names in quorum
    int monitors = 0;                   ///< monitors in the monmap
};

/// The summary of a status document. Missing fields read as zero/empty: a document
/// that is not a status at all is caught by `ceph_status_problems` (no health).
CephStatusSummary summarize_ceph_status(const nlohmann::json& status);

/// Why the cluster is not healthy, one line each; empty when it is: health not
/// HEALTH_ERR (a warning is reported by `ceph_status_notes`, not a failure), at least one
/// OSD and every OSD up and in, every placement group active+clean, every monitor in
/// quorum.
std::vector<std::string> ceph_status_problems(const CephStatusSummary& summary);

/// One line for a report: "HEALTH_OK; 3/3 OSDs up, 3/3 in; 41/41 PGs active+clean; quorum a,b,c".
std::string describe_ceph_status(const CephStatusSummary& summary);

} // namespace scsctl::health
