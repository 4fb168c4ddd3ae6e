// Effective scsctl settings with provenance: built-in defaults < ansible.cfg < user scsctl.yml
// < inventory scsctl.yml < SCSCTL_* environment < command-line flags. Depends on core only
// (and yaml-cpp inside the .cpp); must not depend on cli or CLI11.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "core/value.hpp"

namespace scsctl::config {

enum class SourceKind { built_in, ansible_cfg, user_file, inventory_file, environment, flag };

/// Where an effective value came from.
struct Origin {
    SourceKind kind = SourceKind::built_in;
    core::Location where; ///< the file and place for ansible.cfg and scsctl.yml
    std::string name;     ///< the variable ("SCSCTL_FORKS") or flag ("--forks")

    /// "default", "ansible.cfg:/path:12", "scsctl.yml:/path:3", "env SCSCTL_FORKS", "flag --forks".
    std::string str() const;
};

enum class ValueType { positive_int, path_list, text, path, host_key_checking, choice, boolean };

/// One setting scsctl knows: its name, type and the names it has in every source.
struct KeyInfo {
    const char* name;
    ValueType type;
    const char* choices;          ///< "text|json" for choice keys, else ""
    const char* env;              ///< "SCSCTL_FORKS"
    const char* ansible_sections; ///< ansible.cfg sections, ' '-separated, later wins; "" when none
    const char* default_text;     ///< the default as the man page and docs show it
    const char* summary;
};

/// Every key, in the order `config show` lists them.
std::span<const KeyInfo> keys();
const KeyInfo* find_key(std::string_view name);

enum class HostKeyChecking { strict, accept_new, off };

struct Entry {
    const KeyInfo* key = nullptr;
    core::Value value; ///< integer, string, array of strings, or null for "unset"
    Origin origin;
};

/// A configuration file that was looked for, and what became of it.
struct ConsultedFile {
    std::string role;   ///< "ansible.cfg", "user scsctl.yml", "inventory scsctl.yml"
    std::string path;
    std::string status; ///< "used", "not found", or why it was skipped
};

class Settings {
public:
    Settings(); ///< built-in defaults

    int forks() const;
    std::vector<std::string> roles_path() const;
    std::optional<std::string> remote_user() const;
    std::optional<std::string> private_key_file() const;
    HostKeyChecking host_key_checking() const;
    int timeout() const;
    std::string output() const; ///< "text" or "json"
    std::string color() const;  ///< "auto", "always" or "never"
    bool ssh_persistent_shell() const;

    const Entry& entry(std::string_view name) const;
    const std::vector<Entry>& entries() const { return m_entries; }
    void set(std::string_view name, core::Value value, Origin origin);

    std::vector<ConsultedFile> files; ///< in the order they were consulted

private:
    std::vector<Entry> m_entries;
};

/// A value given on the command line, e.g. {"forks", "--forks", "20"}.
struct FlagValue {
    std::string key;
    std::string flag;
    std::string text;
};

/// Everything load_settings reads besides the files themselves, so tests can fake it.
struct SettingsInputs {
    std::vector<std::string> inventories; ///< -i sources, in order (only the first is used)
    std::vector<FlagValue> flags;
    std::map<std::string, std::string> environment;
    std::string cwd;
};

/// Inputs with this process's environment and working directory (and no flags).
SettingsInputs inputs_from_process();

/// Loads the effective settings. Every problem goes to `diagnostics` located at its
/// source; a bad value leaves the lower-precedence value in place.
Settings load_settings(const SettingsInputs& inputs, core::Diagnostics& diagnostics);

/// Display form of a value: "5", "a:b", "(unset)".
std::string display(const core::Value& value);

} // namespace scsctl::config
