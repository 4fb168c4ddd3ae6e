// Host identity and SSH files. The resolver of the machine is copied when it names a
// non-loopback server (reachable through the lab's NAT); a loopback resolver (systemd-
// resolved's 127.0.0.53) would be the host's own loopback, so none is written then.
#include "lab/host_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "core/text_file.hpp"
#include "lab/command.hpp"

namespace scsctl::lab {

namespace {

namespace fs = std::filesystem;

core::Result<void> make_dirs(const std::string& path, unsigned mode)
{
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) {
        return core::fail({core::ErrorKind::io, "cannot create " + path + ": " + ec.message(), {}});
    }
    ::chmod(path.c_str(), mode);
    return {};
}

std::string random_machine_id()
{
    std::ifstream random("/dev/urandom", std::ios::binary);
    unsigned char bytes[16] = {};
    random.read(reinterpret_cast<char*>(bytes), sizeof bytes);
    static const char* digits = "0123456789abcdef";
    std::string id;
    for (const unsigned char byte : bytes) {
        id += digits[byte >> 4];
        id += digits[byte & 15];
    }
    return id;
}

std::string resolver_text()
{
    auto text = core::read_text_file("/etc/resolv.conf");
    if (!text) {
        return "";
    }
    std::istringstream lines(*text);
    std::string line, out;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string key, value;
        fields >> key >> value;
        if (key == "nameserver" && (value.rfind("127.", 0) == 0 || value == "::1")) {
            continue;
        }
        if (key == "nameserver" || key == "search" || key == "options") {
            out += line + "\n";
        }
    }
    return out;
}

} // namespace

std::string client_key_path(const std::string& dir)
{
    return dir + "/id_ed25519";
}

std::string known_hosts_path(const std::string& dir)
{
    return dir + "/known_hosts";
}

std::string upper_dir(const std::string& dir, const std::string& host)
{
    return host_dir(dir, host) + "/upper";
}

core::Result<bool> write_if_changed(const std::string& path, const std::string& content, unsigned mode)
{
    auto existing = core::read_text_file(path);
    if (existing && *existing == content) {
        return false;
    }
    SCSCTL_TRY(write_file_atomic(path, content, mode));
    return true;
}

core::Result<void> ensure_client_key(const std::string& dir)
{
    const std::string key = client_key_path(dir);
    std::error_code ec;
    if (fs::exists(key, ec) && fs::exists(key + ".pub", ec)) {
        return {};
    }
    fs::remove(key, ec);
    fs::remove(key + ".pub", ec);
    SCSCTL_TRY(run_checked({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "scsctl-lab", "-f", key},
                           "cannot create the lab's client key"));
    ::chmod(key.c_str(), 0600);
    return {};
}

core::Result<void> prepare_host_files(const LabState& state, const HostState& host)
{
    const std::string upper = upper_dir(state.dir, host.name);
    SCSCTL_TRY(make_dirs(upper + "/etc/ssh/sshd_config.d", 0755));
    SCSCTL_TRY(make_dirs(upper + "/root/.ssh", 0700));
    SCSCTL_TRY(make_dirs(host_dir(state.dir, host.name) + "/work", 0755));
    SCSCTL_TRY(make_dirs(host_root(state.dir, host.name), 0755));
    const std::string key = upper + "/etc/ssh/ssh_host_ed25519_key";
    std::error_code ec;
    if (!fs::exists(key, ec) || !fs::exists(key + ".pub", ec)) {
        fs::remove(key, ec);
        fs::remove(key + ".pub", ec);
        SCSCTL_TRY(run_checked({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "root@" + host.name, "-f", key},
                               "cannot create the host key of " + host.name));
    }
    if (!fs::exists(upper + "/etc/machine-id", ec)) {
        SCSCTL_TRY(write_file_atomic(upper + "/etc/machine-id", random_machine_id() + "\n", 0444));
    }
    SCSCTL_TRY(write_if_changed(upper + "/etc/hostname", host.name + "\n", 0644));
    SCSCTL_TRY(write_if_changed(upper + "/etc/hosts",
                                "127.0.0.1\tlocalhost\n" + host.address + "\t" + host.name + "\n" +
                                    "::1\tlocalhost ip6-localhost ip6-loopback\n",
                                0644));
    SCSCTL_TRY(write_if_changed(upper + "/etc/ssh/sshd_config.d/scsctl-lab.conf",
                                "# written by scsctl lab\nHostKey /etc/ssh/ssh_host_ed25519_key\n"
                                "PermitRootLogin prohibit-password\nPasswordAuthentication no\n"
                                "KbdInteractiveAuthentication no\nUseDNS no\n",
                                0644));
    // root lingers: its user manager (user@0.service) then runs all the time. Otherwise
    // logind stops it 10 s after the last root login, and in a container whose cgroup v1
    // hierarchy sends no "empty" notifications that stop hangs until its 90 s timeout,
    // during which every new SSH login waits in pam_systemd (channels fail, commands
    // time out).
    SCSCTL_TRY(make_dirs(upper + "/var/lib/systemd/linger", 0755));
    SCSCTL_TRY(write_if_changed(upper + "/var/lib/systemd/linger/root", "", 0644));
    auto client_pub = SCSCTL_TRY(core::read_text_file(client_key_path(state.dir) + ".pub"));
    SCSCTL_TRY(write_if_changed(upper + "/root/.ssh/authorized_keys", client_pub, 0600));
    const std::string resolver = resolver_text();
    if (!resolver.empty()) {
        // resolv.conf may be a symlink in the base; the upper file replaces it.
        if (fs::is_symlink(upper + "/etc/resolv.conf", ec)) {
            fs::remove(upper + "/etc/resolv.conf", ec);
        }
        SCSCTL_TRY(write_if_changed(upper + "/etc/resolv.conf", resolver, 0644));
    }
    return {};
}

core::Result<std::string> known_hosts_text(const LabState& state)
{
    std::string text;
    for (const auto& host : state.hosts) {
        const std::string pub = upper_dir(state.dir, host.name) + "/etc/ssh/ssh_host_ed25519_key.pub";
        auto line = SCSCTL_TRY(core::read_text_file(pub));
        std::istringstream fields(line);
        std::string type, blob;
        fields >> type >> blob;
        if (type.empty() || blob.empty()) {
            return core::fail({core::ErrorKind::failed, "malformed host key " + pub, {}});
        }
        text += host.address + " " + type + " " + blob + "\n";
    }
    return text;
}

} // namespace scsctl::lab
