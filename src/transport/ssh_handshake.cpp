// Handshake, host-key verification and authentication of an SshConnection: the steps
// between a connected socket and a session ready for channels.
#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "transport/ssh_connection.hpp"

namespace scsctl::transport {

namespace {

// Key exchange: curve25519 first (cheap and strong; sntrup761 is not in libssh2 1.10).
constexpr const char* k_kex_preference =
    "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,"
    "ecdh-sha2-nistp521,diffie-hellman-group16-sha512,diffie-hellman-group14-sha256";

const char* key_type_name(int type)
{
    switch (type) {
    case LIBSSH2_HOSTKEY_TYPE_RSA:
        return "ssh-rsa";
    case LIBSSH2_HOSTKEY_TYPE_DSS:
        return "ssh-dss";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256:
        return "ecdsa-sha2-nistp256";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384:
        return "ecdsa-sha2-nistp384";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521:
        return "ecdsa-sha2-nistp521";
    case LIBSSH2_HOSTKEY_TYPE_ED25519:
        return "ssh-ed25519";
    default:
        return "unknown";
    }
}

// Host key algorithms, those whose keys known_hosts records for this host first (as
// OpenSSH orders them), so that a recorded ecdsa key is not answered with ed25519.
std::string hostkey_preference(const std::vector<std::string>& known_types)
{
    const std::vector<std::pair<std::string, std::string>> algorithms{
        {"ssh-ed25519", "ssh-ed25519"},
        {"ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256"},
        {"ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384"},
        {"ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521"},
        {"ssh-rsa", "rsa-sha2-512,rsa-sha2-256,ssh-rsa"},
    };
    std::string first;
    std::string rest;
    for (const auto& [key_type, names] : algorithms) {
        const bool known = std::find(known_types.begin(), known_types.end(), key_type) != known_types.end();
        std::string& target = known ? first : rest;
        target += (target.empty() ? "" : ",") + names;
    }
    if (first.empty()) {
        return rest;
    }
    return rest.empty() ? first : first + "," + rest;
}

std::vector<std::string> default_identity_files()
{
    std::vector<std::string> out;
    const char* home = std::getenv("HOME");
    if (home == nullptr) {
        return out;
    }
    for (const char* name : {"id_ed25519", "id_ecdsa", "id_rsa"}) {
        const std::string path = std::string(home) + "/.ssh/" + name;
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) {
            out.push_back(path);
        }
    }
    return out;
}

} // namespace

void SshConnection::start_session(Clock::time_point now)
{
    m_deadline = now + m_settings.connect_timeout;
    m_session = libssh2_session_init_ex(nullptr, nullptr, nullptr, this);
    if (m_session == nullptr) {
        fail_connection(Failure{FailureKind::handshake, m_name + ": cannot create an SSH session"});
        return;
    }
    m_view.set_session(m_session);
    libssh2_session_callback_set(m_session, LIBSSH2_CALLBACK_RECV, reinterpret_cast<void*>(&counting_recv));
    libssh2_session_set_blocking(m_session, 0);
    libssh2_session_flag(m_session, LIBSSH2_FLAG_SIGPIPE, 0);
    libssh2_session_method_pref(m_session, LIBSSH2_METHOD_KEX, k_kex_preference);
    m_known_hosts = m_shared.known_hosts(m_settings.known_hosts_files);
    const auto known_types = m_known_hosts ? m_known_hosts->known_types(m_hop.address, m_hop.port)
                                           : std::vector<std::string>{};
    libssh2_session_method_pref(m_session, LIBSSH2_METHOD_HOSTKEY, hostkey_preference(known_types).c_str());
    m_state = State::handshake;
    step_handshake(now);
}

void SshConnection::step_handshake(Clock::time_point now)
{
    (void)now;
    const int rc = libssh2_session_handshake(m_session, m_fd);
    if (rc == LIBSSH2_ERROR_EAGAIN) {
        return;
    }
    if (rc != 0) {
        const bool banner = libssh2_session_banner_get(m_session) != nullptr;
        const std::string detail = describe_libssh2_error(m_session, rc);
        if (!banner) {
            fail_connection(Failure{FailureKind::no_ssh_banner,
                                    m_name + ": " + where() + ": the peer closed the connection without speaking SSH (" +
                                        detail + ")"});
        } else {
            fail_connection(Failure{FailureKind::handshake, m_name + ": " + where() + ": SSH handshake failed: " + detail});
        }
        return;
    }
    if (!verify_host_key()) {
        return;
    }
    if (m_settings.skip_auth) {
        become_ready();
        return;
    }
    m_identity_files = m_hop.identity_files.empty() ? default_identity_files() : m_hop.identity_files;
    m_state = State::auth_list;
    step_auth_list();
}

