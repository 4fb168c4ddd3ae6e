// See layer_check_support.hpp.
#include "health/layer_check_support.hpp"

namespace scsctl::health {

std::vector<model::CommandOutcome> run_command_on(const CheckContext& context, const std::vector<exec::AdhocHost>& hosts,
                                                  const std::string& command, bool become,
                                                  std::chrono::milliseconds timeout)
{
    std::vector<exec::AdhocHost> targets = hosts;
    if (become) {
        for (auto& host : targets) {
            if (!host.connection.become) {
                host.connection.become = host.connection.become_settings;
            }
        }
    }
    exec::AdhocOptions options;
    options.command = command;
    options.forks = context.forks;
    options.timeout = timeout;
    return exec::run_adhoc(context.pool, targets, options);
}

CheckResult make_result(const HealthCheck& check, const std::string& host, CheckStatus status, std::string detail,
                        std::chrono::milliseconds duration)
{
    CheckResult result;
    result.layer = check.layer();
    result.check = check.name();
    result.host = host;
    result.status = status;
    result.detail = std::move(detail);
    result.duration = duration;
    return result;
}

std::string first_line_of(std::string_view text, std::size_t limit)
{
    while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) {
        text.remove_prefix(1);
    }
    text = text.substr(0, text.find('\n'));
    return text.size() > limit ? std::string(text.substr(0, limit)) + "..." : std::string(text);
}

} // namespace scsctl::health
