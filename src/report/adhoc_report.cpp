// Grouped text and JSON Lines output of ad-hoc results.
#include "report/adhoc_report.hpp"

#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/base64.hpp"
#include "core/text_file.hpp"
#include "report/json_schema_version.hpp"

namespace scsctl::report {

namespace {

using Key = std::tuple<int, int, std::string, std::string, std::string, std::string>;

Key key_of(const model::CommandOutcome& outcome)
{
    // Where nothing ran, hosts with the same kind of failure belong together; their
    // messages differ only by host name and address.
    const bool ran = outcome.status != model::HostStatus::unreachable && outcome.error_kind != "sudo_password" &&
                     outcome.error_kind != "command_timeout" && outcome.error_kind != "interrupted";
    return {static_cast<int>(outcome.status), outcome.rc, outcome.exit_signal,
            ran ? outcome.stdout_text : std::string(), ran ? outcome.stderr_text : std::string(),
            ran ? std::string() : outcome.error_kind};
}

const char* status_word(model::HostStatus status)
{
    switch (status) {
    case model::HostStatus::ok:
        return "OK";
    case model::HostStatus::failed:
        return "FAILED";
    case model::HostStatus::unreachable:
        return "UNREACHABLE";
    }
    return "FAILED";
}

const char* status_color(model::HostStatus status)
{
    switch (status) {
    case model::HostStatus::ok:
        return "\033[32m";
    case model::HostStatus::failed:
        return "\033[31m";
    case model::HostStatus::unreachable:
        return "\033[35m";
    }
    return "";
}

void write_stream(std::ostream& out, const char* label, const std::string& text, std::uint64_t total)
{
    if (total == 0) {
        return;
    }
    out << "  " << label << ":";
    if (core::first_invalid_text_byte(text) != std::string_view::npos) {
        out << " (" << total << " bytes of binary output; use --output json to get it base64-encoded)\n";
        return;
    }
    out << "\n";
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        out << "    " << std::string_view(text).substr(start, end - start) << "\n";
        start = end + 1;
    }
    if (total > text.size()) {
        out << "    ... (" << (total - text.size()) << " more bytes not kept)\n";
    }
}

void put_stream(nlohmann::json& line, const char* name, const std::string& text)
{
    if (core::first_invalid_text_byte(text) == std::string_view::npos) {
        line[name] = text;
        return;
    }
    line[name] = core::base64_encode(text);
    line[std::string(name) + "_encoding"] = "base64";
}

} // namespace

std::vector<OutcomeGroup> group_outcomes(const std::vector<model::CommandOutcome>& outcomes)
{
    std::vector<OutcomeGroup> groups;
    std::map<Key, std::size_t> index;
    for (const auto& outcome : outcomes) {
        const Key key = key_of(outcome);
        auto [found, inserted] = index.emplace(key, groups.size());
        if (inserted) {
            groups.emplace_back();
        }
        groups[found->second].members.push_back(&outcome);
    }
    return groups;
}

void write_adhoc_text(std::ostream& out, const std::vector<model::CommandOutcome>& outcomes, bool color)
{
    for (const auto& group : group_outcomes(outcomes)) {
        const model::CommandOutcome& first = *group.members.front();
        std::string hosts;
        for (const auto* member : group.members) {
            hosts += (hosts.empty() ? "" : ", ") + member->host;
        }
        out << hosts << " (" << group.members.size() << (group.members.size() == 1 ? " host" : " hosts") << "): ";
        out << (color ? status_color(first.status) : "") << status_word(first.status) << (color ? "\033[0m" : "");
        if (!first.exit_signal.empty()) {
            out << " signal=" << first.exit_signal;
        } else if (first.status != model::HostStatus::unreachable && first.rc >= 0) {
            out << " rc=" << first.rc;
        }
        out << "\n";
        if (!first.error.empty() && first.error_kind != "exit_code" && first.error_kind != "signal") {
            out << "  error: " << first.error << "\n";
            if (group.members.size() > 1) {
                out << "  (and the same for " << (group.members.size() - 1) << " more hosts)\n";
            }
        }
        write_stream(out, "stdout", first.stdout_text, first.stdout_bytes);
        write_stream(out, "stderr", first.stderr_text, first.stderr_bytes);
    }
}

void write_adhoc_json_line(std::ostream& out, const model::CommandOutcome& outcome)
{
    nlohmann::json line;
    line["event"] = "command_result";
    line["schema"] = k_json_schema_version;
    line["host"] = outcome.host;
    line["status"] = model::status_name(outcome.status);
    line["rc"] = outcome.rc;
    put_stream(line, "stdout", outcome.stdout_text);
    put_stream(line, "stderr", outcome.stderr_text);
    line["error"] = outcome.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(outcome.error);
    line["error_kind"] = outcome.error_kind.empty() ? nlohmann::json(nullptr) : nlohmann::json(outcome.error_kind);
    line["exit_signal"] = outcome.exit_signal.empty() ? nlohmann::json(nullptr) : nlohmann::json(outcome.exit_signal);
    line["duration_ms"] = outcome.duration_ms;
    out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

std::string adhoc_summary(const std::vector<model::CommandOutcome>& outcomes)
{
    std::size_t ok = 0;
    std::size_t failed = 0;
    std::size_t unreachable = 0;
    for (const auto& outcome : outcomes) {
        switch (outcome.status) {
        case model::HostStatus::ok:
            ++ok;
            break;
        case model::HostStatus::failed:
            ++failed;
            break;
        case model::HostStatus::unreachable:
            ++unreachable;
            break;
        }
    }
    return std::to_string(ok) + " ok, " + std::to_string(failed) + " failed, " + std::to_string(unreachable) +
           " unreachable";
}

} // namespace scsctl::report