bool SshConnection::verify_host_key()
{
    std::size_t length = 0;
    int type = 0;
    const char* raw = libssh2_session_hostkey(m_session, &length, &type);
    if (raw == nullptr) {
        fail_connection(Failure{FailureKind::handshake, m_name + ": " + where() + ": server sent no host key"});
        return false;
    }
    HostKey key{key_type_name(type), std::string(raw, length)};
    m_host_key = key;
    m_view.set_host_key(key);
    if (m_settings.host_key_policy == HostKeyPolicy::off) {
        return true;
    }
    const std::string name = known_hosts_name(m_hop.address, m_hop.port);
    const KeyCheck check = m_known_hosts ? m_known_hosts->check(m_hop.address, m_hop.port, key) : KeyCheck{};
    if (check.result == KeyMatch::match) {
        return true;
    }
    if (check.result == KeyMatch::mismatch) {
        std::string expected;
        for (const auto& recorded : check.recorded) {
            expected += (expected.empty() ? "" : ", ") + recorded.type + " " + fingerprint(recorded);
        }
        fail_connection(Failure{FailureKind::host_key_mismatch,
                                m_name + ": host key for " + name + (check.revoked ? " is REVOKED" : " changed") +
                                    ": presented " + key.type + " " + fingerprint(key) + ", expected " + expected +
                                    (check.where.empty() ? "" : " (" + check.where + ")")});
        return false;
    }
    if (m_settings.host_key_policy == HostKeyPolicy::accept_new && !m_settings.known_hosts_files.empty()) {
        auto pinned = KnownHosts::pin(m_settings.known_hosts_files.front(), m_hop.address, m_hop.port, key);
        if (!pinned) {
            fail_connection(Failure{FailureKind::host_key_unknown,
                                    m_name + ": cannot pin the host key of " + name + ": " + pinned.error().str()});
            return false;
        }
        trace("pinned " + key.type + " " + fingerprint(key) + " for " + name + " in " +
              m_settings.known_hosts_files.front());
        return true;
    }
    fail_connection(Failure{FailureKind::host_key_unknown, m_name + ": no known host key for " + name +
                                                               " (presented " + key.type + " " + fingerprint(key) +
                                                               ")"});
    return false;
}

void SshConnection::step_auth_list()
{
    const char* methods = libssh2_userauth_list(m_session, m_hop.user.c_str(), static_cast<unsigned>(m_hop.user.size()));
    if (methods == nullptr) {
        if (libssh2_userauth_authenticated(m_session) != 0) {
            become_ready();
            return;
        }
        const int rc = libssh2_session_last_errno(m_session);
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return;
        }
        fail_connection(Failure{is_connection_error(rc) ? FailureKind::connection_lost : FailureKind::auth_failed,
                                m_name + ": " + where() + ": " + describe_libssh2_error(m_session, rc)});
        return;
    }
    if (std::string_view(methods).find("publickey") == std::string_view::npos) {
        fail_connection(Failure{FailureKind::auth_failed, m_name + ": " + where() +
                                                              ": the server does not accept public keys (it offers: " +
                                                              methods + ")"});
        return;
    }
    m_identity_index = 0;
    m_state = State::auth_key;
    step_auth_key();
}

void SshConnection::step_auth_key()
{
    while (m_identity_index < m_identity_files.size()) {
        const std::string& file = m_identity_files[m_identity_index];
        const int rc = libssh2_userauth_publickey_fromfile_ex(m_session, m_hop.user.c_str(),
                                                              static_cast<unsigned>(m_hop.user.size()), nullptr,
                                                              file.c_str(), nullptr);
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return;
        }
        if (rc == 0) {
            trace("authenticated as " + m_hop.user + " with " + file);
            become_ready();
            return;
        }
        if (is_connection_error(rc)) {
            fail_connection(Failure{FailureKind::connection_lost,
                                    m_name + ": " + where() + ": connection lost during authentication: " +
                                        describe_libssh2_error(m_session, rc)});
            return;
        }
        m_auth_tried.push_back(file + (rc == LIBSSH2_ERROR_FILE ? " (unreadable, or encrypted: load it into ssh-agent)"
                                                                : " (rejected)"));
        ++m_identity_index;
    }
    const char* agent_socket = std::getenv("SSH_AUTH_SOCK");
    if (m_settings.use_agent && agent_socket != nullptr && agent_socket[0] != '\0') {
        m_state = State::auth_agent;
        step_auth_agent();
        return;
    }
    fail_auth();
}

void SshConnection::step_auth_agent()
{
    if (m_agent == nullptr) {
        m_agent = libssh2_agent_init(m_session);
        if (m_agent == nullptr || libssh2_agent_connect(m_agent) != 0 || libssh2_agent_list_identities(m_agent) != 0) {
            m_auth_tried.push_back("ssh-agent (unavailable)");
            fail_auth();
            return;
        }
    }
    for (;;) {
        if (m_agent_identity == nullptr) {
            if (libssh2_agent_get_identity(m_agent, &m_agent_identity, nullptr) != 0) {
                break;
            }
        }
        const int rc = libssh2_agent_userauth(m_agent, m_hop.user.c_str(), m_agent_identity);
        if (rc == LIBSSH2_ERROR_EAGAIN) {
            return;
        }
        if (rc == 0) {
            trace("authenticated as " + m_hop.user + " with an ssh-agent identity");
            become_ready();
            return;
        }
        libssh2_agent_publickey* next = nullptr;
        if (libssh2_agent_get_identity(m_agent, &next, m_agent_identity) != 0) {
            break;
        }
        m_agent_identity = next;
    }
    m_auth_tried.push_back("ssh-agent identities");
    fail_auth();
}

void SshConnection::fail_auth()
{
    std::string tried;
    for (const auto& item : m_auth_tried) {
        tried += (tried.empty() ? "" : ", ") + item;
    }
    fail_connection(Failure{FailureKind::auth_failed, m_name + ": " + where() + ": authentication failed for user '" +
                                                          m_hop.user + "' (tried: " +
                                                          (tried.empty() ? "no key files found" : tried) + ")"});
}

void SshConnection::become_ready()
{
    m_state = State::ready;
    m_deadline.reset();
    m_last_activity = m_view.now();
    if (m_holds_slot) {
        ++m_slots.available;
        m_holds_slot = false;
    }
    if (m_settings.keepalive_interval.count() > 0) {
        libssh2_keepalive_config(m_session, 1, static_cast<unsigned>(m_settings.keepalive_interval.count()));
        m_next_keepalive = m_view.now() + m_settings.keepalive_interval;
    }
}

} // namespace scsctl::transport
