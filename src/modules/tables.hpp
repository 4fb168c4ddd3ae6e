// The two module families' tables, combined by registry.cpp. Each family lists its
// modules in its own *_modules_table.cpp. Depends on module.hpp only.
#pragma once

#include <span>

#include "modules/module.hpp"

namespace scsctl::modules {

/// command, shell, raw, script, copy, template, file, lineinfile, blockinfile, replace,
/// stat, slurp, fetch (file_modules_table.cpp).
std::span<const Module* const> file_modules();

/// apt, package, service, systemd, user, group, sysctl, hostname, wait_for,
/// wait_for_connection, pause, assert, fail, debug, set_fact, meta, setup
/// (system_modules_table.cpp).
std::span<const Module* const> system_modules();

} // namespace scsctl::modules
