// Rendering the templated connection variables of one host.
#include "exec/connection_vars.hpp"

#include <optional>

#include "vars/engine.hpp"

namespace scsctl::exec {

namespace {

bool is_connection_variable(const std::string& name)
{
    return name.starts_with("ansible_") || name.starts_with("scsctl_");
}

} // namespace

core::Result<core::Value> templated_connection_vars(const std::string& host, const core::Value& host_vars,
                                                    const core::Value& extra_vars)
{
    if (!host_vars.is_object()) {
        return host_vars;
    }
    std::optional<vars::Engine> engine; // made only when a template is there
    std::optional<core::Value> rendered_vars;
    for (const auto& [name, value] : host_vars.items()) {
        if (!is_connection_variable(name) || !value.is_string() || !vars::Engine::is_template(value.get<std::string>())) {
            continue;
        }
        if (!rendered_vars) {
            rendered_vars = host_vars;
            engine.emplace();
        }
        const vars::ValueScope below(host_vars);
        const core::Value overlay = extra_vars.is_object() ? extra_vars : core::Value::object();
        const vars::OverlayScope scope(below, overlay);
        auto rendered = engine->render(value, scope);
        if (!rendered) {
            return core::fail(core::Error{core::ErrorKind::config,
                                          host + ": cannot render " + name + ": " + rendered.error().message, {}});
        }
        (*rendered_vars)[name] = std::move(*rendered);
    }
    return rendered_vars ? std::move(*rendered_vars) : host_vars;
}

} // namespace scsctl::exec
