// SshdFixture's lifecycle: keys, sshd_config and known_hosts in a private directory, sshd as a
// direct child started on a free port (retried on collisions), readiness, session killing, stop.
#include "sshd_fixture.hpp"

#include "tcp_listener.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace scsctl::testing {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

[[noreturn]] void throw_errno(const std::string& what)
{
    throw std::system_error(errno, std::generic_category(), what);
}

} // namespace

SshdFixture::SshdFixture(SshdOptions options)
    : m_options(std::move(options))
{
    if (m_options.hosts < 1 || m_options.hosts > 245 * 250) {
        throw std::invalid_argument("SshdFixture: hosts must be 1..61250");
    }
    ensure_login_user();
    fs::create_directories("/run/sshd");  // sshd's privilege separation directory
    std::string pattern = (fs::temp_directory_path() / "scsctl-sshd-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw_errno("mkdtemp " + pattern);
    }
    m_dir = pattern;
    try {
        // 0711: sshd reads authorized_keys with the rights of the (maybe non-root) user.
        fs::permissions(m_dir, fs::perms(0711));
        generate_keys();
        start_with_retries(false);
    } catch (...) {
        stop();
        std::error_code ec;
        fs::remove_all(m_dir, ec);
        throw;
    }
}

SshdFixture::~SshdFixture()
{
    try {
        stop();
    } catch (...) {
        // A destructor must not throw; stop() only throws on fork/proc failures.
    }
    std::error_code ec;
    fs::remove_all(m_dir, ec);
}

std::string SshdFixture::address(int host)
{
    if (host < 1) {
        throw std::invalid_argument("SshdFixture::address: hosts are numbered from 1");
    }
    return "127.0." + std::to_string(10 + (host - 1) / 250) + "." + std::to_string(1 + (host - 1) % 250);
}

void SshdFixture::generate_keys()
{
    std::vector<std::string> types{"ed25519", "ecdsa"};
    if (m_options.rsa_host_key) {
        types.emplace_back("rsa");
    }
    for (const auto& type : types) {
        const fs::path key = m_dir / ("host_" + type + "_key");
        std::vector<std::string> argv{"/usr/bin/ssh-keygen", "-q", "-t", type, "-N", "", "-C", "scsctl-test-host"};
        if (type == "rsa") {
            argv.insert(argv.end(), {"-b", "2048"});  // the default 3072 costs seconds under load
        }
        argv.insert(argv.end(), {"-f", key.string()});
        run_checked(argv);
        std::istringstream pub(read_text_file(key.string() + ".pub"));
        HostPublicKey host_key;
        pub >> host_key.type >> host_key.base64;
        m_host_keys.push_back(host_key);
    }
    run_checked({"/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "scsctl-test-client", "-f",
                 client_key_path().string()});
    write_text_file(m_dir / "authorized_keys", read_text_file(client_key_path().string() + ".pub"), fs::perms(0644));
}

void SshdFixture::write_config() const
{
    std::ostringstream out;
    out << "# scsctl test sshd (tests/support/sshd_fixture.cpp); fixture settings first.\n"
        << "Port " << m_port << "\n"
        << "# One socket answers every 127/8 address; AllowUsers below admits loopback peers only.\n"
        << "ListenAddress 0.0.0.0\n";
    for (const auto& key : m_host_keys) {
        const std::string type = key.type == "ssh-ed25519" ? "ed25519" : key.type == "ssh-rsa" ? "rsa" : "ecdsa";
        out << "HostKey " << (m_dir / ("host_" + type + "_key")).string() << "\n";
    }
    out << "AuthorizedKeysFile " << (m_dir / "authorized_keys").string() << "\n"
        << "PidFile none\nLogLevel VERBOSE\n";
    auto match = std::find_if(m_options.extra_config.begin(), m_options.extra_config.end(),
                              [](const std::string& line) { return line.starts_with("Match"); });
    for (auto it = m_options.extra_config.begin(); it != match; ++it) {
        out << *it << "\n";
    }
    out << "AllowUsers root@127.0.0.0/8 " << login_user() << "@127.0.0.0/8 " << SudoUsers::k_password_user
        << "@127.0.0.0/8 " << SudoUsers::k_nopasswd_user << "@127.0.0.0/8\n"
        << "PermitRootLogin prohibit-password\nPubkeyAuthentication yes\nPasswordAuthentication no\n"
        << "KbdInteractiveAuthentication no\nUsePAM no\nUseDNS no\nStrictModes no\n"
        << "MaxStartups 4000\nMaxSessions 1000\nMaxAuthTries 10\nLoginGraceTime 120\n"
        << "Subsystem sftp internal-sftp\nAllowTcpForwarding yes\nAllowStreamLocalForwarding yes\n";
    for (auto it = match; it != m_options.extra_config.end(); ++it) {
        out << *it << "\n";
    }
    write_text_file(config_path(), out.str(), fs::perms(0600));
}

