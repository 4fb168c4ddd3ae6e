// Reading `ceph status` JSON. Ceph 16 (Debian 12) puts the OSD counts directly under
// "osdmap"; Ceph 15 and older nest them in "osdmap"."osdmap": both are read.
#include "health/ceph_status.hpp"

#include <algorithm>

namespace scsctl::health {

namespace {

int int_at(const nlohmann::json& object, const char* key)
{
    if (!object.is_object()) {
        return 0;
    }
    const auto found = object.find(key);
    return found != object.end() && found->is_number_integer() ? found->get<int>() : 0;
}

const nlohmann::json& osd_counts(const nlohmann::json& status)
{
    static const nlohmann::json k_empty = nlohmann::json::object();
    const auto map = status.find("osdmap");
    if (map == status.end() || !map->is_object()) {
        return k_empty;
    }
    const auto nested = map->find("osdmap");
    return nested != map->end() && nested->is_object() ? *nested : *map;
}

void read_health(const nlohmann::json& status, CephStatusSummary& summary)
{
    const auto health = status.find("health");
    if (health == status.end() || !health->is_object()) {
        return;
    }
    summary.health = health->value("status", std::string{});
    const auto checks = health->find("checks");
    if (checks == health->end() || !checks->is_object()) {
        return;
    }
    for (const auto& [name, check] : checks->items()) {
        std::string line = name;
        if (check.is_object() && check.contains("summary") && check["summary"].is_object()) {
            line += ": " + check["summary"].value("message", std::string{});
        }
        summary.checks.push_back(std::move(line));
    }
    std::sort(summary.checks.begin(), summary.checks.end());
}

void read_pgs(const nlohmann::json& status, CephStatusSummary& summary)
{
    const auto pgmap = status.find("pgmap");
    if (pgmap == status.end() || !pgmap->is_object()) {
        return;
    }
    summary.pgs = int_at(*pgmap, "num_pgs");
    const auto states = pgmap->find("pgs_by_state");
    if (states == pgmap->end() || !states->is_array()) {
        return;
    }
    for (const auto& state : *states) {
        const std::string name = state.value("state_name", std::string{});
        const int count = int_at(state, "count");
        summary.pg_states.push_back(std::to_string(count) + " " + name);
        if (name == "active+clean") {
            summary.pgs_active_clean += count;
        }
    }
}

void read_monitors(const nlohmann::json& status, CephStatusSummary& summary)
{
    const auto quorum = status.find("quorum_names");
    if (quorum != status.end() && quorum->is_array()) {
        for (const auto& name : *quorum) {
            if (name.is_string()) {
                summary.quorum.push_back(name.get<std::string>());
            }
        }
    }
    const auto monmap = status.find("monmap");
    if (monmap != status.end() && monmap->is_object()) {
        summary.monitors = int_at(*monmap, "num_mons");
        const auto mons = monmap->find("mons");
        if (summary.monitors == 0 && mons != monmap->end() && mons->is_array()) {
            summary.monitors = static_cast<int>(mons->size());
        }
    }
}

std::string join(const std::vector<std::string>& items, const char* separator)
{
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : separator) + item;
    }
    return out;
}

} // namespace

CephStatusSummary summarize_ceph_status(const nlohmann::json& status)
{
    CephStatusSummary summary;
    if (!status.is_object()) {
        return summary;
    }
    read_health(status, summary);
    const auto& osds = osd_counts(status);
    summary.osds = int_at(osds, "num_osds");
    summary.osds_up = int_at(osds, "num_up_osds");
    summary.osds_in = int_at(osds, "num_in_osds");
    read_pgs(status, summary);
    read_monitors(status, summary);
    return summary;
}

std::vector<std::string> ceph_status_problems(const CephStatusSummary& summary)
{
    std::vector<std::string> problems;
    if (summary.health.empty()) {
        problems.push_back("the status has no health field (not a Ceph status document)");
        return problems;
    }
    if (summary.health == "HEALTH_ERR") {
        problems.push_back("HEALTH_ERR: " + join(summary.checks, "; "));
    }
    if (summary.osds == 0) {
        problems.push_back("no OSDs");
    } else {
        if (summary.osds_up < summary.osds) {
            problems.push_back(std::to_string(summary.osds - summary.osds_up) + " of " +
                               std::to_string(summary.osds) + " OSDs down");
        }
        if (summary.osds_in < summary.osds) {
            problems.push_back(std::to_string(summary.osds - summary.osds_in) + " of " +
                               std::to_string(summary.osds) + " OSDs out");
        }
    }
    if (summary.pgs_active_clean < summary.pgs) {
        problems.push_back(std::to_string(summary.pgs - summary.pgs_active_clean) + " of " +
                           std::to_string(summary.pgs) + " PGs not active+clean (" + join(summary.pg_states, ", ") +
                           ")");
    }
    if (summary.monitors > 0 && static_cast<int>(summary.quorum.size()) < summary.monitors) {
        problems.push_back("quorum has " + std::to_string(summary.quorum.size()) + " of " +
                           std::to_string(summary.monitors) + " monitors (" + join(summary.quorum, ",") + ")");
    }
    return problems;
}

std::string describe_ceph_status(const CephStatusSummary& summary)
{
    std::string text = summary.health.empty() ? std::string("no health") : summary.health;
    text += "; " + std::to_string(summary.osds_up) + "/" + std::to_string(summary.osds) + " OSDs up, " +
            std::to_string(summary.osds_in) + "/" + std::to_string(summary.osds) + " in";
    text += "; " + std::to_string(summary.pgs_active_clean) + "/" + std::to_string(summary.pgs) + " PGs active+clean";
    text += "; quorum " + (summary.quorum.empty() ? std::string("none") : join(summary.quorum, ","));
    if (!summary.checks.empty() && summary.health != "HEALTH_OK") {
        text += " (" + join(summary.checks, "; ") + ")";
    }
    return text;
}

} // namespace scsctl::health
