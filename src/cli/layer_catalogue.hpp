// Wiring the layer catalogue into commands: the plugin search path and request timeout
// from the environment (SCSCTL_PLUGIN_PATH, PATH, SCSCTL_PLUGIN_TIMEOUT), errors printed
// as one line with their exit code, and the secret filter for plugin inventory views.
// Depends on cli, layers and secrets.
#pragma once

#include <expected>
#include <memory>

#include "cli/global_options.hpp"
#include "core/exit_codes.hpp"
#include "layers/catalogue.hpp"
#include "layers/plugin_protocol.hpp"
#include "secrets/redactor.hpp"

namespace scsctl::cli {

/// The exit code of a failing external layer plugin (docs/exit-codes.md).
inline constexpr int k_exit_plugin = core::k_exit_plugin;

/// The exit code for an error from the catalogue, a plugin or the health runner: 5 for a
/// plugin fault (layers::k_plugin_fault), else core::exit_code_for.
int layer_exit_code(const core::Error& error);

/// The built-ins and every discovered plugin in dependency order; prints the error and
/// returns its exit code (2: bad SCSCTL_PLUGIN_TIMEOUT, name clash, cycle; 5: a plugin failed).
std::expected<layers::Catalogue, int> load_catalogue(const Console& console);

/// Declared secret names, connection passwords, and (when given) every value `redactor` knows.
layers::SecretFilter plugin_secret_filter(std::shared_ptr<const secrets::Redactor> redactor = nullptr);

} // namespace scsctl::cli
