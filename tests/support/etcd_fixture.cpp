// The etcd fixture. Ports: two that were free a moment ago (client, peer); a start that
// loses a port race is retried with new ones. Readiness: a range through the JSON gateway
// succeeds (etcd accepts connections before it has elected itself leader).
#include "etcd_fixture.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "state/etcd_client.hpp"

namespace scsctl::testing {

namespace {

int free_port()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
        if (fd >= 0) {
            ::close(fd);
        }
        throw std::runtime_error("etcd fixture: cannot find a free port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

std::string read_all(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Forks etcd with its output in `log`; the child dies with the test process.
pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& log)
{
    std::vector<char*> argv;
    for (const auto& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    const std::string log_path = log.string();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        const int out = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int in = ::open("/dev/null", O_RDONLY);
        if (out >= 0 && in >= 0) {
            ::dup2(in, 0);
            ::dup2(out, 1);
            ::dup2(out, 2);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

/// Stops `pid`: TERM, up to 5 s, then KILL; always reaps it.
void stop_pid(pid_t pid)
{
    if (pid <= 0) {
        return;
    }
    ::kill(pid, SIGTERM);
    for (int i = 0; i < 50; ++i) {
        if (::waitpid(pid, nullptr, WNOHANG) == pid) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
}

} // namespace

bool EtcdServer::available()
{
    return ::access(k_binary, X_OK) == 0;
}

EtcdServer::EtcdServer()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "scsctl-etcd-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("etcd fixture: mkdtemp failed");
    }
    m_dir = pattern;
    std::string log;
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = free_port();
        const int peer = free_port();
        const std::string client_url = "http://127.0.0.1:" + std::to_string(m_port);
        const std::string peer_url = "http://127.0.0.1:" + std::to_string(peer);
        m_pid =
            spawn({k_binary, "--name", "default", "--data-dir", (m_dir / ("data" + std::to_string(attempt))).string(),
                   "--listen-client-urls", client_url, "--advertise-client-urls", client_url, "--listen-peer-urls",
                   peer_url, "--initial-advertise-peer-urls", peer_url, "--initial-cluster", "default=" + peer_url,
                   "--log-level", "warn"},
                  m_dir / "etcd.log");
        auto client = state::EtcdClient::create(endpoint(), {std::chrono::milliseconds(500), std::chrono::seconds(5)});
        for (int i = 0; i < 200 && client; ++i) {
            if ((*client)->get("/scsctl-fixture-probe")) {
                return;
            }
            if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                m_pid = -1; // it exited (a port taken in between?): try new ports
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        log = read_all(m_dir / "etcd.log");
        stop_pid(m_pid);
        m_pid = -1;
    }
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
    throw std::runtime_error("etcd fixture: etcd did not start:\n" + log);
}

EtcdServer::~EtcdServer()
{
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
}

void EtcdServer::stop()
{
    stop_pid(m_pid);
    m_pid = -1;
}

std::string EtcdServer::endpoint() const
{
    return "127.0.0.1:" + std::to_string(m_port);
}

std::string EtcdServer::url(const std::string& prefix) const
{
    return "etcd://" + endpoint() + "/" + prefix;
}

} // namespace scsctl::testing
