// What changed between two rounds of `scsctl health --watch`: a check × host that is new
// (a host added to the inventory, a check that appeared), one whose status changed (turned
// fail, recovered), and one that is gone. Details alone changing (a Ceph PG count, a
// measured clock skew) is not a change. Pure; depends on the health runner's summary.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "health/runner.hpp"

namespace scsctl::health {

enum class ChangeKind {
    appeared, ///< the check × host was not in the previous round
    changed,  ///< its status differs from the previous round's
    vanished, ///< it was in the previous round and is not in this one
};

/// "appeared", "changed", "vanished".
const char* change_kind_name(ChangeKind kind);

struct ResultChange {
    ChangeKind kind = ChangeKind::changed;
    std::optional<CheckResult> before; ///< absent for `appeared`
    std::optional<CheckResult> after;  ///< absent for `vanished`
};

/// The changes from `previous` to `current`, keyed by layer, check and host: in the order
/// of `current` (appeared and changed), then the vanished ones in the order of `previous`.
/// Identical rounds give nothing.
std::vector<ResultChange> round_changes(const std::vector<LayerSummary>& previous,
                                        const std::vector<LayerSummary>& current);

/// One line: "LAYER CHECK HOST: pass -> fail: DETAIL", "... new: pass: DETAIL",
/// "... gone (was fail)".
std::string describe_change(const ResultChange& change);

} // namespace scsctl::health
