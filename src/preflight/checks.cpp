// Names and summaries of preflight verdicts.
#include "preflight/checks.hpp"

#include <algorithm>

namespace scsctl::preflight {

const char* status_name(Status status)
{
    switch (status) {
    case Status::pass:
        return "pass";
    case Status::warn:
        return "warn";
    case Status::fail:
        return "fail";
    case Status::skip:
        return "skip";
    }
    return "fail";
}

bool HostReport::unreachable() const
{
    return std::ranges::any_of(
        checks, [](const CheckResult& check) { return check.check == "reachable" && check.status == Status::fail; });
}

Status HostReport::worst() const
{
    Status worst = Status::pass;
    for (const auto& check : checks) {
        if (check.status == Status::fail) {
            return Status::fail;
        }
        if (check.status == Status::warn) {
            worst = Status::warn;
        }
    }
    return worst;
}

} // namespace scsctl::preflight
