// What the service and systemd modules share: one read-only probe of a unit (systemctl
// when systemd runs, else /etc/init.d) and the minimal commands to reach the requested
// state. Depends on module.hpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/value.hpp"
#include "modules/module.hpp"

namespace scsctl::modules {

/// What the probe saw.
struct ServiceState {
    bool systemd = false;      ///< systemd is the running init and systemctl exists
    bool found = false;        ///< the unit (or init script) exists
    bool running = false;
    bool enabled = false;
    bool masked = false;
    bool sysv = false;         ///< /etc/init.d/<name> exists
    core::Value status = core::Value::object(); ///< systemctl show properties
};

/// What the task asks for.
struct ServiceRequest {
    std::string name;
    std::optional<std::string> state; ///< started, stopped, restarted, reloaded
    std::optional<bool> enabled;
    std::optional<bool> masked;
    bool daemon_reload = false;
    bool no_block = false;
    bool force_sysv = false;  ///< use: sysvinit
    std::string arguments;    ///< extra words for init scripts (service's arguments)
};

/// A read-only script for the unit `name`.
std::string service_probe(std::string_view name);

ServiceState parse_service_probe(std::string_view stdout_text);

/// The steps and result for `request` given `state`; `systemd_module` selects the
/// systemd module's result keys and its refusal without systemd.
Decision decide_service(const ServiceRequest& request, const ServiceState& state, bool systemd_module,
                        const TaskContext& context);

} // namespace scsctl::modules
