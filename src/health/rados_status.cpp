// librados as a short-lived client: create, set the monitors, the key and timeouts
// (without client_mount_timeout rados_connect blocks for 300 s when no monitor answers),
// connect, the monitor commands, shut down. No configuration file is read, so nothing on
// the controller (an /etc/ceph of another cluster) changes what is asked.
#if SCSCTL_HAVE_RADOS
#include "health/rados_status.hpp"

#include <rados/librados.h>

#include <cstring>
#include <memory>

namespace scsctl::health {

namespace {

core::Error rados_error(const RadosTarget& target, const std::string& what, int code)
{
    return {core::ErrorKind::unreachable,
            "ceph monitors " + target.mon_host + ": " + what + ": " + std::strerror(code < 0 ? -code : code), {}};
}

struct ClusterCloser {
    void operator()(rados_t* cluster) const
    {
        rados_shutdown(*cluster);
        delete cluster;
    }
};

} // namespace

core::Result<std::vector<nlohmann::json>> rados_mon_commands(const RadosTarget& target,
                                                            const std::vector<std::string>& prefixes)
{
    auto* raw = new rados_t{};
    const std::string name = target.client.starts_with("client.") ? target.client : "client." + target.client;
    if (int rc = rados_create2(raw, "ceph", name.c_str(), 0); rc < 0) {
        delete raw;
        return core::fail(rados_error(target, "creating the client", rc));
    }
    std::unique_ptr<rados_t, ClusterCloser> cluster(raw);
    const std::string timeout = std::to_string(target.timeout.count());
    const std::pair<const char*, const char*> settings[] = {
        {"mon_host", target.mon_host.c_str()},
        {"key", target.key.c_str()},
        {"client_mount_timeout", timeout.c_str()},
        {"rados_mon_op_timeout", timeout.c_str()},
        {"log_to_stderr", "false"},
        {"err_to_stderr", "false"},
        {"log_file", ""},
    };
    for (const auto& [option, value] : settings) {
        if (int rc = rados_conf_set(*cluster, option, value); rc < 0) {
            return core::fail(rados_error(target, std::string("setting ") + option, rc));
        }
    }
    if (int rc = rados_connect(*cluster); rc < 0) {
        return core::fail(rados_error(target, "connecting", rc));
    }
    std::vector<nlohmann::json> answers;
    for (const auto& prefix : prefixes) {
        const std::string request = nlohmann::json{{"prefix", prefix}, {"format", "json"}}.dump();
        const char* command[] = {request.c_str()};
        char* out = nullptr;
        char* status = nullptr;
        size_t out_length = 0;
        size_t status_length = 0;
        const int rc = rados_mon_command(*cluster, command, 1, "", 0, &out, &out_length, &status, &status_length);
        const std::string text(out ? out : "", out_length);
        const std::string reason(status ? status : "", status_length);
        rados_buffer_free(out);
        rados_buffer_free(status);
        if (rc < 0) {
            return core::fail(rados_error(target, prefix + (reason.empty() ? "" : " (" + reason + ")"), rc));
        }
        auto parsed = nlohmann::json::parse(text, nullptr, false);
        if (parsed.is_discarded()) {
            return core::fail(
                core::Error{core::ErrorKind::failed, "ceph " + prefix + ": the monitors' answer is not JSON", {}});
        }
        answers.push_back(std::move(parsed));
    }
    return answers;
}

std::string keyring_key(std::string_view keyring_text)
{
    while (!keyring_text.empty()) {
        const auto end = keyring_text.find('\n');
        std::string_view line = keyring_text.substr(0, end);
        keyring_text = end == std::string_view::npos ? std::string_view{} : keyring_text.substr(end + 1);
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos) {
            continue;
        }
        line.remove_prefix(first);
        if (!line.starts_with("key")) {
            continue;
        }
        line.remove_prefix(3);
        const auto equals = line.find_first_not_of(" \t");
        if (equals == std::string_view::npos || line[equals] != '=') {
            continue;
        }
        line.remove_prefix(equals + 1);
        const auto value_start = line.find_first_not_of(" \t");
        const auto value_end = line.find_last_not_of(" \t\r");
        return value_start == std::string_view::npos ? std::string{}
                                                     : std::string(line.substr(value_start, value_end - value_start + 1));
    }
    return {};
}

} // namespace scsctl::health

#endif // SCSCTL_HAVE_RADOS
