// The variables Ansible's template action adds while rendering a template file:
// ansible_managed and template_* (host, path, fullpath, destpath, uid, mtime, run_date).
// Depends on core only.
#pragma once

#include <string>

#include "core/value.hpp"

namespace scsctl::modules {

/// Ansible 2.14's default `ansible_managed` (DEFAULT_MANAGED_STR): no placeholders.
inline constexpr const char* k_ansible_managed = "Ansible managed";

/// The template variables for rendering `source` (the resolved local template path)
/// to `dest` on the host, as ansible-core 2.14's generate_ansible_template_vars makes
/// them: dates as Python prints a datetime ("2026-11-24 05:40:01.123456").
core::Value template_vars(const std::string& source, const std::string& dest);

/// Python's str(datetime) of a local time given as seconds and microseconds since the epoch.
std::string python_datetime(long long seconds, long microseconds);

} // namespace scsctl::modules
