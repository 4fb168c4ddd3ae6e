// Small helpers the built-in layer checks share: one command on one or all target hosts
// through exec::run_adhoc (scsctl's transport and host-key policy; become forced where
// reading root's files needs it) and a result skeleton. Depends on health_check only.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "health/health_check.hpp"

namespace scsctl::health {

/// Runs `command` on `hosts` (become forced when `become`), one outcome per host.
std::vector<model::CommandOutcome> run_command_on(const CheckContext& context, const std::vector<exec::AdhocHost>& hosts,
                                                  const std::string& command, bool become,
                                                  std::chrono::milliseconds timeout = std::chrono::seconds(30));

/// A result of `check` for `host` with `status` and `detail`.
CheckResult make_result(const HealthCheck& check, const std::string& host, CheckStatus status, std::string detail,
                        std::chrono::milliseconds duration = std::chrono::milliseconds(0));

/// The first line of `text`, at most `limit` characters.
std::string first_line_of(std::string_view text, std::size_t limit = 160);

} // namespace scsctl::health
