// Mapping Ansible connection variables to transport settings. The order of precedence
// follows ansible-core: a host variable beats configuration; ssh arguments beat both
// for what they set (as OpenSSH command-line options would).
#include "exec/endpoint_vars.hpp"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

#include "transport/ssh_args.hpp"

namespace scsctl::exec {

namespace {

std::optional<std::string> string_var(const core::Value& vars, const char* name)
{
    auto found = vars.find(name);
    if (found == vars.end() || found->is_null()) {
        return std::nullopt;
    }
    if (found->is_string()) {
        return found->get<std::string>();
    }
    if (found->is_number_integer() || found->is_number_unsigned()) {
        return std::to_string(found->get<long long>());
    }
    return found->dump();
}

// Ansible's boolean(): true, "yes", "on", "1", "true" (any case), 1.
bool truthy(const core::Value& value)
{
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number()) {
        return value.get<double>() != 0;
    }
    if (value.is_string()) {
        std::string text = value.get<std::string>();
        for (auto& c : text) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return text == "yes" || text == "on" || text == "1" || text == "true" || text == "y" || text == "t";
    }
    return false;
}

std::string local_user_name()
{
    if (const passwd* entry = ::getpwuid(::geteuid())) {
        return entry->pw_name;
    }
    const char* user = std::getenv("USER");
    return user != nullptr ? user : "root";
}

core::Error config_error(const std::string& host, const std::string& message)
{
    return core::Error{core::ErrorKind::config, host + ": " + message, {}};
}

core::Result<int> port_of(const std::string& host, const core::Value& vars)
{
    for (const char* name : {"ansible_port", "ansible_ssh_port"}) {
        if (auto text = string_var(vars, name)) {
            try {
                std::size_t used = 0;
                const int port = std::stoi(*text, &used);
                if (used == text->size() && port > 0 && port < 65536) {
                    return port;
                }
            } catch (const std::exception&) {
            }
            return core::fail(config_error(host, std::string(name) + " must be a port number, got '" + *text + "'"));
        }
    }
    return 22;
}

std::vector<std::string> known_hosts_override(const core::Value& vars)
{
    std::vector<std::string> files;
    auto found = vars.find("scsctl_known_hosts");
    if (found == vars.end()) {
        return files;
    }
    if (found->is_string()) {
        files.push_back(found->get<std::string>());
    } else if (found->is_array()) {
        for (const auto& item : *found) {
            if (item.is_string()) {
                files.push_back(item.get<std::string>());
            }
        }
    }
    return files;
}

bool become_enabled(const core::Value& vars, const ConnectionDefaults& defaults)
{
    bool enabled = defaults.force_become;
    if (auto found = vars.find("ansible_become"); found != vars.end()) {
        enabled = enabled || truthy(*found);
    }
    return enabled;
}

// The become user and password the host's variables give, whether or not become is on:
// a play or task may turn it on later.
core::Result<transport::Become> become_settings_for(const std::string& host, const core::Value& vars,
                                                    const ConnectionDefaults& defaults)
{
    if (auto method = string_var(vars, "ansible_become_method"); method && *method != "sudo") {
        return core::fail(config_error(host, "ansible_become_method '" + *method +
                                                 "' is not supported (supported: sudo)"));
    }
    transport::Become become;
    if (defaults.become_user_flag) {
        become.user = *defaults.become_user_flag;
    } else if (auto user = string_var(vars, "ansible_become_user")) {
        become.user = *user;
    }
    for (const char* name : {"ansible_become_password", "ansible_become_pass"}) {
        if (auto password = string_var(vars, name)) {
            become.password = *password;
            break;
        }
    }
    return become;
}

} // namespace

std::vector<std::string> default_known_hosts_files(const std::string& inventory_dir)
{
    std::vector<std::string> files;
    if (!inventory_dir.empty()) {
        files.push_back(inventory_dir + "/known_hosts");
    }
    if (const char* home = std::getenv("HOME")) {
        files.push_back(std::string(home) + "/.ssh/known_hosts");
    }
    return files;
}

core::Result<HostConnection> connection_for(const std::string& host, const core::Value& vars,
                                            const ConnectionDefaults& defaults)
{
    HostConnection out;
    transport::Endpoint& endpoint = out.endpoint;
    endpoint.name = host;
    const std::string connection = string_var(vars, "ansible_connection").value_or("ssh");
    if (connection == "local") {
        endpoint.local = true;
    } else if (connection != "ssh" && connection != "smart" && connection != "paramiko") {
        return core::fail(config_error(host, "ansible_connection '" + connection +
                                                 "' is not supported (supported: ssh, local)"));
    }
    endpoint.target.address = string_var(vars, "ansible_host").value_or(string_var(vars, "ansible_ssh_host").value_or(host));
    endpoint.target.port = SCSCTL_TRY(port_of(host, vars));
    endpoint.target.user = string_var(vars, "ansible_user")
                               .value_or(string_var(vars, "ansible_ssh_user")
                                             .value_or(defaults.remote_user.empty() ? local_user_name()
                                                                                    : defaults.remote_user));
    if (auto key = string_var(vars, "ansible_ssh_private_key_file")) {
        endpoint.target.identity_files.push_back(*key);
    } else if (!defaults.private_key_file.empty()) {
        endpoint.target.identity_files.push_back(defaults.private_key_file);
    }
    endpoint.host_key_policy = defaults.host_key_policy;
    endpoint.connect_timeout = defaults.connect_timeout;
    endpoint.persistent_shell = defaults.persistent_shell;
    endpoint.known_hosts_files = default_known_hosts_files(defaults.inventory_dir);
    if (auto overridden = known_hosts_override(vars); !overridden.empty()) {
        endpoint.known_hosts_files = overridden;
    }
    const std::string args = string_var(vars, "ansible_ssh_common_args").value_or("") + " " +
                             string_var(vars, "ansible_ssh_extra_args").value_or("");
    auto parsed = transport::parse_ssh_args(args);
    if (!parsed) {
        return core::fail(config_error(host, "ansible_ssh_common_args: " + parsed.error().message));
    }
    const transport::SshArgs& ssh = *parsed;
    if (ssh.known_hosts_files) {
        endpoint.known_hosts_files = *ssh.known_hosts_files;
    }
    if (ssh.host_key_policy) {
        endpoint.host_key_policy = *ssh.host_key_policy;
    }
    if (defaults.host_key_policy_flag) {
        endpoint.host_key_policy = *defaults.host_key_policy_flag;
    }
    if (ssh.port && !vars.contains("ansible_port")) {
        endpoint.target.port = *ssh.port;
    }
    if (ssh.user && !vars.contains("ansible_user")) {
        endpoint.target.user = *ssh.user;
    }
    for (const auto& file : ssh.identity_files) {
        endpoint.target.identity_files.push_back(file);
    }
    if (ssh.connect_timeout) {
        endpoint.connect_timeout = *ssh.connect_timeout;
    }
    if (ssh.keepalive_interval) {
        endpoint.keepalive_interval = *ssh.keepalive_interval;
    }
    if (ssh.jumps) {
        endpoint.jumps = *ssh.jumps;
        for (auto& hop : endpoint.jumps) {
            if (hop.user.empty()) {
                hop.user = endpoint.target.user;
            }
            if (hop.identity_files.empty()) {
                hop.identity_files = endpoint.target.identity_files;
            }
        }
    }
    out.unsupported = ssh.unsupported;
    out.become_settings = SCSCTL_TRY(become_settings_for(host, vars, defaults));
    if (become_enabled(vars, defaults)) {
        out.become = out.become_settings;
    }
    return out;
}

} // namespace scsctl::exec
