// Text and JSON forms of the catalog report (see openstack_catalog_output.hpp). The token
// itself is never part of either.
#include "cli/openstack_catalog_output.hpp"

#include <algorithm>

namespace scsctl::cli {

namespace {

std::string joined(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

std::string verdict(const openstack::EndpointProbe& probe)
{
    if (probe.answers) {
        return "answers (HTTP " + std::to_string(probe.status) + ", " + std::to_string(probe.latency.count()) + " ms)";
    }
    return "DOES NOT ANSWER: " + probe.problem;
}

} // namespace

core::Value catalog_report_json(const CatalogReport& report)
{
    core::Value services = core::Value::array();
    for (const auto& probe : report.probes) {
        if (services.empty() || services.back()["type"] != probe.service_type ||
            services.back()["name"] != probe.service_name) {
            services.push_back({{"type", probe.service_type}, {"name", probe.service_name},
                                {"endpoints", core::Value::array()}});
        }
        core::Value endpoint = {{"interface", probe.endpoint.interface},
                                {"region", probe.endpoint.region},
                                {"url", probe.endpoint.url},
                                {"answers", probe.answers},
                                {"status", probe.status},
                                {"latency_ms", probe.latency.count()}};
        if (!probe.problem.empty()) {
            endpoint["problem"] = probe.problem;
        }
        services.back()["endpoints"].push_back(std::move(endpoint));
    }
    const bool all = std::all_of(report.probes.begin(), report.probes.end(), [](const auto& p) { return p.answers; });
    return core::Value{{"cloud", report.cloud.empty() ? core::Value(nullptr) : core::Value(report.cloud)},
                       {"clouds_file", report.clouds_file.empty() ? core::Value(nullptr) : core::Value(report.clouds_file)},
                       {"auth_url", report.auth_url},
                       {"project", {{"id", report.project_id}, {"name", report.project_name}}},
                       {"roles", report.roles},
                       {"token_latency_ms", report.token_latency_ms},
                       {"all_answer", all},
                       {"services", services}};
}

std::string catalog_report_text(const CatalogReport& report)
{
    std::string out = "cloud: " + (report.cloud.empty() ? std::string("(OS_* variables and flags)") : report.cloud);
    if (!report.clouds_file.empty()) {
        out += " (" + report.clouds_file + ")";
    }
    out += "\nproject: " + report.project_name + " (" + report.project_id + ")\nroles: " + joined(report.roles) +
           "\ntoken: issued in " + std::to_string(report.token_latency_ms) + " ms by " + report.auth_url + "\n";
    std::vector<std::vector<std::string>> rows{{"TYPE", "NAME", "INTERFACE", "REGION", "URL", "STATUS"}};
    for (const auto& probe : report.probes) {
        rows.push_back({probe.service_type, probe.service_name, probe.endpoint.interface, probe.endpoint.region,
                        probe.endpoint.url, verdict(probe)});
    }
    std::vector<std::size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) {
                line += std::string(widths[i] - row[i].size() + 2, ' ');
            }
        }
        out += line + "\n";
    }
    return out;
}

} // namespace scsctl::cli
