// How full a Ceph cluster is, as scsctl's ceph-capacity check judges it: the raw usage
// and each pool's, from `ceph df --format json`, against the cluster's own nearfull and
// full ratios from `ceph osd dump --format json` (the same documents librados returns for
// {"prefix": "df"} and {"prefix": "osd dump"}). Pure; depends on nlohmann-json only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace scsctl::health {

struct CephRatios {
    double nearfull = 0.85; ///< Ceph's defaults (mon_osd_nearfull_ratio, mon_osd_full_ratio)
    double full = 0.95;
};

struct CephPoolUsage {
    std::string name;
    double used_ratio = 0;        ///< "percent_used": a ratio 0..1 since Ceph 14
    std::uint64_t stored = 0;     ///< bytes of user data
    std::uint64_t max_avail = 0;  ///< bytes the pool can still take before the OSDs are full
};

struct CephCapacity {
    std::uint64_t total_bytes = 0;
    std::uint64_t used_raw_bytes = 0;
    double raw_ratio = 0; ///< total_used_raw_ratio
    std::vector<CephPoolUsage> pools; ///< as `ceph df` lists them
};

enum class CapacityLevel { ok, nearfull, full };

struct CapacityVerdict {
    CapacityLevel level = CapacityLevel::ok;
    std::string detail; ///< one line: raw usage, the ratios, the fullest pools
};

/// The usage of a `ceph df` document; missing fields read as zero.
CephCapacity parse_ceph_df(const nlohmann::json& df);

/// The nearfull and full ratios of an `osd dump` document; Ceph's defaults where absent.
CephRatios parse_osd_ratios(const nlohmann::json& osd_dump);

/// full when the raw usage reaches the full ratio, or a pool's usage does, or a pool that
/// holds data has nothing left (max_avail 0); nearfull when the raw usage or a pool's
/// reaches the nearfull ratio; a cluster that reports no capacity at all (no OSD in) is
/// full too, since nothing can be written.
CapacityVerdict judge_ceph_capacity(const CephCapacity& capacity, const CephRatios& ratios);

} // namespace scsctl::health
