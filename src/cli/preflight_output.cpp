// Preflight output. The table's columns are as wide as their longest cell; a host's
// name is printed on its first row only.
#include "cli/preflight_output.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "cli/text_table.hpp"
#include "core/exit_codes.hpp"
#include "report/xml_escape.hpp"

namespace scsctl::cli {

namespace {

using preflight::Status;

/// The probe is one round trip: its time goes to the reachable testcase, 0 to the others.
std::string seconds_text(double milliseconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", milliseconds / 1000.0);
    return text;
}

core::Value requirements_json(const preflight::HostRequirements& requirements)
{
    core::Value ports = core::Value::array();
    for (const auto& port : requirements.ports) {
        ports.push_back(
            {{"port", port.port}, {"service", port.service}, {"layer", port.layer}, {"owners", port.owners}});
    }
    core::Value osd = core::Value::array();
    for (const auto& file : requirements.osd_files) {
        osd.push_back({{"path", file.path}, {"size_bytes", file.size_bytes}});
    }
    return {{"min_disk_bytes", requirements.min_disk_bytes},
            {"disk_paths", requirements.disk_paths},
            {"osd_files", std::move(osd)},
            {"osd_devices", requirements.osd_devices},
            {"osd_wipe_devices", requirements.osd_wipe_devices},
            {"min_memory_bytes", requirements.min_memory_bytes},
            {"max_clock_offset_s", requirements.max_clock_offset_s},
            {"ports", std::move(ports)}};
}

} // namespace

PreflightCounts preflight_counts(const std::vector<PreflightHost>& hosts)
{
    PreflightCounts counts;
    for (const auto& host : hosts) {
        ++counts.hosts;
        if (host.report.unreachable()) {
            ++counts.unreachable;
        } else if (host.report.worst() == Status::fail) {
            ++counts.failed;
        } else if (host.report.worst() == Status::warn) {
            ++counts.warned;
        } else {
            ++counts.ready;
        }
        for (const auto& check : host.report.checks) {
            auto& counter = check.status == Status::pass   ? counts.checks_passed
                            : check.status == Status::warn ? counts.checks_warned
                            : check.status == Status::fail ? counts.checks_failed
                                                           : counts.checks_skipped;
            ++counter;
        }
    }
    return counts;
}

int preflight_exit_code(const std::vector<PreflightHost>& hosts)
{
    const auto counts = preflight_counts(hosts);
    if (counts.failed > 0) {
        return core::k_exit_failed;
    }
    return counts.unreachable > 0 ? core::k_exit_unreachable : core::k_exit_ok;
}

std::string preflight_text(const std::vector<PreflightHost>& hosts)
{
    std::vector<std::vector<std::string>> rows{{"HOST", "CHECK", "RESULT", "DETAIL"}};
    for (const auto& host : hosts) {
        bool first = true;
        for (const auto& check : host.report.checks) {
            rows.push_back(
                {first ? host.report.host : "", check.check, preflight::status_name(check.status), check.detail});
            first = false;
        }
    }
    return aligned_table(rows);
}

std::string preflight_summary_line(const std::vector<PreflightHost>& hosts)
{
    const auto c = preflight_counts(hosts);
    return "preflight: " + std::to_string(c.hosts) + " host" + (c.hosts == 1 ? "" : "s") + ": " +
           std::to_string(c.ready) + " ready, " + std::to_string(c.warned) + " with warnings, " +
           std::to_string(c.failed) + " failed, " + std::to_string(c.unreachable) +
           " unreachable (checks: " + std::to_string(c.checks_passed) + " passed, " + std::to_string(c.checks_warned) +
           " warned, " + std::to_string(c.checks_failed) + " failed, " + std::to_string(c.checks_skipped) + " skipped)";
}

core::Value preflight_json(const std::vector<PreflightHost>& hosts)
{
    core::Value list = core::Value::array();
    for (const auto& host : hosts) {
        core::Value checks = core::Value::array();
        for (const auto& check : host.report.checks) {
            checks.push_back(
                {{"check", check.check}, {"status", preflight::status_name(check.status)}, {"detail", check.detail}});
        }
        const auto worst = host.report.unreachable() ? "unreachable" : preflight::status_name(host.report.worst());
        list.push_back({{"host", host.report.host},
                        {"status", worst},
                        {"duration_ms", host.report.duration_ms},
                        {"checks", std::move(checks)},
                        {"requirements", requirements_json(host.requirements)}});
    }
    const auto c = preflight_counts(hosts);
    return {{"schema", 1},
            {"ok", preflight_exit_code(hosts) == core::k_exit_ok},
            {"exit_code", preflight_exit_code(hosts)},
            {"summary",
             {{"hosts", c.hosts},
              {"ready", c.ready},
              {"warned", c.warned},
              {"failed", c.failed},
              {"unreachable", c.unreachable},
              {"checks",
               {{"passed", c.checks_passed},
                {"warned", c.checks_warned},
                {"failed", c.checks_failed},
                {"skipped", c.checks_skipped}}}}},
            {"hosts", std::move(list)}};
}

std::string preflight_junit_xml(const std::vector<PreflightHost>& hosts)
{
    std::string cases;
    const auto c = preflight_counts(hosts);
    for (const auto& host : hosts) {
        for (const auto& check : host.report.checks) {
            cases += "    <testcase classname=\"" + report::xml_attribute("preflight." + host.report.host) +
                     "\" name=\"" + report::xml_attribute(check.check) + "\" time=\"" +
                     seconds_text(check.check == "reachable" ? host.report.duration_ms : 0) + "\"";
            const auto detail = report::xml_text(check.detail);
            switch (check.status) {
            case Status::pass:
                cases += ">\n      <system-out>" + detail + "</system-out>\n    </testcase>\n";
                break;
            case Status::warn:
                cases += ">\n      <system-out>warning: " + detail + "</system-out>\n    </testcase>\n";
                break;
            case Status::skip:
                cases +=
                    ">\n      <skipped message=\"" + report::xml_attribute(check.detail) + "\"/>\n    </testcase>\n";
                break;
            case Status::fail:
                cases += ">\n      <failure type=\"preflight\" message=\"" + report::xml_attribute(check.detail) +
                         "\">" + detail + "</failure>\n    </testcase>\n";
                break;
            }
        }
    }
    const auto tests = std::to_string(c.checks_passed + c.checks_warned + c.checks_failed + c.checks_skipped);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scsctl preflight\" tests=\"" + tests +
           "\" failures=\"" + std::to_string(c.checks_failed) +
           "\" errors=\"0\">\n  <testsuite name=\"preflight\" tests=\"" + tests + "\" failures=\"" +
           std::to_string(c.checks_failed) + "\" errors=\"0\" skipped=\"" + std::to_string(c.checks_skipped) + "\">\n" +
           cases + "  </testsuite>\n</testsuites>\n";
}

} // namespace scsctl::cli
