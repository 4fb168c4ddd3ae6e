// What `scsctl drift` found: per deployed layer and host, the tasks a check-mode run of
// the layer's deploy.yml would change (with their diffs), or that the host is in line,
// unreachable, or could not be checked; and whether the layer's inputs changed since its
// last deploy. Plain data, filled by report/drift_collector and rendered by
// report/drift_output; secrets are redacted before anything gets here. Depends on std only.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace scsctl::model {

/// One task the check run would change on a host (one per loop item that would change).
struct DriftTask {
    std::string task{};   ///< the display name, with " (item=LABEL)" for a loop item
    std::string action{}; ///< the module
    std::string diff{};   ///< unified diff text; "" when the module has none (command, service, ...)
    bool censored = false; ///< a no_log task: its result and diff are hidden
};

enum class DriftHostStatus { in_line, drifted, unreachable, failed };

inline const char* drift_host_status_name(DriftHostStatus status)
{
    switch (status) {
    case DriftHostStatus::in_line:
        return "no_drift";
    case DriftHostStatus::drifted:
        return "drifted";
    case DriftHostStatus::unreachable:
        return "unreachable";
    case DriftHostStatus::failed:
        return "failed";
    }
    return "failed";
}

struct DriftHost {
    std::string host{};
    DriftHostStatus status = DriftHostStatus::in_line;
    std::vector<DriftTask> tasks{}; ///< what would change (also for a host that then failed)
    std::string error{};            ///< unreachable or failed: the first message
    bool deployed_here = true;    ///< the journal has a successful deploy of the layer on this host
};

/// Whether an input of the layer changed since its last successful deploy: nullopt when
/// that deploy recorded no hash (an older scsctl).
struct DriftInputs {
    std::optional<bool> inventory_changed{};
    std::optional<bool> playbooks_changed{};
};

struct DriftLayer {
    std::string name{};
    std::string version{};    ///< the version now (the playbooks'), "" when not deployed
    bool deployed = false;    ///< false: never deployed per the journal, not checked
    long long last_run = 0;   ///< the last deploy run that succeeded on some host
    std::string last_version{}; ///< the version that run deployed
    double last_deployed_at = 0;
    DriftInputs inputs{};
    std::vector<DriftHost> hosts{}; ///< sorted by host name
};

struct DriftReport {
    std::vector<DriftLayer> layers{}; ///< the selected layers, in dependency order
};

/// Counts over a report, for the summary line and the exit code.
struct DriftCounts {
    int drifted = 0;     ///< layer×host pairs with changes
    int in_line = 0;
    int unreachable = 0;
    int failed = 0;
    int not_deployed = 0; ///< layers skipped
};

inline DriftCounts drift_counts(const DriftReport& report)
{
    DriftCounts counts;
    for (const auto& layer : report.layers) {
        if (!layer.deployed) {
            ++counts.not_deployed;
        }
        for (const auto& host : layer.hosts) {
            switch (host.status) {
            case DriftHostStatus::in_line:
                ++counts.in_line;
                break;
            case DriftHostStatus::drifted:
                ++counts.drifted;
                break;
            case DriftHostStatus::unreachable:
                ++counts.unreachable;
                break;
            case DriftHostStatus::failed:
                ++counts.failed;
                break;
            }
        }
    }
    return counts;
}

} // namespace scsctl::model
