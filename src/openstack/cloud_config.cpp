// Cloud settings resolution (see cloud_config.hpp). The order is the OpenStack client's:
// in a file a top-level key beats the same key under `auth:` (openstacksdk moves it into
// auth and it wins), OS_* variables beat the file (the client turns them into option
// defaults), and --os-* flags beat everything.
#include "openstack/cloud_config.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace scsctl::openstack {

namespace {

const std::string k_empty;

bool truthy(const std::string& text)
{
    return text == "1" || text == "true" || text == "True" || text == "TRUE" || text == "yes" || text == "Yes" ||
           text == "on";
}

bool falsy(const std::string& text)
{
    return text == "0" || text == "false" || text == "False" || text == "FALSE" || text == "no" || text == "No" ||
           text == "off";
}

std::vector<std::string> config_directories(const ConfigEnvironment& env)
{
    std::vector<std::string> dirs;
    dirs.push_back(env.working_directory);
    const auto xdg = env.variable("XDG_CONFIG_HOME");
    const auto home = env.variable("HOME");
    if (xdg && !xdg->empty()) {
        dirs.push_back(*xdg + "/openstack");
    } else if (home && !home->empty()) {
        dirs.push_back(*home + "/.config/openstack");
    }
    dirs.push_back("/etc/openstack");
    return dirs;
}

/// The candidates for `stem` ("clouds" or "secure"), `variable` first when set.
std::vector<std::string> candidates(const ConfigEnvironment& env, const std::string& stem, const char* variable)
{
    std::vector<std::string> files;
    if (const auto file = env.variable(variable); file && !file->empty()) {
        files.push_back(*file);
    }
    for (const auto& dir : config_directories(env)) {
        for (const char* extension : {".yaml", ".yml", ".json"}) {
            files.push_back(dir + "/" + stem + extension);
        }
    }
    return files;
}

std::optional<std::string> first_existing(const std::vector<std::string>& files)
{
    for (const auto& file : files) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(file, ec)) {
            return file;
        }
    }
    return std::nullopt;
}

std::string joined(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

void apply_entry(const CloudEntry& entry, std::map<std::string, Setting>& settings)
{
    for (const auto& [key, setting] : entry.auth) {
        settings[key] = Setting{setting.value, setting.where.str()};
    }
    for (const auto& [key, setting] : entry.settings) {
        settings[key] = Setting{setting.value, setting.where.str()};
    }
}

core::Result<void> load_named_cloud(const std::string& name, const ConfigEnvironment& env, CloudConfig& config)
{
    const auto clouds_candidates = candidates(env, "clouds", "OS_CLIENT_CONFIG_FILE");
    config.searched = clouds_candidates;
    CloudsFile merged;
    if (const auto file = first_existing(clouds_candidates)) {
        merged = SCSCTL_TRY(load_clouds_file(*file));
        config.clouds_file = *file;
    }
    if (const auto file = first_existing(candidates(env, "secure", "OS_CLIENT_SECURE_FILE"))) {
        merged = merge_secure(std::move(merged), SCSCTL_TRY(load_clouds_file(*file)));
        config.secure_file = *file;
    }
    const auto found = merged.clouds.find(name);
    if (found == merged.clouds.end()) {
        std::string known;
        for (const auto& [cloud, entry] : merged.clouds) {
            known += (known.empty() ? "" : ", ") + cloud;
        }
        std::string where = config.clouds_file.empty() ? "no clouds.yaml found (searched " + joined(clouds_candidates) + ")"
                                                        : "not in " + config.clouds_file;
        if (!config.secure_file.empty()) {
            where += " or " + config.secure_file;
        }
        if (!known.empty()) {
            where += "; clouds there: " + known;
        }
        return core::fail(core::Error{core::ErrorKind::config, "cloud '" + name + "': " + where, {}});
    }
    apply_entry(found->second, config.settings);
    return {};
}

} // namespace

ConfigEnvironment ConfigEnvironment::process()
{
    ConfigEnvironment env;
    env.variable = [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) {
            return std::nullopt;
        }
        return std::string(value);
    };
    std::error_code ec;
    env.working_directory = std::filesystem::current_path(ec).string();
    return env;
}

