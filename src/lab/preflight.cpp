// Preflight checks with actionable messages.
#include "lab/preflight.hpp"

#include <filesystem>
#include <unistd.h>

#include "lab/command.hpp"

namespace scsctl::lab {

const std::vector<Tool>& lab_tools()
{
    static const std::vector<Tool> tools{
        {"systemd-nspawn", "systemd-container"}, {"ip", "iproute2"},          {"iptables", "iptables"},
        {"ethtool", "ethtool"},                   {"ssh-keygen", "openssh-client"}, {"apt-config", "apt"},
        {"mmdebstrap", "mmdebstrap"},
    };
    return tools;
}

core::Result<void> require_root(const std::string& command)
{
    if (::geteuid() == 0) {
        return {};
    }
    return core::fail({core::ErrorKind::usage,
                       "'scsctl " + command +
                           "' needs root (it creates network namespaces, mounts and systemd-nspawn containers): "
                           "run it as root, e.g. with sudo", {}});
}

core::Result<void> require_tools(bool need_mmdebstrap)
{
    std::string missing, packages;
    for (const auto& tool : lab_tools()) {
        if (std::string(tool.program) == "mmdebstrap" && !need_mmdebstrap) {
            continue;
        }
        if (find_program(tool.program).empty()) {
            missing += (missing.empty() ? "" : ", ") + std::string(tool.program);
            packages += " " + std::string(tool.package);
        }
    }
    if (missing.empty()) {
        return {};
    }
    return core::fail({core::ErrorKind::usage,
                       "missing programs: " + missing + " (install them: apt-get install" + packages + ")", {}});
}

core::Result<std::string> lab_directory(const std::string& dir)
{
    if (dir.empty()) {
        return core::fail({core::ErrorKind::usage, "--dir must name a directory", {}});
    }
    std::error_code ec;
    auto path = std::filesystem::weakly_canonical(std::filesystem::absolute(dir, ec), ec).string();
    while (path.size() > 1 && path.back() == '/') {
        path.pop_back();
    }
    if (path.find_first_of(",:\n") != std::string::npos) {
        return core::fail({core::ErrorKind::usage, "--dir '" + dir +
                                                       "' contains ',' ':' or a newline, which overlay mount "
                                                       "options cannot carry; choose another directory", {}});
    }
    if (path == "/") {
        return core::fail({core::ErrorKind::usage, "--dir must not be /", {}});
    }
    return path;
}

} // namespace scsctl::lab
