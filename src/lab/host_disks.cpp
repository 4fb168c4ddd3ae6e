// Lab disks on loop devices, through losetup (util-linux): attach with --find --show,
// look up and detach by the backing file. See host_disks.hpp.
#include "lab/host_disks.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

#include "lab/command.hpp"

namespace scsctl::lab {

namespace {

namespace fs = std::filesystem;

std::string disk_file(const LabState& state, const HostState& host, const std::string& device)
{
    return host_dir(state.dir, host.name) + "/disks/" + device.substr(device.rfind('/') + 1) + ".img";
}

// The raw format writes unusual characters as \xHH.
std::string unescape_raw(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 3]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 2, 2), nullptr, 16));
            i += 3;
        } else {
            out += text[i];
        }
    }
    return out;
}

core::Result<std::vector<std::pair<std::string, std::string>>> list_loops()
{
    const auto listed = run_command({"losetup", "--list", "--noheadings", "--raw", "--output", "NAME,BACK-FILE"});
    if (!listed.ok()) {
        return core::fail({core::ErrorKind::failed, "losetup --list: " + first_line(listed.err), {}});
    }
    return parse_losetup_list(listed.out);
}

bool below(const std::string& path, const std::string& dir)
{
    const std::string prefix = dir.ends_with('/') ? dir : dir + "/";
    return path.rfind(prefix, 0) == 0;
}

core::Result<void> make_sparse_file(const std::string& path, std::uint64_t size)
{
    std::error_code ec;
    if (fs::exists(path, ec)) {
        return {};
    }
    fs::create_directories(fs::path(path).parent_path(), ec);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 || ::ftruncate(fd, static_cast<off_t>(size)) != 0) {
        const std::string why = std::strerror(errno);
        if (fd >= 0) {
            ::close(fd);
        }
        return core::fail({core::ErrorKind::io, "cannot make the lab disk " + path + ": " + why, {}});
    }
    ::close(fd);
    return {};
}

} // namespace

std::vector<std::string> disk_device_names(int count)
{
    std::vector<std::string> names;
    for (int i = 0; i < count && i < k_max_disks; ++i) {
        names.push_back(std::string("/dev/vd") + static_cast<char>('b' + i));
    }
    return names;
}

core::Result<std::uint64_t> parse_disk_size(const std::string& text)
{
    auto refuse = [&] {
        return core::fail({core::ErrorKind::usage,
                           "--disk-size '" + text +
                               "': give a size of at least 1G as NUMBER followed by M, G or T "
                               "(e.g. 8G)",
                           {}});
    };
    std::size_t digits = 0;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) {
        ++digits;
    }
    if (digits == 0 || digits > 7 || text.size() != digits + 1) {
        return refuse();
    }
    const std::uint64_t number = std::stoull(text.substr(0, digits));
    std::uint64_t unit = 0;
    switch (text.back()) {
    case 'M':
        unit = 1ULL << 20;
        break;
    case 'G':
        unit = 1ULL << 30;
        break;
    case 'T':
        unit = 1ULL << 40;
        break;
    default:
        return refuse();
    }
    if (number * unit < (1ULL << 30) || number * unit > (64ULL << 40)) {
        return refuse();
    }
    return number * unit;
}

std::vector<std::pair<std::string, std::string>> parse_losetup_list(const std::string& text)
{
    std::vector<std::pair<std::string, std::string>> loops;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        const auto space = line.find(' ');
        if (space == std::string::npos || space == 0) {
            continue;
        }
        std::string file = unescape_raw(line.substr(space + 1));
        if (file.ends_with(" (deleted)")) {
            file.resize(file.size() - std::strlen(" (deleted)"));
        }
        loops.emplace_back(line.substr(0, space), file);
    }
    return loops;
}

core::Result<std::vector<std::string>> ensure_host_disks(const LabState& state, const HostState& host)
{
    std::vector<std::string> binds;
    if (state.disks <= 0) {
        return binds;
    }
    const std::uint64_t size = SCSCTL_TRY(parse_disk_size(state.disk_size));
    const auto loops = SCSCTL_TRY(list_loops());
    for (const auto& device : disk_device_names(state.disks)) {
        const std::string file = disk_file(state, host, device);
        SCSCTL_TRY(make_sparse_file(file, size));
        std::string loop;
        for (const auto& [name, back] : loops) {
            if (back == file) {
                loop = name;
            }
        }
        if (loop.empty()) {
            const auto attached = run_command({"losetup", "--find", "--show", file});
            if (!attached.ok()) {
                return core::fail({core::ErrorKind::failed,
                                   "cannot attach " + file + " to a loop device (losetup: " + first_line(attached.err) +
                                       "); lab disks need loop device support",
                                   {}});
            }
            loop = first_line(attached.out);
        }
        binds.push_back("--bind=" + loop + ":" + device);
    }
    return binds;
}

core::Result<int> detach_disks_below(const std::string& dir)
{
    int detached = 0;
    for (const auto& [name, back] : SCSCTL_TRY(list_loops())) {
        if (!below(back, dir)) {
            continue;
        }
        const auto done = run_command({"losetup", "--detach", name});
        if (!done.ok()) {
            return core::fail(
                {core::ErrorKind::failed, "cannot detach " + name + " (" + back + "): " + first_line(done.err), {}});
        }
        ++detached;
    }
    return detached;
}

} // namespace scsctl::lab
