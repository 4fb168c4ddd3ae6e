// The setting keys, their defaults, and load_settings: the precedence of the sources.
// Depends on core and the config sources; must not depend on cli or CLI11.
#include "config/settings.hpp"

#include <filesystem>
#include <stdexcept>

#include "config/sources.hpp"
#include "config/value_parse.hpp"

extern char** environ;

namespace scsctl::config {

namespace {

// Defaults follow ansible-core 2.14 (config/base.yml and the ssh connection plugin) so an
// inventory behaves as it does under ansible-playbook, except forks: Ansible's 5 exists
// because each fork is a process; a host in flight costs scsctl a socket and ~60 KB, so
// its default is 50 (an ansible.cfg forks setting still applies). Timeout 10
// (DEFAULT_TIMEOUT), host key checking on (HOST_KEY_CHECKING: True), roles_path as
// DEFAULT_ROLES_PATH with ANSIBLE_HOME=~/.ansible.
constexpr KeyInfo k_keys[] = {
    {"forks", ValueType::positive_int, "", "SCSCTL_FORKS", "defaults", "50",
     "Hosts worked on in parallel"},
    {"roles_path", ValueType::path_list, "", "SCSCTL_ROLES_PATH", "defaults",
     "~/.ansible/roles:/usr/share/ansible/roles:/etc/ansible/roles", "Directories searched for roles, in order"},
    {"remote_user", ValueType::text, "", "SCSCTL_REMOTE_USER", "defaults", "(unset: the current user)",
     "User to log in as on the hosts"},
    {"private_key_file", ValueType::path, "", "SCSCTL_PRIVATE_KEY_FILE", "defaults", "(unset: ssh agent and defaults)",
     "SSH private key used to log in"},
    {"host_key_checking", ValueType::host_key_checking, "strict|accept-new|off", "SCSCTL_HOST_KEY_CHECKING",
     "defaults ssh_connection", "strict", "How unknown or changed SSH host keys are treated"},
    {"timeout", ValueType::positive_int, "", "SCSCTL_TIMEOUT", "defaults ssh_connection", "10",
     "Connection timeout in seconds"},
    {"output", ValueType::choice, "text|json|prometheus", "SCSCTL_OUTPUT", "", "text",
     "Format of data on stdout (prometheus: health only)"},
    {"color", ValueType::choice, "auto|always|never", "SCSCTL_COLOR", "", "auto", "Colour on terminals"},
    {"ssh_persistent_shell", ValueType::boolean, "", "SCSCTL_SSH_PERSISTENT_SHELL", "", "true",
     "Run commands on one persistent /bin/sh per SSH connection"},
};

const char* const k_default_roles_path[] = {"~/.ansible/roles", "/usr/share/ansible/roles", "/etc/ansible/roles"};

core::Value built_in_value(const KeyInfo& key)
{
    switch (key.type) {
    case ValueType::positive_int:
        return core::Value(std::stoi(key.default_text));
    case ValueType::path_list: {
        core::Value list = core::Value::array();
        for (const char* path : k_default_roles_path) {
            list.push_back(path);
        }
        return list;
    }
    case ValueType::text:
    case ValueType::path:
        return core::Value(nullptr);
    case ValueType::host_key_checking:
    case ValueType::choice:
        return core::Value(key.default_text);
    case ValueType::boolean:
        return core::Value(std::string_view(key.default_text) == "true");
    }
    return core::Value(nullptr);
}

void apply_environment(Settings& settings, const SettingsInputs& inputs, core::Diagnostics& diagnostics)
{
    const PathContext context{inputs.cwd, &inputs.environment};
    for (const KeyInfo& key : keys()) {
        const auto it = inputs.environment.find(key.env);
        if (it == inputs.environment.end() || it->second.empty()) {
            continue; // an empty variable counts as unset
        }
        auto value = parse_text(key, it->second, Dialect::scsctl, context);
        if (!value) {
            diagnostics.error(core::Location{key.env, 0, 0}, value.error().message);
            continue;
        }
        settings.set(key.name, std::move(*value), Origin{SourceKind::environment, {}, key.env});
    }
}

void apply_flags(Settings& settings, const SettingsInputs& inputs, core::Diagnostics& diagnostics)
{
    const PathContext context{inputs.cwd, &inputs.environment};
    for (const FlagValue& flag : inputs.flags) {
        const KeyInfo* key = find_key(flag.key);
        if (key == nullptr) {
            diagnostics.error(core::Location{flag.flag, 0, 0}, "unknown setting '" + flag.key + "'");
            continue;
        }
        auto value = parse_text(*key, flag.text, Dialect::scsctl, context);
        if (!value) {
            diagnostics.error(core::Location{flag.flag, 0, 0}, value.error().message);
            continue;
        }
        settings.set(key->name, std::move(*value), Origin{SourceKind::flag, {}, flag.flag});
    }
}

/// The built-in roles_path with '~' resolved against this environment.
void resolve_default_roles_path(Settings& settings, const SettingsInputs& inputs)
{
    const PathContext context{inputs.cwd, &inputs.environment};
    core::Value list = core::Value::array();
    for (const char* path : k_default_roles_path) {
        list.push_back(resolve_path(path, context));
    }
    settings.set("roles_path", std::move(list), Origin{});
}

} // namespace

std::span<const KeyInfo> keys()
{
    return k_keys;
}

const KeyInfo* find_key(std::string_view name)
{
    for (const KeyInfo& key : k_keys) {
        if (name == key.name) {
            return &key;
        }
    }
    return nullptr;
}

std::string Origin::str() const
{
    switch (kind) {
    case SourceKind::built_in:
        return "default";
    case SourceKind::ansible_cfg:
        return "ansible.cfg:" + where.file + ":" + std::to_string(where.line);
    case SourceKind::user_file:
    case SourceKind::inventory_file:
        return "scsctl.yml:" + where.file + ":" + std::to_string(where.line);
    case SourceKind::environment:
        return "env " + name;
    case SourceKind::flag:
        return "flag " + name;
    }
    return "unknown";
}

Settings::Settings()
{
    for (const KeyInfo& key : k_keys) {
        m_entries.push_back(Entry{&key, built_in_value(key), Origin{}});
    }
}

const Entry& Settings::entry(std::string_view name) const
{
    for (const Entry& entry : m_entries) {
        if (name == entry.key->name) {
            return entry;
        }
    }
    throw std::out_of_range("unknown setting " + std::string(name));
}

void Settings::set(std::string_view name, core::Value value, Origin origin)
{
    for (Entry& target : m_entries) {
        if (name == target.key->name) {
            target.value = std::move(value);
            target.origin = std::move(origin);
            return;
        }
    }
    throw std::out_of_range("unknown setting " + std::string(name));
}

int Settings::forks() const
{
    return entry("forks").value.get<int>();
}

std::vector<std::string> Settings::roles_path() const
{
    return entry("roles_path").value.get<std::vector<std::string>>();
}

std::optional<std::string> Settings::remote_user() const
{
    const auto& value = entry("remote_user").value;
    return value.is_string() ? std::optional<std::string>(value.get<std::string>()) : std::nullopt;
}

std::optional<std::string> Settings::private_key_file() const
{
    const auto& value = entry("private_key_file").value;
    return value.is_string() ? std::optional<std::string>(value.get<std::string>()) : std::nullopt;
}

HostKeyChecking Settings::host_key_checking() const
{
    const auto word = entry("host_key_checking").value.get<std::string>();
    if (word == "off") {
        return HostKeyChecking::off;
    }
    return word == "accept-new" ? HostKeyChecking::accept_new : HostKeyChecking::strict;
}

int Settings::timeout() const
{
    return entry("timeout").value.get<int>();
}

std::string Settings::output() const
{
    return entry("output").value.get<std::string>();
}

std::string Settings::color() const
{
    return entry("color").value.get<std::string>();
}

bool Settings::ssh_persistent_shell() const
{
    return entry("ssh_persistent_shell").value.get<bool>();
}

std::string display(const core::Value& value)
{
    if (value.is_null()) {
        return "(unset)";
    }
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_array()) {
        std::string joined;
        for (const auto& item : value) {
            joined += (joined.empty() ? "" : ":") + display(item);
        }
        return joined;
    }
    return value.dump();
}

