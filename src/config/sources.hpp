// The file sources of settings: finding ansible.cfg as Ansible does and the two scsctl.yml
// files, and applying each to Settings. Depends on core, config and yaml-cpp; not on cli.
#pragma once

#include <optional>
#include <string>

#include "config/settings.hpp"

namespace scsctl::config {

/// ansible-core 2.14 find_ini_config_file: $ANSIBLE_CONFIG (a file, or a directory holding
/// ansible.cfg), ./ansible.cfg unless the cwd is world-writable, ~/.ansible.cfg,
/// /etc/ansible/ansible.cfg; the first that exists and is readable. Records every
/// candidate in `consulted`.
std::optional<std::string> find_ansible_cfg(const SettingsInputs& inputs, std::vector<ConsultedFile>& consulted,
                                            core::Diagnostics& diagnostics);

/// Applies the [defaults] (and [ssh_connection]) values of the ansible.cfg at `path`.
void apply_ansible_cfg(Settings& settings, const std::string& path, const SettingsInputs& inputs,
                       core::Diagnostics& diagnostics);

/// $XDG_CONFIG_HOME/scsctl/scsctl.yml, or ~/.config/scsctl/scsctl.yml.
std::string user_config_path(const SettingsInputs& inputs);

/// scsctl.yml inside the first inventory source when it is a directory, beside it when it
/// is a file; nothing for a host list or a missing source.
std::optional<std::string> inventory_config_path(const SettingsInputs& inputs);

/// Applies the scsctl.yml at `path` if it exists (kind: user_file or inventory_file).
/// Returns the status for `Settings::files`: "used" or "not found".
std::string apply_scsctl_yml(Settings& settings, const std::string& path, SourceKind kind,
                             const SettingsInputs& inputs, core::Diagnostics& diagnostics);

} // namespace scsctl::config
