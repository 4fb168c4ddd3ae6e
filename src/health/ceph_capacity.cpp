// See ceph_capacity.hpp. Ceph 16's `ceph df`: "stats" holds total_bytes,
// total_used_raw_bytes and total_used_raw_ratio; each of "pools" has "name" and "stats"
// with stored, percent_used (a ratio) and max_avail. When the OSDs are full, max_avail is
// 0 for every pool, including empty ones: only pools holding data count as full then.
#include "health/ceph_capacity.hpp"

#include <algorithm>
#include <cstdio>

namespace scsctl::health {

namespace {

std::uint64_t bytes_at(const nlohmann::json& object, const char* key)
{
    const auto found = object.find(key);
    return found != object.end() && found->is_number_unsigned() ? found->get<std::uint64_t>() : 0;
}

double ratio_at(const nlohmann::json& object, const char* key, double fallback)
{
    const auto found = object.find(key);
    return found != object.end() && found->is_number() ? found->get<double>() : fallback;
}

std::string percent(double ratio)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", ratio * 100.0);
    return text;
}

std::string size_text(std::uint64_t bytes)
{
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < std::size(units)) {
        value /= 1024.0;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

CapacityLevel level_of(double ratio, const CephRatios& ratios)
{
    return ratio >= ratios.full ? CapacityLevel::full : ratio >= ratios.nearfull ? CapacityLevel::nearfull : CapacityLevel::ok;
}

const char* level_name(CapacityLevel level)
{
    return level == CapacityLevel::full ? "full" : level == CapacityLevel::nearfull ? "nearfull" : "ok";
}

} // namespace

CephCapacity parse_ceph_df(const nlohmann::json& df)
{
    CephCapacity capacity;
    if (!df.is_object()) {
        return capacity;
    }
    if (const auto stats = df.find("stats"); stats != df.end() && stats->is_object()) {
        capacity.total_bytes = bytes_at(*stats, "total_bytes");
        capacity.used_raw_bytes = bytes_at(*stats, "total_used_raw_bytes");
        capacity.raw_ratio = ratio_at(*stats, "total_used_raw_ratio",
                                      capacity.total_bytes == 0 ? 0.0
                                                                : static_cast<double>(capacity.used_raw_bytes) /
                                                                      static_cast<double>(capacity.total_bytes));
    }
    if (const auto pools = df.find("pools"); pools != df.end() && pools->is_array()) {
        for (const auto& pool : *pools) {
            if (!pool.is_object()) {
                continue;
            }
            CephPoolUsage usage;
            usage.name = pool.value("name", std::string{});
            if (const auto stats = pool.find("stats"); stats != pool.end() && stats->is_object()) {
                usage.used_ratio = ratio_at(*stats, "percent_used", 0.0);
                usage.stored = bytes_at(*stats, "stored");
                usage.max_avail = bytes_at(*stats, "max_avail");
            }
            capacity.pools.push_back(std::move(usage));
        }
    }
    return capacity;
}

CephRatios parse_osd_ratios(const nlohmann::json& osd_dump)
{
    CephRatios ratios;
    if (!osd_dump.is_object()) {
        return ratios;
    }
    const double nearfull = ratio_at(osd_dump, "nearfull_ratio", 0);
    const double full = ratio_at(osd_dump, "full_ratio", 0);
    if (nearfull > 0 && nearfull <= 1) {
        ratios.nearfull = nearfull;
    }
    if (full > 0 && full <= 1) {
        ratios.full = full;
    }
    return ratios;
}

CapacityVerdict judge_ceph_capacity(const CephCapacity& capacity, const CephRatios& ratios)
{
    CapacityVerdict verdict;
    if (capacity.total_bytes == 0) {
        verdict.level = CapacityLevel::full;
        verdict.detail = "full: the cluster reports no capacity (no OSD up and in)";
        return verdict;
    }
    verdict.level = level_of(capacity.raw_ratio, ratios);
    std::vector<std::string> notes;
    for (const auto& pool : capacity.pools) {
        auto level = level_of(pool.used_ratio, ratios);
        if (pool.max_avail == 0 && pool.stored > 0) {
            level = CapacityLevel::full;
        }
        if (level != CapacityLevel::ok) {
            notes.push_back("pool " + pool.name + " " + percent(pool.used_ratio) + " " + level_name(level));
        }
        verdict.level = std::max(verdict.level, level);
    }
    std::string text = "raw " + percent(capacity.raw_ratio) + " used (" + size_text(capacity.used_raw_bytes) + " of " +
                       size_text(capacity.total_bytes) + "), " + std::to_string(capacity.pools.size()) + " pools";
    auto fullest = std::max_element(capacity.pools.begin(), capacity.pools.end(),
                                    [](const auto& a, const auto& b) { return a.used_ratio < b.used_ratio; });
    if (fullest != capacity.pools.end()) {
        text += ", fullest " + fullest->name + " " + percent(fullest->used_ratio);
    }
    text += "; nearfull at " + percent(ratios.nearfull) + ", full at " + percent(ratios.full);
    for (const auto& note : notes) {
        text += "; " + note;
    }
    verdict.detail = verdict.level == CapacityLevel::ok ? text : std::string(level_name(verdict.level)) + ": " + text;
    return verdict;
}

} // namespace scsctl::health