SettingsInputs inputs_from_process()
{
    SettingsInputs inputs;
    for (char** variable = environ; variable != nullptr && *variable != nullptr; ++variable) {
        const std::string text = *variable;
        const std::size_t equals = text.find('=');
        if (equals != std::string::npos) {
            inputs.environment.emplace(text.substr(0, equals), text.substr(equals + 1));
        }
    }
    std::error_code ec;
    inputs.cwd = std::filesystem::current_path(ec).string();
    return inputs;
}

Settings load_settings(const SettingsInputs& inputs, core::Diagnostics& diagnostics)
{
    Settings settings;
    resolve_default_roles_path(settings, inputs);
    if (const auto ansible_cfg = find_ansible_cfg(inputs, settings.files, diagnostics)) {
        apply_ansible_cfg(settings, *ansible_cfg, inputs, diagnostics);
    }
    const std::string user_file = user_config_path(inputs);
    const std::string user_status = apply_scsctl_yml(settings, user_file, SourceKind::user_file, inputs, diagnostics);
    settings.files.push_back({"user scsctl.yml", user_file, user_status});
    if (const auto inventory_file = inventory_config_path(inputs)) {
        std::error_code ec;
        if (std::filesystem::equivalent(std::filesystem::path(inputs.cwd) / *inventory_file, user_file, ec)) {
            settings.files.push_back({"inventory scsctl.yml", *inventory_file, "same file as the user scsctl.yml"});
        } else {
            settings.files.push_back({"inventory scsctl.yml", *inventory_file,
                                      apply_scsctl_yml(settings, *inventory_file, SourceKind::inventory_file, inputs,
                                                       diagnostics)});
        }
    }
    apply_environment(settings, inputs, diagnostics);
    apply_flags(settings, inputs, diagnostics);
    return settings;
}

} // namespace scsctl::config
