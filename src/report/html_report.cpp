// The report is data plus a small script: C++ decides what is shown and in which order
// (unit-testable), the script only draws it with text nodes, so no string from a run can
// become markup. Strings are made XML-safe first (binary output, terminal escapes).
#include "report/html_report.hpp"

#include <algorithm>
#include <ctime>
#include <set>

#include "report/atomic_file.hpp"
#include "report/xml_escape.hpp"

namespace scsctl::report {

namespace {

constexpr std::size_t k_output_limit = 64 * 1024; ///< per failure's output

std::string utc_time(double epoch_ms)
{
    const auto seconds = static_cast<std::time_t>(epoch_ms / 1000.0);
    std::tm tm{};
    ::gmtime_r(&seconds, &tm);
    char text[40];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return text;
}

/// "failed", "ignored", "rescued", "unreachable", "changed", ... : the bar's colour.
std::string outcome_of(const ResultRecord& result)
{
    if (result.rescued) {
        return "rescued";
    }
    if (result.ignored) {
        return "ignored";
    }
    return model::task_status_name(result.status);
}

core::Value failure_json(const ResultRecord& result, const CollectedRun& run)
{
    std::string message = result.error.empty() ? std::string(model::task_status_name(result.status)) : result.error;
    if (result.rc) {
        message += " (rc " + std::to_string(*result.rc) + ")";
    }
    for (const auto& item : result.item_errors) {
        message += "\n" + item;
    }
    std::string output;
    if (!result.stderr_text.empty()) {
        output += "stderr:\n" + truncated(result.stderr_text, k_output_limit) + "\n";
    }
    if (!result.stdout_text.empty()) {
        output += "stdout:\n" + truncated(result.stdout_text, k_output_limit) + "\n";
    }
    return core::Value{{"host", xml_safe(result.host)},
                       {"task", xml_safe(result.task)},
                       {"play", xml_safe(run.plays[result.play].name)},
                       {"outcome", outcome_of(result)},
                       {"message", xml_safe(message)},
                       {"output", xml_safe(output)}};
}

core::Value failures_json(const CollectedRun& run)
{
    core::Value failures = core::Value::array();
    for (const bool counted : {true, false}) { // what failed the run first
        for (const auto& result : run.results) {
            const bool bad =
                result.status == model::TaskStatus::failed || result.status == model::TaskStatus::unreachable;
            if (bad && result.is_failure() == counted) {
                failures.push_back(failure_json(result, run));
            }
        }
    }
    return failures;
}

core::Value hosts_json(const CollectedRun& run)
{
    std::set<std::string> names;
    std::set<std::string> failing;
    for (const auto& result : run.results) {
        names.insert(result.host);
        if (result.is_failure()) {
            failing.insert(result.host);
        }
    }
    for (const auto& [host, counters] : run.recap.hosts) {
        names.insert(host); // a host with no results still has its row
        if (counters.failed > 0 || counters.unreachable > 0) {
            failing.insert(host);
        }
    }
    std::vector<std::string> order(names.begin(), names.end());
    std::stable_partition(order.begin(), order.end(), [&](const std::string& host) { return failing.contains(host); });
    core::Value hosts = core::Value::array();
    for (const auto& host : order) {
        core::Value bars = core::Value::array();
        for (const auto& result : run.results) {
            if (result.host != host) {
                continue;
            }
            bars.push_back(core::Value{{"task", xml_safe(result.task)},
                                       {"play", xml_safe(run.plays[result.play].name)},
                                       {"handler", result.handler},
                                       {"outcome", outcome_of(result)},
                                       {"start_ms", std::max(0.0, result.start_ms - run.start_ms)},
                                       {"end_ms", std::max(0.0, result.end_ms - run.start_ms)}});
        }
        hosts.push_back(core::Value{{"name", xml_safe(host)}, {"failed", failing.contains(host)}, {"bars", bars}});
    }
    return hosts;
}

core::Value recap_json(const CollectedRun& run)
{
    core::Value recap = core::Value::array();
    for (const auto& [host, c] : run.recap.hosts) {
        recap.push_back(core::Value{{"host", xml_safe(host)}, {"ok", c.ok},           {"changed", c.changed},
                                    {"unreachable", c.unreachable}, {"failed", c.failed}, {"skipped", c.skipped},
                                    {"rescued", c.rescued},         {"ignored", c.ignored}});
    }
    return recap;
}

/// JSON that is safe inside <script>: no '<', '>' or '&' at all (they only occur inside
/// strings, where \u escapes mean the same), so "</script>" cannot end the element.
std::string script_safe_json(const core::Value& data)
{
    const std::string json = data.dump(-1, ' ', false, core::Value::error_handler_t::replace);
    std::string out;
    out.reserve(json.size());
    for (const char c : json) {
        switch (c) {
        case '<':
            out += "\\u003c";
            break;
        case '>':
            out += "\\u003e";
            break;
        case '&':
            out += "\\u0026";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace

core::Value html_report_data(const CollectedRun& run, const HtmlOptions& options, int exit_code)
{
    return core::Value{{"title", xml_safe(options.title)},
                       {"command", xml_safe(options.command)},
                       {"started", utc_time(run.start_ms)},
                       {"duration_ms", std::max(0.0, run.end_ms - run.start_ms)},
                       {"exit_code", exit_code},
                       {"results", run.results.size()},
                       {"recap", recap_json(run)},
                       {"failures", failures_json(run)},
                       {"hosts", hosts_json(run)}};
}

std::string html_document(const CollectedRun& run, const HtmlOptions& options, int exit_code)
{
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    // Self-contained by policy as well as by construction: the browser loads nothing else.
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "script-src 'unsafe-inline'\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>scsctl report: " + xml_text(options.title) + "</title>\n";
    out += std::string("<style>\n") + k_html_style + "</style>\n</head>\n<body>\n";
    out += "<noscript>This report is drawn by its script: open it in a browser with JavaScript enabled.</noscript>\n";
    out += "<main id=\"report\"></main>\n";
    out += "<script id=\"scsctl-data\" type=\"application/json\">" +
           script_safe_json(html_report_data(run, options, exit_code)) + "</script>\n";
    out += std::string("<script>\n") + k_html_script + "</script>\n</body>\n</html>\n";
    return out;
}

core::Result<void> HtmlReporter::finish(int exit_code)
{
    m_collector.finish();
    return write_file_atomically(m_path, html_document(m_collector.run(), m_options, exit_code));
}

} // namespace scsctl::report
