// Resolving the operator's cloud selection into one set of settings, the way the OpenStack
// client does: the first clouds.yaml found (OS_CLIENT_CONFIG_FILE, ./, $XDG_CONFIG_HOME or
// ~/.config/openstack/, /etc/openstack/), secure.yaml merged in likewise, the entry named
// by --os-cloud or OS_CLOUD, then OS_* variables, then --os-* overrides. Each setting
// remembers where it came from. Depends on core and clouds_file.hpp.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "openstack/clouds_file.hpp"
#include "openstack/connect.hpp"

namespace scsctl::openstack {

/// What resolution reads besides ConnectOptions: environment variables and the working
/// directory (the process's by default; tests give their own).
struct ConfigEnvironment {
    std::function<std::optional<std::string>(const std::string&)> variable;
    std::string working_directory;

    static ConfigEnvironment process();
};

enum class AuthType { password, application_credential };

/// A resolved setting: its value and its origin ("clouds.yaml:4:17", "OS_PASSWORD",
/// "--os-password") for messages.
struct Setting {
    std::string value;
    std::string origin;
};

/// The settings connect() needs, resolved. Secrets are only in `settings`; print
/// `describe()` (which masks them), never the values.
struct CloudConfig {
    std::string cloud_name;              ///< empty when only OS_* and --os-* were used
    std::string clouds_file;             ///< the clouds.yaml read, or empty
    std::string secure_file;             ///< the secure.yaml read, or empty
    std::vector<std::string> searched;   ///< every clouds.yaml candidate, in order
    std::map<std::string, Setting> settings; ///< by clouds.yaml key: "auth_url", "username", …

    /// The value of `key`, or empty.
    const std::string& get(const std::string& key) const;
    bool has(const std::string& key) const { return !get(key).empty(); }

    AuthType auth_type() const;
    std::string interface() const; ///< "public" unless set; "publicURL" → "public"
    bool verify() const;           ///< false for verify: false or OS_INSECURE=true
    /// The settings as "key=value (origin)" lines, secrets masked.
    std::vector<std::string> describe() const;
};

/// Keys whose values are secrets (never printed).
bool is_secret_key(const std::string& key);

/// The OS_* variable of each clouds.yaml key this resolution reads.
const std::vector<std::pair<std::string, std::string>>& environment_keys();

/// Resolves `options` against the files and variables of `environment`. A named cloud
/// that no file defines is an error (kind config) naming every file searched; malformed
/// files are located errors; unknown auth_type values are errors. Missing settings are
/// not checked here (connect() says which one it needs).
core::Result<CloudConfig> resolve_cloud_config(const ConnectOptions& options, const ConfigEnvironment& environment);

} // namespace scsctl::openstack
