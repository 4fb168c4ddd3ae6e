// The ports check: every port the host's layers will listen on must be free, or held by
// that layer's own service (already deployed); any other holder fails, named with its pid.
#include <algorithm>

#include "preflight/evaluate.hpp"

namespace scsctl::preflight {

namespace {

std::string port_name(const PortRequirement& port)
{
    return std::to_string(port.port) + " (" + port.service + ")";
}

std::string processes_text(const std::vector<ListeningProcess>& processes)
{
    std::string text;
    for (const auto& process : processes) {
        text += (text.empty() ? "" : ", ") + process.name +
                (process.pid > 0 ? " (pid " + std::to_string(process.pid) + ")" : "");
    }
    return text;
}

std::string join(const std::vector<std::string>& items, const char* separator)
{
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : separator) + item;
    }
    return out;
}

} // namespace

CheckResult ports_check(const HostFacts& facts, const HostRequirements& requirements)
{
    if (requirements.ports.empty()) {
        return {"ports", Status::pass, "no ports to check for this host's roles"};
    }
    std::vector<std::string> wanted;
    for (const auto& port : requirements.ports) {
        wanted.push_back(std::to_string(port.port));
    }
    if (!facts.ss_available) {
        return {"ports", Status::warn, "ss not found (Debian package iproute2): cannot check " + join(wanted, ", ")};
    }
    std::vector<std::string> conflicts;
    std::vector<std::string> free;
    std::vector<std::string> owned;
    for (const auto& port : requirements.ports) {
        std::vector<ListeningProcess> holders;
        bool unknown_holder = false;
        for (const auto& listener : facts.listeners) {
            if (listener.port != port.port) {
                continue;
            }
            unknown_holder = unknown_holder || listener.processes.empty();
            for (const auto& process : listener.processes) {
                if (std::ranges::none_of(
                        holders, [&](const auto& h) { return h.pid == process.pid && h.name == process.name; })) {
                    holders.push_back(process);
                }
            }
        }
        std::vector<ListeningProcess> foreign;
        std::ranges::copy_if(holders, std::back_inserter(foreign), [&](const ListeningProcess& process) {
            return std::ranges::find(port.owners, process.name) == port.owners.end();
        });
        if (!foreign.empty()) {
            conflicts.push_back(port_name(port) + " is held by " + processes_text(foreign));
        } else if (unknown_holder) {
            conflicts.push_back(port_name(port) + " is held by a process ss cannot name" +
                                (facts.uid.value_or(0) != 0 ? " without sudo" : ""));
        } else if (!holders.empty()) {
            owned.push_back(std::to_string(port.port) + " " + holders.front().name);
        } else {
            free.push_back(std::to_string(port.port));
        }
    }
    if (!conflicts.empty()) {
        return {"ports", Status::fail, join(conflicts, "; ")};
    }
    std::string detail = free.empty() ? "" : "free: " + join(free, ", ");
    if (!owned.empty()) {
        detail += (detail.empty() ? "" : "; ") + std::string("held by their own service: ") + join(owned, ", ");
    }
    return {"ports", Status::pass, detail};
}

} // namespace scsctl::preflight