const std::string& CloudConfig::get(const std::string& key) const
{
    const auto found = settings.find(key);
    return found == settings.end() ? k_empty : found->second.value;
}

AuthType CloudConfig::auth_type() const
{
    const std::string& type = get("auth_type");
    if (type == "v3applicationcredential" || (type.empty() && has("application_credential_secret"))) {
        return AuthType::application_credential;
    }
    return AuthType::password;
}

std::string CloudConfig::interface() const
{
    std::string value = get("interface");
    if (value.empty()) {
        value = get("endpoint_type");
    }
    if (value.ends_with("URL")) {
        value.resize(value.size() - 3);
    }
    return value.empty() ? "public" : value;
}

bool CloudConfig::verify() const
{
    if (truthy(get("insecure"))) {
        return false;
    }
    return !falsy(get("verify"));
}

std::vector<std::string> CloudConfig::describe() const
{
    std::vector<std::string> lines;
    for (const auto& [key, setting] : settings) {
        lines.push_back(key + "=" + (is_secret_key(key) ? std::string("<hidden>") : setting.value) + " (" +
                        setting.origin + ")");
    }
    return lines;
}

bool is_secret_key(const std::string& key)
{
    return key == "password" || key == "application_credential_secret" || key == "token" || key == "secret";
}

const std::vector<std::pair<std::string, std::string>>& environment_keys()
{
    static const std::vector<std::pair<std::string, std::string>> keys = {
        {"auth_url", "OS_AUTH_URL"},
        {"auth_type", "OS_AUTH_TYPE"},
        {"username", "OS_USERNAME"},
        {"user_id", "OS_USER_ID"},
        {"password", "OS_PASSWORD"},
        {"project_name", "OS_PROJECT_NAME"},
        {"project_id", "OS_PROJECT_ID"},
        {"user_domain_name", "OS_USER_DOMAIN_NAME"},
        {"user_domain_id", "OS_USER_DOMAIN_ID"},
        {"project_domain_name", "OS_PROJECT_DOMAIN_NAME"},
        {"project_domain_id", "OS_PROJECT_DOMAIN_ID"},
        {"region_name", "OS_REGION_NAME"},
        {"interface", "OS_INTERFACE"},
        {"application_credential_id", "OS_APPLICATION_CREDENTIAL_ID"},
        {"application_credential_name", "OS_APPLICATION_CREDENTIAL_NAME"},
        {"application_credential_secret", "OS_APPLICATION_CREDENTIAL_SECRET"},
        {"cacert", "OS_CACERT"},
        {"insecure", "OS_INSECURE"},
    };
    return keys;
}

core::Result<CloudConfig> resolve_cloud_config(const ConnectOptions& options, const ConfigEnvironment& environment)
{
    CloudConfig config;
    config.cloud_name = options.cloud;
    if (config.cloud_name.empty()) {
        config.cloud_name = environment.variable("OS_CLOUD").value_or("");
    }
    if (!config.cloud_name.empty()) {
        SCSCTL_TRY(load_named_cloud(config.cloud_name, environment, config));
    }
    for (const auto& [key, variable] : environment_keys()) {
        if (const auto value = environment.variable(variable); value && !value->empty()) {
            config.settings[key] = Setting{*value, variable};
        }
    }
    for (const auto& [key, value] : options.overrides) {
        if (!value.empty()) {
            config.settings[key] = Setting{value, "--os-" + [&] {
                std::string flag = key;
                for (char& c : flag) {
                    c = c == '_' ? '-' : c;
                }
                return flag;
            }()};
        }
    }
    const std::string& type = config.get("auth_type");
    if (!type.empty() && type != "password" && type != "v3password" && type != "v3applicationcredential") {
        const auto& origin = config.settings.at("auth_type").origin;
        return core::fail(core::Error{core::ErrorKind::config,
                                      origin + ": auth_type '" + type +
                                          "' is not supported (password, v3password, v3applicationcredential)",
                                      {}});
    }
    return config;
}

} // namespace scsctl::openstack
