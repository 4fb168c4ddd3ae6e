// SshdFixture: one real OpenSSH sshd per test, in its own directory on its own port, answering
// every 127/8 "host" address; stopped by pid (also when the test fails). Including this header
// also gives the test accounts (test_accounts.hpp) and the process helpers (os_util.hpp).
#pragma once

#include "os_util.hpp"
#include "test_accounts.hpp"

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace scsctl::testing {

/// One host key of the fixture, as in a .pub file: "ssh-ed25519" + base64 blob.
struct HostPublicKey {
    std::string type;
    std::string base64;
};

struct SshdOptions {
    /// Number of hosts (loopback addresses) listed in known_hosts.
    int hosts = 3;
    /// Also give sshd an RSA host key (slower to generate, ~0.3 s).
    bool rsa_host_key = false;
    /// Write known_hosts (one line per host address and host key type).
    bool write_known_hosts = true;
    /// Extra sshd_config lines. sshd keeps the FIRST value of a keyword, so plain lines are
    /// placed before the fixture's defaults (and override them, except Port, ListenAddress,
    /// HostKey, AuthorizedKeysFile, PidFile and LogLevel, which the fixture needs); a line
    /// starting with "Match" and everything after it go to the end of the file.
    std::vector<std::string> extra_config{};
};

/// A running sshd on 0.0.0.0:port(), reachable only from 127.0.0.0/8 (AllowUsers).
/// The fixture directory (mkdtemp under $TMPDIR, mode 0711 so sshd can read authorized_keys
/// as the non-root sudo users; $TMPDIR must therefore be traversable) holds host keys, the
/// client key, authorized_keys, known_hosts, sshd_config and sshd.log.
/// sshd is a direct child with PR_SET_PDEATHSIG=SIGTERM, so it also dies when the test
/// binary is killed; as that signal follows the creating THREAD, construct the fixture on a
/// thread that outlives it (e.g. the Catch2 test thread).
class SshdFixture {
public:
    explicit SshdFixture(SshdOptions options = {});
    ~SshdFixture();
    SshdFixture(const SshdFixture&) = delete;
    SshdFixture& operator=(const SshdFixture&) = delete;

    int port() const { return m_port; }
    const std::filesystem::path& dir() const { return m_dir; }
    std::filesystem::path client_key_path() const { return m_dir / "id_ed25519"; }
    const std::vector<HostPublicKey>& host_public_keys() const { return m_host_keys; }
    std::filesystem::path known_hosts_path() const { return m_dir / "known_hosts"; }
    std::filesystem::path log_path() const { return m_dir / "sshd.log"; }
    std::filesystem::path config_path() const { return m_dir / "sshd_config"; }
    /// The listener's pid, or -1 while stopped.
    pid_t sshd_pid() const { return m_pid; }
    int hosts() const { return m_options.hosts; }

    /// Host i (1-based) -> 127.0.(10+(i-1)/250).(1+(i-1)%250).
    static std::string address(int host);
    /// The uid-0 alias with a clean home that tests log in as (k_login_user).
    static std::string login_user() { return k_login_user; }

    /// Every process below the listener: per-connection sshd processes and what they run.
    std::vector<pid_t> session_processes() const;
    /// Kills (SIGKILL) every per-connection sshd child of the listener and everything below
    /// it, simulating "sshd died mid-command"; the listener keeps running. Returns the count.
    int kill_sessions();
    /// Kills the sessions, then TERM (KILL after 5 s) the listener and reaps it.
    void stop();
    /// stop() and start again on the same port with the same keys.
    void restart();
    /// Last `lines` lines of sshd.log (for failure messages).
    std::string log_tail(std::size_t lines = 30) const;

private:
    void generate_keys();
    void write_config() const;
    void write_known_hosts() const;
    bool try_start(std::string& failure);
    void start_with_retries(bool keep_port);

    SshdOptions m_options;
    std::filesystem::path m_dir;
    std::vector<HostPublicKey> m_host_keys;
    int m_port = 0;
    pid_t m_pid = -1;
};

} // namespace scsctl::testing
