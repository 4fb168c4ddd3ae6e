// Mount-aware removal. /proc/mounts escapes space, tab, newline and backslash as \ooo.
#include "lab/fs_util.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/mount.h>

#include "lab/command.hpp"

namespace scsctl::lab {

namespace {

std::string unescape_mount_path(const std::string& field)
{
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size() && std::isdigit(static_cast<unsigned char>(field[i + 1]))) {
            out += static_cast<char>(std::stoi(field.substr(i + 1, 3), nullptr, 8));
            i += 3;
        } else {
            out += field[i];
        }
    }
    return out;
}

bool at_or_below(const std::string& mount, const std::string& path)
{
    return mount == path || (mount.size() > path.size() && mount.compare(0, path.size(), path) == 0 &&
                             (path.back() == '/' || mount[path.size()] == '/'));
}

} // namespace

std::string read_proc_mounts()
{
    std::ifstream in("/proc/mounts");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> mounts_below(const std::string& mounts_text, const std::string& path)
{
    std::vector<std::string> found;
    std::istringstream lines(mounts_text);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string device, mount_point;
        if (fields >> device >> mount_point) {
            const std::string decoded = unescape_mount_path(mount_point);
            if (at_or_below(decoded, path)) {
                found.push_back(decoded);
            }
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return found;
}

bool is_mounted(const std::string& path)
{
    const auto mounts = mounts_below(read_proc_mounts(), path);
    return std::find(mounts.begin(), mounts.end(), path) != mounts.end();
}

core::Result<void> unmount_below(const std::string& path)
{
    for (int round = 0; round < 3; ++round) {
        const auto mounts = mounts_below(read_proc_mounts(), path);
        if (mounts.empty()) {
            return {};
        }
        for (const auto& mount : mounts) {
            if (::umount2(mount.c_str(), 0) != 0) {
                ::umount2(mount.c_str(), MNT_DETACH);
            }
        }
    }
    const auto left = mounts_below(read_proc_mounts(), path);
    if (!left.empty()) {
        return core::fail({core::ErrorKind::failed, "cannot unmount " + left.front(), {}});
    }
    return {};
}

core::Result<void> remove_tree(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
        return {};
    }
    SCSCTL_TRY(unmount_below(path));
    SCSCTL_TRY(run_checked({"rm", "-rf", "--one-file-system", "--", path}, "cannot remove " + path));
    return {};
}

} // namespace scsctl::lab
