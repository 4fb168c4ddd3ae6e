// The lab state file in JSON (nlohmann), with a version so that an older scsctl refuses
// a newer file instead of misreading it.
#include "lab/lab_state.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <unistd.h>

#include "core/text_file.hpp"
#include "core/value.hpp"

namespace scsctl::lab {

HostState* LabState::find(const std::string& name)
{
    for (auto& host : hosts) {
        if (host.name == name) {
            return &host;
        }
    }
    return nullptr;
}

std::string count_hosts(std::size_t count)
{
    return std::to_string(count) + (count == 1 ? " host" : " hosts");
}

std::string state_path(const std::string& dir)
{
    return dir + "/lab.json";
}

std::string host_dir(const std::string& dir, const std::string& host)
{
    return dir + "/hosts/" + host;
}

std::string host_root(const std::string& dir, const std::string& host)
{
    return host_dir(dir, host) + "/root";
}

std::string state_to_json(const LabState& state)
{
    core::Value json = core::Value::object();
    json["version"] = state.version;
    json["id"] = state.id;
    json["dir"] = state.dir;
    json["bridge"] = state.bridge;
    json["subnet"] = state.subnet;
    json["gateway"] = state.gateway;
    json["nat_comment"] = state.nat_comment;
    json["base"] = state.base;
    json["base_flavor"] = state.base_flavor;
    json["prefix"] = state.prefix;
    json["disks"] = state.disks;
    json["disk_size"] = state.disk_size;
    json["ip_forward_before"] = state.ip_forward_before;
    json["hosts"] = core::Value::array();
    for (const auto& host : state.hosts) {
        json["hosts"].push_back({{"name", host.name},
                                 {"index", host.index},
                                 {"address", host.address},
                                 {"netns", host.netns},
                                 {"veth", host.veth},
                                 {"machine", host.machine},
                                 {"pid", host.pid},
                                 {"pid_start", host.pid_start}});
    }
    return json.dump(2) + "\n";
}

core::Result<LabState> state_from_json(const std::string& text, const std::string& path)
{
    const auto json = core::Value::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return core::fail({core::ErrorKind::config, "not a lab state file (malformed JSON)", {path, 1, 1}});
    }
    LabState state;
    try {
        state.version = json.at("version").get<int>();
        if (state.version > k_state_version) {
            return core::fail({core::ErrorKind::config,
                               "lab state version " + std::to_string(state.version) +
                                   " is newer than this scsctl understands (" + std::to_string(k_state_version) + ")",
                               {path, 1, 1}});
        }
        state.id = json.at("id").get<std::string>();
        state.dir = json.at("dir").get<std::string>();
        state.bridge = json.at("bridge").get<std::string>();
        state.subnet = json.at("subnet").get<std::string>();
        state.gateway = json.at("gateway").get<std::string>();
        state.nat_comment = json.at("nat_comment").get<std::string>();
        state.base = json.value("base", "");
        state.base_flavor = json.value("base_flavor", "");
        state.prefix = json.value("prefix", "lab");
        state.disks = json.value("disks", 0);
        state.disk_size = json.value("disk_size", "8G");
        state.ip_forward_before = json.value("ip_forward_before", -1);
        for (const auto& entry : json.at("hosts")) {
            HostState host;
            host.name = entry.at("name").get<std::string>();
            host.index = entry.at("index").get<int>();
            host.address = entry.at("address").get<std::string>();
            host.netns = entry.at("netns").get<std::string>();
            host.veth = entry.at("veth").get<std::string>();
            host.machine = entry.at("machine").get<std::string>();
            host.pid = entry.value("pid", 0);
            host.pid_start = entry.value("pid_start", 0LL);
            state.hosts.push_back(std::move(host));
        }
    } catch (const nlohmann::json::exception& error) {
        return core::fail({core::ErrorKind::config, std::string("malformed lab state: ") + error.what(), {path, 1, 1}});
    }
    return state;
}

core::Result<std::optional<LabState>> load_state(const std::string& dir)
{
    const std::string path = state_path(dir);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return std::optional<LabState>{};
    }
    auto text = SCSCTL_TRY(core::read_text_file(path));
    return std::optional<LabState>{SCSCTL_TRY(state_from_json(text, path))};
}

core::Result<void> write_file_atomic(const std::string& path, const std::string& content, unsigned mode)
{
    const std::string temp = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        return core::fail({core::ErrorKind::io, "cannot write " + path + ": " + std::strerror(errno), {}});
    }
    ::fchmod(fd, mode);
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const std::string reason = std::strerror(errno);
            ::close(fd);
            ::unlink(temp.c_str());
            return core::fail({core::ErrorKind::io, "cannot write " + path + ": " + reason, {}});
        }
        written += static_cast<std::size_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(temp.c_str());
        return core::fail({core::ErrorKind::io, "cannot write " + path + ": " + reason, {}});
    }
    return {};
}

core::Result<void> save_state(const LabState& state)
{
    const std::string text = state_to_json(state);
    auto existing = core::read_text_file(state_path(state.dir));
    if (existing && *existing == text) {
        return {}; // unchanged: `lab up` on a running lab touches no file
    }
    return write_file_atomic(state_path(state.dir), text, 0644);
}

} // namespace scsctl::lab
