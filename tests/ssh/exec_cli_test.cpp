// `scsctl exec` and `scsctl ssh trust` end to end: the real binary against a real sshd,
// checking grouped text, JSON Lines, exit codes, signals and key pinning.
#include <catch2/catch.hpp>

#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "sshd_fixture.hpp"
#include "tcp_listener.hpp"

using namespace scsctl::testing;

namespace {

// Writes an inventory for fixture hosts 1..n (plus optional extra lines) and returns its path.
std::string write_inventory(const SshdFixture& sshd, int n, const std::string& known_hosts,
                            const std::string& extra_hosts = "", const std::string& extra_vars = "")
{
    const std::string path = (sshd.dir() / "inventory.yml").string();
    std::ofstream out(path);
    out << "all:\n  vars:\n";
    out << "    ansible_port: " << sshd.port() << "\n";
    out << "    ansible_user: " << k_login_user << "\n";
    out << "    ansible_ssh_private_key_file: " << sshd.client_key_path().string() << "\n";
    out << "    scsctl_known_hosts: " << known_hosts << "\n";
    out << extra_vars;
    out << "  hosts:\n";
    for (int i = 1; i <= n; ++i) {
        out << "    h" << i << ":\n      ansible_host: " << SshdFixture::address(i) << "\n";
    }
    out << extra_hosts;
    return path;
}

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs scsctl with `args`, capturing stdout and stderr separately.
CliResult run_scsctl(const std::vector<std::string>& args, const std::string& input = "")
{
    char out_name[] = "/tmp/scsctl-cli-out-XXXXXX";
    char err_name[] = "/tmp/scsctl-cli-err-XXXXXX";
    const int out_fd = ::mkstemp(out_name);
    const int err_fd = ::mkstemp(err_name);
    std::vector<std::string> argv{SCSCTL_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::string command;
    for (const auto& arg : argv) {
        std::string quoted = "'";
        for (char c : arg) {
            quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
        }
        command += quoted + "' ";
    }
    command += ">&" + std::to_string(out_fd) + " 2>&" + std::to_string(err_fd);
    FILE* pipe = ::popen(command.c_str(), "w");
    if (!input.empty()) {
        std::fwrite(input.data(), 1, input.size(), pipe);
    }
    const int status = ::pclose(pipe);
    CliResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_text_file(out_name);
    result.err = read_text_file(err_name);
    ::close(out_fd);
    ::close(err_fd);
    ::unlink(out_name);
    ::unlink(err_name);
    return result;
}

} // namespace

TEST_CASE("exec groups hosts with identical results", "[exec_cli]")
{
    SshdFixture sshd(SshdOptions{.hosts = 4});
    const auto inventory = write_inventory(sshd, 4, sshd.known_hosts_path().string());
    // Host 2 prints something else and fails.
    auto result = run_scsctl({"exec", "-i", inventory, "all", "--",
                              "if [ \"$(echo $SSH_CONNECTION | cut -d' ' -f3)\" = " + SshdFixture::address(2) +
                                  " ]; then echo odd; exit 4; fi; echo same"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("h1, h3, h4 (3 hosts): OK rc=0\n  stdout:\n    same\n") != std::string::npos);
    CHECK(result.out.find("h2 (1 host): FAILED rc=4\n  stdout:\n    odd\n") != std::string::npos);
    CHECK(result.err.find("3 ok, 1 failed, 0 unreachable") != std::string::npos);
}

TEST_CASE("exec --output json prints one object per host", "[exec_cli]")
{
    SshdFixture sshd(SshdOptions{.hosts = 3});
    const auto inventory = write_inventory(sshd, 3, sshd.known_hosts_path().string());
    auto result = run_scsctl({"exec", "-i", inventory, "--output", "json", "all", "--", "echo out; echo err >&2"});
    REQUIRE(result.exit_code == 0);
    std::istringstream lines(result.out);
    std::set<std::string> hosts;
    for (std::string line; std::getline(lines, line);) {
        const auto object = nlohmann::json::parse(line);
        hosts.insert(object.at("host").get<std::string>());
        CHECK(object.at("rc") == 0);
        CHECK(object.at("status") == "ok");
        CHECK(object.at("stdout") == "out\n");
        CHECK(object.at("stderr") == "err\n");
        CHECK(object.at("error").is_null());
        CHECK(object.at("duration_ms").get<double>() >= 0);
    }
    CHECK(hosts == std::set<std::string>{"h1", "h2", "h3"});
}

TEST_CASE("exec exits 3 when a host is unreachable and the others still run", "[exec_cli]")
{
    SshdFixture sshd(SshdOptions{.hosts = 2});
    ClosedPort closed;
    const auto inventory = write_inventory(sshd, 2, sshd.known_hosts_path().string(),
                                           "    dead:\n      ansible_host: 127.0.0.1\n      ansible_port: " +
                                               std::to_string(closed.port()) + "\n");
    auto result = run_scsctl({"exec", "-i", inventory, "--output", "json", "all", "--", "true"});
    CHECK(result.exit_code == 3);
    CHECK(result.out.find("\"host\":\"dead\"") != std::string::npos);
    CHECK(result.out.find("\"status\":\"unreachable\"") != std::string::npos);
    CHECK(result.out.find("\"error_kind\":\"connection_refused\"") != std::string::npos);
    CHECK(result.err.find("2 ok, 0 failed, 1 unreachable") != std::string::npos);
}

TEST_CASE("exec sends stdin, honours --limit and reports unsupported ssh options once", "[exec_cli]")
{
    SshdFixture sshd(SshdOptions{.hosts = 3});
    const auto inventory = write_inventory(sshd, 3, sshd.known_hosts_path().string(), "",
                                           "    ansible_ssh_common_args: -o ControlMaster=auto -o "
                                           "StrictHostKeyChecking=yes\n");
    auto result = run_scsctl({"exec", "-i", inventory, "all", "--limit", "h1:h3", "--stdin", "-", "--", "cat"}, "hello");
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("h1, h3 (2 hosts): OK rc=0\n  stdout:\n    hello\n") != std::string::npos);
    CHECK(result.out.find("h2") == std::string::npos);
    const auto first = result.err.find("ControlMaster=auto");
    REQUIRE(first != std::string::npos);
    CHECK(result.err.find("ControlMaster=auto", first + 1) == std::string::npos);
}

TEST_CASE("SIGINT and SIGTERM end exec cleanly with 130 and 143", "[exec_cli]")
{
    SshdFixture sshd(SshdOptions{.hosts = 2});
    const auto inventory = write_inventory(sshd, 2, sshd.known_hosts_path().string());
    for (int signal : {SIGINT, SIGTERM}) {
        const int null_fd = ::open("/dev/null", O_RDWR);
        const pid_t pid = spawn_process({SCSCTL_BINARY, "exec", "-i", inventory, "all", "--", "sleep 60"}, null_fd,
                                        null_fd, false);
        ::close(null_fd);
        // Wait until both hosts run the command.
        for (int i = 0; i < 100 && sshd.session_processes().size() < 4; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        ::kill(pid, signal);
        int status = 0;
        const auto started = std::chrono::steady_clock::now();
        ::waitpid(pid, &status, 0);
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == (signal == SIGINT ? 130 : 143));
    }
}

TEST_CASE("ssh trust pins unknown keys, then exec works with strict checking", "[exec_cli][trust]")
{
    SshdFixture sshd(SshdOptions{.hosts = 3});
    const std::string known = (sshd.dir() / "trusted_known_hosts").string();
    const auto inventory = write_inventory(sshd, 3, known);
    auto refused = run_scsctl({"exec", "-i", inventory, "all", "--", "true"});
    CHECK(refused.exit_code == 3);
    CHECK(refused.out.find("host_key_unknown") == std::string::npos); // text mode: the kind is in the error line
    CHECK(refused.out.find("no known host key") != std::string::npos);

    auto trusted = run_scsctl({"ssh", "trust", "-i", inventory, "all"});
    CHECK(trusted.exit_code == 0);
    CHECK(trusted.out.find("h1: [" + SshdFixture::address(1) + "]:" + std::to_string(sshd.port())) != std::string::npos);
    CHECK(trusted.out.find("pinned in " + known) != std::string::npos);

    auto again = run_scsctl({"ssh", "trust", "-i", inventory, "all"});
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("already trusted") != std::string::npos);

    auto works = run_scsctl({"exec", "-i", inventory, "all", "--", "echo ok"});
    CHECK(works.exit_code == 0);
    CHECK(works.out.find("h1, h2, h3 (3 hosts): OK rc=0") != std::string::npos);
}
