// The shared test accounts: the uid-0 login alias and the two sudo users, created once per
// machine under an exclusive flock of /var/lib/scsctl-test/.lock and never removed.
#include "test_accounts.hpp"

#include "os_util.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace scsctl::testing {
namespace fs = std::filesystem;

// Why the accounts are never removed: every suite on the machine shares them, and a suite cannot
// tell whether another one running side by side is still logged in; userdel of a uid-0 alias
// refuses while any uid-0 process runs (and with -f would break the other suites' sessions).
// They are harmless to keep: '*' allows no password login, only fixture sshds (which admit them
// from 127.0.0.0/8 with a fixture's key only) let them in, and the sudo user's password is random
// and readable by root only.
namespace {

const fs::path k_state_dir = "/var/lib/scsctl-test";

[[noreturn]] void throw_errno(const std::string& what)
{
    throw std::system_error(errno, std::generic_category(), what);
}

bool user_exists(const std::string& name)
{
    passwd entry{};
    passwd* found = nullptr;
    std::array<char, 16384> buffer{};
    return ::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) == 0
        && found != nullptr;
}

/// Exclusive flock of /var/lib/scsctl-test/.lock: serialises account changes between threads
/// and between test processes running side by side.
class StateLock {
public:
    StateLock()
    {
        fs::create_directories(k_state_dir);
        fs::permissions(k_state_dir, fs::perms(0755));
        m_fd = ::open((k_state_dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (m_fd < 0) {
            throw_errno("open " + (k_state_dir / ".lock").string());
        }
        while (::flock(m_fd, LOCK_EX) != 0) {
            if (errno != EINTR) {
                ::close(m_fd);
                throw_errno("flock");
            }
        }
    }
    ~StateLock() { ::close(m_fd); }
    StateLock(const StateLock&) = delete;
    StateLock& operator=(const StateLock&) = delete;

private:
    int m_fd = -1;
};

std::string random_password()
{
    const std::string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const std::string bytes = [] {
        std::ifstream in("/dev/urandom", std::ios::binary);
        std::string raw(20, '\0');
        in.read(raw.data(), static_cast<std::streamsize>(raw.size()));
        return raw;
    }();
    std::string password;
    for (const char byte : bytes) {
        password += alphabet[static_cast<unsigned char>(byte) % alphabet.size()];
    }
    return password;
}

void write_sudoers()
{
    const std::string p = SudoUsers::k_password_user;
    const std::string n = SudoUsers::k_nopasswd_user;
    const std::string content = "# scsctl test accounts (tests/support/test_accounts.cpp): one that must type its\n"
                                "# password every time, one that is never asked.\n"
                                "Defaults:" + p + ", " + n + " !lecture, timestamp_timeout=0\n"
                                + p + " ALL=(ALL) ALL\n" + n + " ALL=(ALL) NOPASSWD: ALL\n";
    const fs::path target = "/etc/sudoers.d/scsctl-test";
    if (fs::exists(target) && read_text_file(target) == content) {
        return;
    }
    fs::create_directories(target.parent_path());
    const fs::path temp = "/etc/sudoers.d/.scsctl-test.new";  // sudo skips names with a '.'
    write_text_file(temp, content, fs::perms(0440));
    run_checked({"/usr/sbin/visudo", "-cf", temp.string()});
    fs::rename(temp, target);
}

} // namespace

void ensure_login_user()
{
    StateLock lock;
    const fs::path home = k_state_dir / "home";
    if (!fs::exists(home)) {
        fs::copy("/etc/skel", home, fs::copy_options::recursive);  // clean home (trap: root's ~/.bashrc)
    }
    if (!user_exists(k_login_user)) {
        run_checked({"/usr/sbin/useradd", "-o", "-u", "0", "-g", "0", "-M", "-p", "*", "-d", home.string(), "-s",
                     "/bin/sh", k_login_user});
    }
}

SudoUsers SudoUsers::ensure()
{
    if (!fs::exists("/usr/bin/sudo") || !fs::exists("/usr/sbin/visudo")) {
        throw std::runtime_error("SudoUsers: /usr/bin/sudo is not installed; install the Debian package "
                                 "`sudo` (scripts/test installs it, see SCSCTL_TEST_PACKAGES)");
    }
    StateLock lock;
    const fs::path password_file = k_state_dir / "sudo-password";  // root-only, mode 0600
    SudoUsers users;
    std::istringstream(read_text_file(password_file)) >> users.password;
    bool set_password = users.password.empty();
    for (const std::string user : {k_password_user, k_nopasswd_user}) {
        if (!user_exists(user)) {
            run_checked({"/usr/sbin/useradd", "-m", "-k", "/etc/skel", "-d", (k_state_dir / ("home-" + user)).string(),
                         "-s", "/bin/sh", "-U", "-p", "*", user});
            set_password = set_password || user == k_password_user;
        }
    }
    if (set_password) {
        if (users.password.empty()) {
            users.password = random_password();
        }
        run_checked({"/usr/sbin/chpasswd"}, std::string(k_password_user) + ":" + users.password + "\n");
        write_text_file(password_file, users.password + "\n", fs::perms(0600));
    }
    write_sudoers();
    return users;
}

} // namespace scsctl::testing
