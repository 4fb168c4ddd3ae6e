// Turning a setting's text (from ansible.cfg, scsctl.yml, SCSCTL_* or a flag) into its typed
// value, and Ansible's path resolution. Depends on core and settings.hpp's KeyInfo only.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "config/settings.hpp"
#include "core/result.hpp"

namespace scsctl::config {

/// ansible.cfg spells host_key_checking as a boolean; scsctl spells it strict|accept-new|off.
enum class Dialect { ansible, scsctl };

/// What relative paths, '~' and '$VAR' in path values resolve against.
struct PathContext {
    std::string base_dir; ///< the directory of the file the value came from, or the cwd
    const std::map<std::string, std::string>* environment = nullptr;
};

/// Ansible's resolve_path (unfrackpath without following symlinks): $VAR and ${VAR}
/// expanded, then '~' and '~user', made absolute against base_dir, normalised.
std::string resolve_path(std::string_view path, const PathContext& context);

/// Parses `text` as the value of `key`; the error message names the key and the text
/// but carries no location (the caller knows where the text came from).
core::Result<core::Value> parse_text(const KeyInfo& key, std::string_view text, Dialect dialect,
                                     const PathContext& context);

/// Python's int() for a decimal string: surrounding whitespace, an optional sign, and
/// digits with single underscores between them.
std::optional<long long> parse_python_int(std::string_view text);

} // namespace scsctl::config
