// See health_watch.hpp. JSON lines are compact (one object per line, no pretty printing)
// so that `jq -c`, log shippers and `while read` loops can consume them.
#include "cli/health_watch.hpp"

namespace scsctl::cli {

std::string utc_time(std::time_t when)
{
    std::tm tm{};
    ::gmtime_r(&when, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::string watch_change_text(const std::vector<health::ResultChange>& changes, std::time_t when)
{
    std::string out;
    const auto time = utc_time(when);
    for (const auto& change : changes) {
        out += time + "  " + health::describe_change(change) + "\n";
    }
    return out;
}

std::string watch_change_json_lines(const std::vector<health::ResultChange>& changes, int round, std::time_t when)
{
    std::string out;
    const auto time = utc_time(when);
    for (const auto& change : changes) {
        const auto& subject = change.after ? *change.after : *change.before;
        core::Value line{{"type", "change"},
                         {"round", round},
                         {"time", time},
                         {"change", health::change_kind_name(change.kind)},
                         {"layer", subject.layer},
                         {"check", subject.check},
                         {"host", subject.host.empty() ? core::Value() : core::Value(subject.host)},
                         {"before", change.before ? core::Value(health::status_name(change.before->status)) : core::Value()},
                         {"after", change.after ? core::Value(health::status_name(change.after->status)) : core::Value()},
                         {"detail", change.after ? change.after->detail : change.before->detail}};
        out += line.dump() + "\n";
    }
    return out;
}

std::string watch_round_json_line(const core::Value& report, int round, std::time_t when)
{
    core::Value line{{"type", "round"}, {"round", round}, {"time", utc_time(when)}};
    for (const auto& [key, value] : report.items()) {
        line[key] = value;
    }
    return line.dump() + "\n";
}

} // namespace scsctl::cli
