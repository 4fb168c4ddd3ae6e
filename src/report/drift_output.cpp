// Rendering a drift report (drift_output.hpp). Diffs are shown as the engine made them,
// indented under their task; the engine and the CLI's redacting sink have already
// replaced secrets by ********.
#include "report/drift_output.hpp"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <sstream>

#include "core/exit_codes.hpp"
#include "report/json_schema_version.hpp"
#include "report/xml_escape.hpp"

namespace scsctl::report {

namespace {

std::string local_time(double seconds)
{
    const auto time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    ::localtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &parts);
    return text;
}

std::string utc_time(double seconds)
{
    const auto time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    ::gmtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::string plural(int count, const char* one, const char* many)
{
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

/// `text` with `prefix` before every line (a final newline kept, one added when missing).
std::string indented(const std::string& text, const std::string& prefix)
{
    std::string out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        out += prefix + line + "\n";
    }
    return out;
}

/// Why a layer's drift may be intended: what changed since its last deploy.
std::vector<std::string> input_notes(const model::DriftLayer& layer)
{
    std::vector<std::string> notes;
    const auto& inputs = layer.inputs;
    if (!inputs.inventory_changed || !inputs.playbooks_changed) {
        notes.push_back("that deploy recorded no input hashes (an older scsctl): whether the inventory or the "
                        "playbooks changed since is unknown");
    }
    const bool inventory = inputs.inventory_changed.value_or(false);
    const bool playbooks = inputs.playbooks_changed.value_or(false);
    if (inventory || playbooks) {
        const std::string what = inventory && playbooks ? "the inventory and the layer's playbooks have"
                                 : inventory            ? "the inventory has"
                                                        : "the layer's playbooks have";
        notes.push_back(what + " changed since that deploy: a difference may be the new intent, not a change "
                               "on the host");
    }
    return notes;
}

std::string host_line(const model::DriftHost& host)
{
    std::string line = "  " + host.host + ": ";
    switch (host.status) {
    case model::DriftHostStatus::in_line:
        line += "no drift";
        break;
    case model::DriftHostStatus::drifted:
        line += "drifted, " + plural(static_cast<int>(host.tasks.size()), "task", "tasks") + " would change";
        break;
    case model::DriftHostStatus::unreachable:
        line += "unreachable: " + host.error;
        break;
    case model::DriftHostStatus::failed:
        line += "could not be checked, a task failed: " + host.error;
        break;
    }
    if (!host.deployed_here) {
        line += " (the layer was never deployed on this host)";
    }
    return line + "\n";
}

std::string tasks_text(const model::DriftHost& host)
{
    std::string out;
    for (const auto& task : host.tasks) {
        out += "    ~ " + task.task + " (" + task.action + ")" + (task.censored ? " (no_log: diff hidden)" : "") + "\n";
        out += indented(task.diff, "      ");
    }
    return out;
}

} // namespace

std::string drift_summary(const model::DriftReport& report)
{
    const model::DriftCounts counts = model::drift_counts(report);
    std::string out = plural(counts.drifted, "host drifted", "hosts drifted") + ", " +
                      std::to_string(counts.in_line) + " without drift, " + std::to_string(counts.unreachable) +
                      " unreachable, " + std::to_string(counts.failed) + " not checked (a task failed)";
    if (counts.not_deployed > 0) {
        out += "; " + plural(counts.not_deployed, "layer", "layers") + " not deployed";
    }
    return out + " (hosts counted per layer)";
}

std::string drift_text(const model::DriftReport& report)
{
    std::string out;
    for (const auto& layer : report.layers) {
        if (!layer.deployed) {
            out += "DRIFT [" + layer.name + "] not deployed (per the journal): skipped\n";
            continue;
        }
        out += "DRIFT [" + layer.name + " " + layer.version + "] last deployed by run " +
               std::to_string(layer.last_run) + " (version " + layer.last_version + ", " +
               local_time(layer.last_deployed_at) + ")\n";
        for (const auto& note : input_notes(layer)) {
            out += "  note: " + note + "\n";
        }
        if (layer.hosts.empty()) {
            out += "  no hosts to check (the layer's groups are empty, or --limit matches none of them)\n";
        }
        for (const auto& host : layer.hosts) {
            out += host_line(host) + tasks_text(host);
        }
    }
    return out + "\ndrift: " + drift_summary(report) + "\n";
}

core::Value drift_layer_json(const model::DriftLayer& layer)
{
    core::Value out{{"event", "drift_layer"}, {"schema", k_json_schema_version}, {"layer", layer.name},
                    {"deployed", layer.deployed}};
    if (!layer.deployed) {
        out["version"] = nullptr;
        out["last_deploy"] = nullptr;
        out["inventory_changed"] = nullptr;
        out["playbooks_changed"] = nullptr;
        out["hosts"] = core::Value::array();
        return out;
    }
    out["version"] = layer.version;
    out["last_deploy"] = core::Value{
        {"run", layer.last_run}, {"version", layer.last_version}, {"finished_at", layer.last_deployed_at}};
    const auto optional = [](const std::optional<bool>& value) {
        return value ? core::Value(*value) : core::Value(nullptr);
    };
    out["inventory_changed"] = optional(layer.inputs.inventory_changed);
    out["playbooks_changed"] = optional(layer.inputs.playbooks_changed);
    core::Value hosts = core::Value::array();
    for (const auto& host : layer.hosts) {
        core::Value tasks = core::Value::array();
        for (const auto& task : host.tasks) {
            core::Value entry{{"task", task.task}, {"action", task.action}};
            if (!task.diff.empty()) {
                entry["diff"] = task.diff;
            }
            if (task.censored) {
                entry["censored"] = true;
            }
            tasks.push_back(std::move(entry));
        }
        core::Value entry{{"host", host.host},
                          {"status", model::drift_host_status_name(host.status)},
                          {"deployed_here", host.deployed_here},
                          {"tasks", std::move(tasks)}};
        if (!host.error.empty()) {
            entry["error"] = host.error;
        }
        hosts.push_back(std::move(entry));
    }
    out["hosts"] = std::move(hosts);
    return out;
}

namespace {

struct Suite {
    std::string xml;
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
};

Suite layer_suite(const model::DriftLayer& layer)
{
    Suite suite;
    const std::string classname = "drift." + layer.name;
    const auto testcase = [&](const std::string& name) {
        ++suite.tests;
        return "    <testcase name=\"" + xml_attribute(name) + "\" classname=\"" + xml_attribute(classname) +
               "\" time=\"0\"";
    };
    if (!layer.deployed) {
        ++suite.skipped;
        suite.xml += testcase("[" + layer.name + "] not deployed") +
                     ">\n      <skipped message=\"not deployed (per the journal)\"/>\n    </testcase>\n";
        return suite;
    }
    for (const auto& host : layer.hosts) {
        std::string name = "[" + host.host + "] " + layer.name;
        switch (host.status) {
        case model::DriftHostStatus::in_line:
            suite.xml += testcase(name) + "/>\n";
            break;
        case model::DriftHostStatus::drifted: {
            ++suite.failures;
            const std::string message = std::to_string(host.tasks.size()) + " task(s) would change";
            suite.xml += testcase(name) + ">\n      <failure message=\"" + xml_attribute(message) +
                         "\" type=\"drift\">" + xml_text(tasks_text(host)) + "</failure>\n    </testcase>\n";
            break;
        }
        case model::DriftHostStatus::unreachable:
        case model::DriftHostStatus::failed: {
            ++suite.errors;
            const char* type = host.status == model::DriftHostStatus::unreachable ? "unreachable" : "failed";
            suite.xml += testcase(name) + ">\n      <error message=\"" + xml_attribute(host.error) + "\" type=\"" +
                         type + "\">" + xml_text(tasks_text(host)) + "</error>\n    </testcase>\n";
            break;
        }
        }
    }
    return suite;
}

std::string controller_hostname(const std::string& given)
{
    if (!given.empty()) {
        return given;
    }
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') {
        return "localhost";
    }
    return name;
}

} // namespace

