// The drift collector (drift_collector.hpp). A host's status only ever gets worse within a
// layer: unreachable over failed over drifted over in line.
#include "report/drift_collector.hpp"

namespace scsctl::report {

namespace {

int severity(model::DriftHostStatus status)
{
    switch (status) {
    case model::DriftHostStatus::in_line:
        return 0;
    case model::DriftHostStatus::drifted:
        return 1;
    case model::DriftHostStatus::failed:
        return 2;
    case model::DriftHostStatus::unreachable:
        return 3;
    }
    return 0;
}

void worsen(model::DriftHost& host, model::DriftHostStatus status)
{
    if (severity(status) > severity(host.status)) {
        host.status = status;
    }
}

std::string message_of(const model::HostResult& result)
{
    if (result.result.is_object()) {
        const auto msg = result.result.find("msg");
        if (msg != result.result.end() && msg->is_string()) {
            return msg->get<std::string>();
        }
    }
    return std::string("task '") + result.task + "' " + model::task_status_name(result.status);
}

} // namespace

void DriftCollector::on_event(const model::RunEvent& event)
{
    if (const auto* result = std::get_if<model::HostResult>(&event)) {
        host_result(*result);
    }
}

void DriftCollector::host_result(const model::HostResult& result)
{
    model::DriftHost& host = m_hosts[result.host];
    host.host = result.host;
    const std::pair<std::string, std::string> key{result.host, result.task};
    if (!result.is_item && m_items_seen.erase(key) > 0) {
        return; // a loop's final result: its items were recorded one by one
    }
    if (result.is_item) {
        m_items_seen.insert(key);
    }
    if (result.ignored) {
        return;
    }
    switch (result.status) {
    case model::TaskStatus::changed: {
        std::string name = result.task;
        if (result.is_item) {
            name += " (item=" + result.item_label + ")";
        }
        const bool censored = result.result.is_object() && result.result.contains("censored");
        host.tasks.push_back({std::move(name), result.action, result.diff, censored});
        worsen(host, model::DriftHostStatus::drifted);
        break;
    }
    case model::TaskStatus::unreachable:
    case model::TaskStatus::failed: {
        const bool unreachable = result.status == model::TaskStatus::unreachable;
        if (host.error.empty() || (unreachable && host.status != model::DriftHostStatus::unreachable)) {
            host.error = message_of(result);
        }
        worsen(host, unreachable ? model::DriftHostStatus::unreachable : model::DriftHostStatus::failed);
        break;
    }
    case model::TaskStatus::ok:
    case model::TaskStatus::skipped:
        break;
    }
}

std::vector<model::DriftHost> DriftCollector::take_hosts(const std::vector<std::string>& hosts)
{
    for (const auto& name : hosts) {
        m_hosts[name].host = name;
    }
    std::vector<model::DriftHost> out;
    out.reserve(m_hosts.size());
    for (auto& [name, host] : m_hosts) {
        out.push_back(std::move(host));
    }
    m_hosts.clear();
    m_items_seen.clear();
    return out;
}

} // namespace scsctl::report
