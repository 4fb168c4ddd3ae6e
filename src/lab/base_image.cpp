// Building and caching the base image. Layout of the cache directory:
//   base-FLAVOR-KEY/          a finished image (only ever created by rename)
//   .build-FLAVOR-KEY.PID/    an image being built (removed, unmounted first, when PID is gone)
//   build-FLAVOR-KEY.log      mmdebstrap's output of the last build
//   .lock                     flock(2) held while checking or building
#include "lab/base_image.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

#include "core/text_file.hpp"
#include "lab/command.hpp"
#include "lab/fs_util.hpp"

namespace scsctl::lab {

namespace {

constexpr const char* k_recipe_version = "scsctl-lab-base-1";
constexpr const char* k_suite = "bookworm";

// Packages whose enabled units stay enabled; every other enabled unit in the image is
// disabled, so a host runs only what a deploy enables (no OVN databases on every host).
constexpr const char* k_keep_units_of = "systemd systemd-sysv dbus openssh-server e2fsprogs util-linux apt dpkg";

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 1469598103934665603ull)
{
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

bool process_alive(pid_t pid)
{
    return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

// Removes leftovers of builds whose process is gone (called under the lock).
void remove_stale_builds(const std::string& cache, const Progress& progress)
{
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(cache, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(".build-", 0) != 0) {
            continue;
        }
        const pid_t pid = static_cast<pid_t>(std::atoi(name.substr(name.rfind('.') + 1).c_str()));
        if (!process_alive(pid)) {
            progress("removing an interrupted base build: " + entry.path().string());
            (void)remove_tree(entry.path().string());
        }
    }
}

class CacheLock {
public:
    explicit CacheLock(const std::string& path) : m_fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {}
    ~CacheLock()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    CacheLock(const CacheLock&) = delete;
    CacheLock& operator=(const CacheLock&) = delete;

    core::Result<void> acquire(const Progress& progress)
    {
        if (m_fd < 0) {
            return core::fail({core::ErrorKind::io, std::string("cannot open the cache lock: ") + std::strerror(errno), {}});
        }
        if (::flock(m_fd, LOCK_EX | LOCK_NB) == 0) {
            return {};
        }
        progress("waiting for another scsctl that is building the base image");
        while (::flock(m_fd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                return core::fail({core::ErrorKind::io, std::string("cannot lock the cache: ") + std::strerror(errno), {}});
            }
        }
        return {};
    }

private:
    int m_fd;
};

std::vector<std::string> mmdebstrap_argv(const BaseRecipe& recipe, const std::string& target)
{
    std::vector<std::string> argv{"mmdebstrap", "--variant=minbase", "--mode=root", "--format=directory"};
    std::string include;
    for (const auto& package : recipe.packages) {
        include += (include.empty() ? "" : ",") + package;
    }
    argv.push_back("--include=" + include);
    for (const auto& option : recipe.apt_options) {
        argv.push_back("--aptopt=" + option);
    }
    argv.push_back("--aptopt=APT::Install-Recommends \"false\"");
    for (const auto& hook : customize_hooks()) {
        argv.push_back("--customize-hook=" + hook);
    }
    argv.push_back(k_suite);
    argv.push_back(target);
    if (!recipe.sources_file.empty()) {
        argv.push_back(recipe.sources_file);
    }
    return argv;
}

std::string last_lines(const std::string& text, int count)
{
    std::size_t end = text.size();
    while (end > 0 && text[end - 1] == '\n') {
        --end;
    }
    std::size_t start = end;
    for (int i = 0; i < count && start > 0; ++i) {
        start = text.rfind('\n', start - 1);
        if (start == std::string::npos) {
            start = 0;
            break;
        }
    }
    std::string tail = text.substr(start, end - start);
    while (!tail.empty() && tail.front() == '\n') {
        tail.erase(0, 1);
    }
    for (auto& c : tail) {
        c = c == '\n' ? ';' : c;
    }
    return tail;
}

} // namespace

std::string flavor_name(BaseFlavor flavor)
{
    return flavor == BaseFlavor::full ? "full" : "minimal";
}

core::Result<BaseFlavor> parse_flavor(const std::string& text)
{
    if (text == "full") {
        return BaseFlavor::full;
    }
    if (text == "minimal") {
        return BaseFlavor::minimal;
    }
    return core::fail({core::ErrorKind::usage, "--base must be 'full' or 'minimal', not '" + text + "'", {}});
}

std::vector<std::string> flavor_packages(BaseFlavor flavor)
{
    std::vector<std::string> packages{"systemd",  "systemd-sysv", "dbus",  "openssh-server", "iproute2",
                                      "ethtool",  "sudo",         "procps", "ca-certificates"};
    if (flavor == BaseFlavor::full) {
        for (const char* package : {"qemu-system-x86", "qemu-utils", "libvirt-daemon-system", "libvirt-clients",
                                    "ceph-mon", "ceph-mgr", "ceph-osd", "ceph-common", "uuid-runtime", "ovn-central",
                                    "ovn-host", "openvswitch-switch"}) {
            packages.emplace_back(package);
        }
    }
    return packages;
}

std::vector<std::string> customize_hooks()
{
    // $1 is the new root. Host keys are made per host; units of packages other than the
    // basics are disabled; nvmf-autoconnect (nvme-cli, pulled in by Ceph) is masked, as
    // it fails in a container and leaves the system "degraded"; apt in the hosts never
    // installs recommends; the recipe is recorded in /etc/scsctl-lab-base.
    return {
        R"(rm -f "$1"/etc/ssh/ssh_host_*)",
        std::string(R"(systemctl --root="$1" list-unit-files --state=enabled --no-legend --no-pager | )") +
            R"(while read -r unit _; do )" +
            R"(pkg=$(chroot "$1" dpkg-query -S "/lib/systemd/system/$unit" 2>/dev/null | cut -d: -f1); )" +
            R"(case " )" + k_keep_units_of + R"( " in *" $pkg "*) ;; *) )" +
            R"sh([ -n "$pkg" ] && systemctl --root="$1" disable --quiet "$unit" && echo "disabled $unit ($pkg)";; esac; done)sh",
        R"(systemctl --root="$1" mask --quiet nvmf-autoconnect.service)",
        R"(printf 'APT::Install-Recommends "false";\n' >"$1"/etc/apt/apt.conf.d/90scsctl-lab-no-recommends)",
        R"(: >"$1"/etc/machine-id)",
    };
}

BaseRecipe machine_recipe(BaseFlavor flavor)
{
    BaseRecipe recipe;
    recipe.flavor = flavor;
    recipe.packages = flavor_packages(flavor);
    // The machine's proxy and date-check options, so the hosts reach the same archive.
    const auto dump = run_command({"apt-config", "dump"});
    std::istringstream lines(dump.out);
    std::string line;
    while (std::getline(lines, line)) {
        std::string lower = line;
        for (auto& c : lower) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (lower.rfind("acquire::", 0) == 0 && (lower.find("proxy") != std::string::npos ||
                                                 lower.find("check-valid-until") != std::string::npos ||
                                                 lower.find("check-date") != std::string::npos)) {
            if (!line.empty() && line.back() == ';') {
                line.pop_back();
            }
            recipe.apt_options.push_back(line);
        }
    }
    for (const char* candidate : {"/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"}) {
        auto text = core::read_text_file(candidate);
        if (text && text->find("deb") != std::string::npos) {
            recipe.sources_file = candidate;
            recipe.sources_text = *text;
            break;
        }
    }
    return recipe;
}

std::string recipe_key(const BaseRecipe& recipe)
{
    std::uint64_t hash = fnv1a(k_recipe_version);
    hash = fnv1a(flavor_name(recipe.flavor), hash);
    for (const auto& part : recipe.packages) {
        hash = fnv1a("\npkg:" + part, hash);
    }
    for (const auto& part : recipe.apt_options) {
        hash = fnv1a("\nopt:" + part, hash);
    }
    hash = fnv1a("\nsources:" + recipe.sources_text, hash);
    for (const auto& hook : customize_hooks()) {
        hash = fnv1a("\nhook:" + hook, hash);
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

std::string cache_dir(const std::string& override_dir)
{
    if (!override_dir.empty()) {
        return override_dir;
    }
    const char* env = std::getenv("SCSCTL_LAB_CACHE");
    return env != nullptr && *env != '\0' ? env : "/var/cache/scsctl/lab";
}

std::string cached_base_path(const std::string& cache, const BaseRecipe& recipe)
{
    return cache + "/base-" + flavor_name(recipe.flavor) + "-" + recipe_key(recipe);
}

core::Result<std::string> ensure_base(const std::string& cache, const BaseRecipe& recipe, const Progress& progress)
{
    const std::string key = recipe_key(recipe);
    const std::string label = flavor_name(recipe.flavor) + "-" + key;
    const std::string final_dir = cache + "/base-" + label;
    std::error_code ec;
    std::filesystem::create_directories(cache, ec);
    if (ec) {
        return core::fail({core::ErrorKind::io, "cannot create the cache directory " + cache + ": " + ec.message(), {}});
    }
    CacheLock lock(cache + "/.lock");
    SCSCTL_TRY(lock.acquire(progress));
    if (std::filesystem::is_directory(final_dir + "/usr/lib/systemd")) {
        progress("base image " + label + " (cached): " + final_dir);
        return final_dir;
    }
    if (find_program("mmdebstrap").empty()) {
        return core::fail({core::ErrorKind::usage, "missing program: mmdebstrap (install it: apt-get install mmdebstrap)", {}});
    }
    remove_stale_builds(cache, progress);
    const std::string temp = cache + "/.build-" + label + "." + std::to_string(::getpid());
    const std::string log = cache + "/build-" + label + ".log";
    progress("building the " + flavor_name(recipe.flavor) + " base image with mmdebstrap (" +
             std::to_string(recipe.packages.size()) + " packages; log: " + log + ")");
    const auto started = std::chrono::steady_clock::now();
    const auto output = run_command(mmdebstrap_argv(recipe, temp));
    std::ofstream(log) << output.out << output.err;
    if (!output.ok()) {
        (void)remove_tree(temp);
        return core::fail({core::ErrorKind::failed, "building the base image failed (mmdebstrap exit " +
                                                        std::to_string(output.status) + "): " +
                                                        last_lines(output.err, 3) + " (full log: " + log + ")", {}});
    }
    std::ofstream(temp + "/etc/scsctl-lab-base") << "recipe " << k_recipe_version << "\nflavor "
                                                   << flavor_name(recipe.flavor) << "\nkey " << key << "\n";
    if (::rename(temp.c_str(), final_dir.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        (void)remove_tree(temp);
        return core::fail({core::ErrorKind::io, "cannot move the base image into the cache: " + reason, {}});
    }
    const auto seconds =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count() / 1000.0;
    char took[32];
    std::snprintf(took, sizeof took, "%.1f s", seconds);
    progress("base image " + label + " built in " + took + ": " + final_dir);
    return final_dir;
}

} // namespace scsctl::lab
