// Health output. Widths of the text table follow the longest cell of each column.
#include "cli/health_output.hpp"

#include <algorithm>

#include "cli/text_table.hpp"
#include "report/prometheus_text.hpp"
#include "report/xml_escape.hpp"

namespace scsctl::cli {

namespace {

std::string seconds(std::chrono::milliseconds duration)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", static_cast<double>(duration.count()) / 1000.0);
    return text;
}

} // namespace

std::string health_text(const std::vector<health::LayerSummary>& summaries)
{
    std::vector<std::vector<std::string>> rows{{"LAYER", "CHECK", "HOST", "RESULT", "DETAIL"}};
    for (const auto& summary : summaries) {
        if (summary.results.empty()) {
            rows.push_back({summary.layer, "-", "-", "-", "no checks (the layer has no hosts)"});
        }
        for (const auto& result : summary.results) {
            rows.push_back({result.layer, result.check, result.host.empty() ? "-" : result.host,
                            health::status_name(result.status), result.detail});
        }
    }
    return aligned_table(rows);
}

core::Value health_json(const std::vector<health::LayerSummary>& summaries)
{
    core::Value layers = core::Value::array();
    std::size_t counts[3] = {0, 0, 0};
    for (const auto& summary : summaries) {
        core::Value results = core::Value::array();
        for (const auto& result : summary.results) {
            ++counts[static_cast<int>(result.status)];
            results.push_back({{"check", result.check},
                               {"host", result.host.empty() ? core::Value() : core::Value(result.host)},
                               {"status", health::status_name(result.status)},
                               {"detail", result.detail},
                               {"duration_ms", result.duration.count()}});
        }
        layers.push_back({{"name", summary.layer}, {"ok", summary.ok()}, {"results", std::move(results)}});
    }
    return {{"ok", counts[1] == 0 && counts[2] == 0},
            {"passed", counts[0]},
            {"failed", counts[1]},
            {"errors", counts[2]},
            {"layers", std::move(layers)}};
}

std::string health_prometheus(const std::vector<health::LayerSummary>& summaries, double run_time)
{
    report::PrometheusFamily status{"scsctl_health_check_status",
                                    "Whether the check passed on the host (1) or failed or could not be judged (0).",
                                    "gauge",
                                    {}};
    report::PrometheusFamily duration{"scsctl_health_check_duration_seconds",
                                      "How long the check took on the host, in seconds.", "gauge", {}};
    report::PrometheusFamily counts{"scsctl_health_results", "Check results of the last run by status.", "gauge", {}};
    double totals[3] = {0, 0, 0};
    for (const auto& summary : summaries) {
        for (const auto& result : summary.results) {
            std::vector<std::pair<std::string, std::string>> labels{
                {"layer", result.layer}, {"check", result.check}, {"host", result.host}};
            status.samples.push_back({labels, result.status == health::CheckStatus::pass ? 1.0 : 0.0});
            duration.samples.push_back({labels, static_cast<double>(result.duration.count()) / 1000.0});
            totals[static_cast<int>(result.status)] += 1;
        }
    }
    for (const auto state : {health::CheckStatus::pass, health::CheckStatus::fail, health::CheckStatus::error}) {
        counts.samples.push_back({{{"status", health::status_name(state)}}, totals[static_cast<int>(state)]});
    }
    const bool ok = totals[1] == 0 && totals[2] == 0;
    return report::render_prometheus(
        {status, duration, counts,
         {"scsctl_health_ok", "Whether every check of the last run passed.", "gauge", {{{}, ok ? 1.0 : 0.0}}},
         {"scsctl_health_last_run_timestamp_seconds", "When the last run finished, in seconds since the epoch.",
          "gauge", {{{}, run_time}}}});
}

std::string health_junit_xml(const std::vector<health::LayerSummary>& summaries)
{
    std::string suites;
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;
    for (const auto& summary : summaries) {
        std::string cases;
        for (const auto& result : summary.results) {
            const auto name = result.check + (result.host.empty() ? "" : " " + result.host);
            cases += "    <testcase classname=\"" + report::xml_attribute("health." + summary.layer) + "\" name=\"" +
                     report::xml_attribute(name) + "\" time=\"" + seconds(result.duration) + "\"";
            if (result.status == health::CheckStatus::pass) {
                cases += "/>\n";
                continue;
            }
            const bool failed = result.status == health::CheckStatus::fail;
            const char* tag = failed ? "failure" : "error";
            cases += ">\n      <" + std::string(tag) + " type=\"health\" message=\"" +
                     report::xml_attribute(result.detail) + "\">" + report::xml_text(result.detail) + "</" + tag +
                     ">\n    </testcase>\n";
        }
        const auto fails = summary.count(health::CheckStatus::fail);
        const auto errs = summary.count(health::CheckStatus::error);
        tests += summary.results.size();
        failures += fails;
        errors += errs;
        suites += "  <testsuite name=\"" + report::xml_attribute("health." + summary.layer) + "\" tests=\"" +
                  std::to_string(summary.results.size()) + "\" failures=\"" + std::to_string(fails) +
                  "\" errors=\"" + std::to_string(errs) + "\">\n" + cases + "  </testsuite>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scsctl health\" tests=\"" +
           std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
           std::to_string(errors) + "\">\n" + suites + "</testsuites>\n";
}

} // namespace scsctl::cli