void SshdFixture::write_known_hosts() const
{
    std::string text;
    for (int host = 1; host <= m_options.hosts; ++host) {
        for (const auto& key : m_host_keys) {
            text += "[" + address(host) + "]:" + std::to_string(m_port) + " " + key.type + " " + key.base64 + "\n";
        }
    }
    write_text_file(known_hosts_path(), text, fs::perms(0644));
}

bool SshdFixture::try_start(std::string& failure)
{
    std::error_code ec;
    const auto log_start = static_cast<std::streamoff>(fs::exists(log_path()) ? fs::file_size(log_path(), ec) : 0);
    const int log_fd = ::open(log_path().c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (log_fd < 0 || null_fd < 0) {
        throw_errno("open " + log_path().string());
    }
    m_pid = spawn_process({"/usr/sbin/sshd", "-D", "-e", "-f", config_path().string()}, null_fd, log_fd, true);
    ::close(log_fd);
    ::close(null_fd);
    const std::string listening = "Server listening on 0.0.0.0 port " + std::to_string(m_port) + ".";
    const auto deadline = Clock::now() + 20s;
    while (Clock::now() < deadline) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            failure = "sshd exited with " + std::to_string(exit_code_of(status)) + ": "
                + read_text_file(log_path(), log_start);
            return false;
        }
        // The log line proves that OUR sshd holds the port; the banner that it accepts.
        if (read_text_file(log_path(), log_start).find(listening) != std::string::npos
            && read_banner("127.0.0.1", m_port, 2s).starts_with("SSH-2.0-")) {
            return true;
        }
        std::this_thread::sleep_for(20ms);
    }
    stop();
    failure = "sshd did not accept connections on port " + std::to_string(m_port) + " within 20 s";
    return false;
}

void SshdFixture::start_with_retries(bool keep_port)
{
    constexpr int attempts = 20;
    for (int attempt = 1;; ++attempt) {
        if (!keep_port) {
            m_port = free_tcp_port();
        }
        write_config();
        if (m_options.write_known_hosts) {
            write_known_hosts();
        }
        std::string failure;
        if (try_start(failure)) {
            return;
        }
        const bool collision = failure.find("Address already in use") != std::string::npos;
        if (!collision || attempt == attempts) {
            throw std::runtime_error("SshdFixture: " + failure + "\n--- tail of " + log_path().string()
                                     + " ---\n" + log_tail());
        }
        std::this_thread::sleep_for(keep_port ? 100ms : 10ms);
    }
}

std::vector<pid_t> SshdFixture::session_processes() const
{
    return m_pid > 0 ? descendant_processes(m_pid) : std::vector<pid_t>{};
}

int SshdFixture::kill_sessions()
{
    std::set<pid_t> killed;
    for (int round = 0; round < 20; ++round) {
        const auto processes = session_processes();  // the whole tree first: orphans get reparented
        if (processes.empty()) {
            break;
        }
        for (const pid_t pid : processes) {
            if (::kill(pid, SIGKILL) == 0) {
                killed.insert(pid);
            }
        }
        std::this_thread::sleep_for(10ms);
    }
    return static_cast<int>(killed.size());
}

void SshdFixture::stop()
{
    if (m_pid <= 0) {
        return;
    }
    ::kill(m_pid, SIGSTOP);  // no new connections while the sessions die
    kill_sessions();
    ::kill(m_pid, SIGTERM);
    ::kill(m_pid, SIGCONT);
    int status = 0;
    const auto deadline = Clock::now() + 5s;
    while (::waitpid(m_pid, &status, WNOHANG) == 0) {
        if (Clock::now() >= deadline) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(10ms);
    }
    m_pid = -1;
}

void SshdFixture::restart()
{
    stop();
    start_with_retries(true);
}

std::string SshdFixture::log_tail(std::size_t lines) const
{
    const std::string text = read_text_file(log_path());
    std::size_t start = text.size();
    for (std::size_t seen = 0; start > 0 && seen <= lines;) {
        --start;
        if (text[start] == '\n' && start + 1 < text.size()) {
            ++seen;
        }
    }
    return text.substr(start == 0 ? 0 : start + 1);
}

} // namespace scsctl::testing