std::string drift_junit_xml(const model::DriftReport& report, const std::string& name, const std::string& hostname,
                            double timestamp, double duration_seconds)
{
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.3f", duration_seconds);
    const std::string host = controller_hostname(hostname);
    std::string suites;
    Suite total;
    int id = 0;
    for (const auto& layer : report.layers) {
        const Suite suite = layer_suite(layer);
        total.tests += suite.tests;
        total.failures += suite.failures;
        total.errors += suite.errors;
        total.skipped += suite.skipped;
        suites += "  <testsuite name=\"" + xml_attribute("drift " + layer.name) + "\" id=\"" + std::to_string(id++) +
                  "\" tests=\"" + std::to_string(suite.tests) + "\" failures=\"" + std::to_string(suite.failures) +
                  "\" errors=\"" + std::to_string(suite.errors) + "\" skipped=\"" + std::to_string(suite.skipped) +
                  "\" timestamp=\"" + utc_time(timestamp) + "\" hostname=\"" + xml_attribute(host) + "\">\n" +
                  suite.xml + "  </testsuite>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + xml_attribute(name) + "\" tests=\"" +
           std::to_string(total.tests) + "\" failures=\"" + std::to_string(total.failures) + "\" errors=\"" +
           std::to_string(total.errors) + "\" skipped=\"" + std::to_string(total.skipped) + "\" time=\"" + duration +
           "\" timestamp=\"" + utc_time(timestamp) + "\">\n" + suites + "</testsuites>\n";
}

int drift_exit_code(const model::DriftReport& report)
{
    const model::DriftCounts counts = model::drift_counts(report);
    if (counts.drifted > 0 || counts.failed > 0) {
        return core::k_exit_failed;
    }
    return counts.unreachable > 0 ? core::k_exit_unreachable : core::k_exit_ok;
}

} // namespace scsctl::report
