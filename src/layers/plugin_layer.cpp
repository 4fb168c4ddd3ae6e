// One plugin's life: start → hello → describe (at open), then requests on demand, each
// reply checked by plugin_protocol before anything uses it.
#include "layers/plugin_layer.hpp"

namespace scsctl::layers {

namespace {

core::Error prefixed(const PluginFile& file, core::Error error)
{
    error.message = "layer plugin '" + file.name + "' (" + file.path + "): " + error.message;
    return error;
}

} // namespace

core::Error PluginLayer::named(core::Error error) const
{
    return prefixed(m_file, std::move(error));
}

core::Result<std::unique_ptr<PluginLayer>> PluginLayer::open(const PluginFile& file, PluginLimits limits,
                                                             std::string_view scsctl_version)
{
    auto process = PluginProcess::start(file.path, limits);
    if (!process) {
        return core::fail(prefixed(file, process.error()));
    }
    auto& running = **process;
    auto hello = running.request(hello_request(scsctl_version), "hello");
    if (!hello) {
        return core::fail(prefixed(file, hello.error()));
    }
    if (auto speaks = check_hello(*hello); !speaks) {
        running.stop();
        return core::fail(prefixed(file, speaks.error()));
    }
    auto describe = running.request(describe_request(), "describe");
    if (!describe) {
        return core::fail(prefixed(file, describe.error()));
    }
    auto descriptor = parse_describe(*describe);
    if (!descriptor) {
        running.stop();
        return core::fail(prefixed(file, descriptor.error()));
    }
    if ((*descriptor)->view().name != file.name) {
        running.stop();
        return core::fail(prefixed(file, {k_plugin_fault,
                                          "describes itself as '" + std::string((*descriptor)->view().name) +
                                              "'; the file name says '" + file.name + "'",
                                          {}}));
    }
    return std::unique_ptr<PluginLayer>(new PluginLayer(file, std::move(*process), std::move(*descriptor)));
}

core::Result<std::vector<PluginProblem>> PluginLayer::validate(const core::Value& view)
{
    auto reply = m_process->request(validate_request(view), "validate");
    if (!reply) {
        return core::fail(named(reply.error()));
    }
    auto problems = parse_validate(*reply);
    if (!problems) {
        m_process->stop();
        return core::fail(named(problems.error()));
    }
    return problems;
}

core::Result<core::Value> PluginLayer::plan(const core::Value& view)
{
    auto reply = m_process->request(plan_request(view), "plan");
    if (!reply) {
        return core::fail(named(reply.error()));
    }
    auto plays = parse_plan(*reply);
    if (!plays) {
        m_process->stop();
        return core::fail(named(plays.error()));
    }
    return plays;
}

core::Result<std::vector<DeclaredCheck>> PluginLayer::checks()
{
    if (m_checks) {
        return *m_checks;
    }
    auto reply = m_process->request(checks_request(), "checks");
    if (!reply) {
        return core::fail(named(reply.error()));
    }
    auto checks = parse_checks(*reply);
    if (!checks) {
        m_process->stop();
        return core::fail(named(checks.error()));
    }
    m_checks = *checks;
    return checks;
}

} // namespace scsctl::layers
