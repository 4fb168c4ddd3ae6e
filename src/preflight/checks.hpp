// The results of `scsctl preflight`: one verdict per host and check (reachable, sudo, os,
// disk, memory, time, ports), pass/warn/fail/skip with a one-line detail. Plain data;
// depends on the standard library only.
#pragma once

#include <string>
#include <vector>

namespace scsctl::preflight {

enum class Status { pass, warn, fail, skip };

/// "pass", "warn", "fail", "skip" (the JSON and JUnit spelling).
const char* status_name(Status status);

/// The checks in the order they are reported (the rows of one host).
inline constexpr const char* k_check_names[] = {"reachable", "sudo", "os", "disk", "memory", "time", "ports"};

struct CheckResult {
    std::string check;
    Status status = Status::skip;
    std::string detail;
};

struct HostReport {
    std::string host;
    std::vector<CheckResult> checks; ///< in k_check_names order
    double duration_ms = 0;

    bool unreachable() const; ///< the reachable check failed
    Status worst() const;     ///< fail > warn > pass (skip counts as pass)
};

} // namespace scsctl::preflight
