// See round_changes.hpp. A key is (layer, check, host); a round holds each key once (the
// runner gives one result per check and host), so a map by key is enough.
#include "health/round_changes.hpp"

#include <map>
#include <set>
#include <tuple>

namespace scsctl::health {

namespace {

using Key = std::tuple<std::string, std::string, std::string>;

Key key_of(const CheckResult& result)
{
    return {result.layer, result.check, result.host};
}

std::map<Key, const CheckResult*> by_key(const std::vector<LayerSummary>& round)
{
    std::map<Key, const CheckResult*> results;
    for (const auto& summary : round) {
        for (const auto& result : summary.results) {
            results.emplace(key_of(result), &result);
        }
    }
    return results;
}

std::string subject(const CheckResult& result)
{
    return result.layer + " " + result.check + " " + (result.host.empty() ? "-" : result.host);
}

} // namespace

const char* change_kind_name(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::appeared:
        return "appeared";
    case ChangeKind::changed:
        return "changed";
    case ChangeKind::vanished:
        return "vanished";
    }
    return "changed";
}

std::vector<ResultChange> round_changes(const std::vector<LayerSummary>& previous,
                                        const std::vector<LayerSummary>& current)
{
    const auto before = by_key(previous);
    std::vector<ResultChange> changes;
    std::set<Key> seen;
    for (const auto& summary : current) {
        for (const auto& result : summary.results) {
            const auto key = key_of(result);
            if (!seen.insert(key).second) {
                continue;
            }
            const auto found = before.find(key);
            if (found == before.end()) {
                changes.push_back({ChangeKind::appeared, std::nullopt, result});
            } else if (found->second->status != result.status) {
                changes.push_back({ChangeKind::changed, *found->second, result});
            }
        }
    }
    for (const auto& summary : previous) {
        for (const auto& result : summary.results) {
            if (seen.insert(key_of(result)).second) {
                changes.push_back({ChangeKind::vanished, result, std::nullopt});
            }
        }
    }
    return changes;
}

std::string describe_change(const ResultChange& change)
{
    switch (change.kind) {
    case ChangeKind::appeared:
        return subject(*change.after) + ": new: " + status_name(change.after->status) + ": " + change.after->detail;
    case ChangeKind::changed:
        return subject(*change.after) + ": " + status_name(change.before->status) + " -> " +
               status_name(change.after->status) + ": " + change.after->detail;
    case ChangeKind::vanished:
        return subject(*change.before) + ": gone (was " + status_name(change.before->status) + ")";
    }
    return {};
}

} // namespace scsctl::health
