// `scsctl run` recovering from failures over real sshd hosts: the controller SIGKILLed
// mid-run then `--resume`, and the sshd of some hosts dying mid-run then
// `--resume --retry-failed`; and a second run refused by the first one's lock. Every task appends one line per host to a marker file as its
// last act, so the marker shows what ran where and how often; the journal shows the same.
#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "sshd_fixture.hpp"
#include "temp_dir.hpp"

using namespace scsctl::testing;
using namespace std::chrono_literals;

namespace {

// A playbook of `tasks` shell tasks; task n sleeps `sleep_for(n)` seconds, then prints to
// stdout (so a command whose connection died is killed by SIGPIPE before it appends), then
// appends "HOST tN" to `marker`.
std::string write_playbook(const std::filesystem::path& dir, const std::filesystem::path& marker, int tasks,
                           const std::function<std::string(int)>& sleep_for)
{
    const auto path = dir / "site.yml";
    std::ofstream out(path);
    out << "- hosts: all\n  gather_facts: false\n  tasks:\n";
    for (int n = 1; n <= tasks; ++n) {
        out << "    - name: t" << n << "\n      shell: sleep " << sleep_for(n) << "; echo alive; echo \"{{ inventory_hostname }} t"
            << n << "\" >> " << marker.string() << "\n";
    }
    return path.string();
}

// Lines of the marker file, counted.
std::map<std::string, int> marker_counts(const std::filesystem::path& marker)
{
    std::map<std::string, int> counts;
    std::istringstream lines(read_text_file(marker));
    for (std::string line; std::getline(lines, line);) {
        ++counts[line];
    }
    return counts;
}

std::size_t marker_lines(const std::filesystem::path& marker)
{
    std::size_t total = 0;
    for (const auto& [line, count] : marker_counts(marker)) {
        total += static_cast<std::size_t>(count);
    }
    return total;
}

// `scsctl ARGS` started in its own process group, output to a file; killed (group) and
// reaped at scope exit if still running.
class BackgroundRun {
public:
    BackgroundRun(const std::vector<std::string>& args, const std::filesystem::path& output)
    {
        std::vector<std::string> argv{SCSCTL_BINARY};
        argv.insert(argv.end(), args.begin(), args.end());
        const int out = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        m_pid = spawn_process(argv, in, out, true);
        ::close(out);
        ::close(in);
    }
    ~BackgroundRun()
    {
        if (m_pid > 0) {
            ::kill(-m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    BackgroundRun(const BackgroundRun&) = delete;
    BackgroundRun& operator=(const BackgroundRun&) = delete;

    void kill_group(int signal) const { ::kill(-m_pid, signal); }
    /// Waits for the exit (at most `limit`, then SIGKILL) and returns the exit code.
    int wait(std::chrono::milliseconds limit = 60s)
    {
        const auto until = std::chrono::steady_clock::now() + limit;
        int status = 0;
        while (::waitpid(m_pid, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > until) {
                ::kill(-m_pid, SIGKILL);
                ::waitpid(m_pid, &status, 0);
                break;
            }
            std::this_thread::sleep_for(20ms);
        }
        m_pid = -1;
        return exit_code_of(status);
    }

private:
    pid_t m_pid = -1;
};

// Polls until `ready()` or `limit`; returns whether it became ready.
bool wait_until(const std::function<bool()>& ready, std::chrono::milliseconds limit = 30s)
{
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!ready()) {
        if (std::chrono::steady_clock::now() > until) {
            return false;
        }
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

ProcessResult run_scsctl(const std::vector<std::string>& args)
{
    std::vector<std::string> argv{SCSCTL_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {}, 120s);
}

// The results of `runs show RUN --output json`: (host, task name) -> status; with
// `own_only`, without the results the run took over from the run it resumed.
std::map<std::pair<std::string, std::string>, std::string> run_results(const std::string& inventory, int run,
                                                                       bool own_only = false)
{
    const auto shown = run_scsctl({"runs", "show", std::to_string(run), "-i", inventory, "--output", "json"});
    REQUIRE(shown.exit_code == 0);
    const auto json = nlohmann::json::parse(shown.output);
    std::map<std::pair<std::string, std::string>, std::string> results;
    for (const auto& row : json.at("results")) {
        if (own_only && !row.at("resumed_from").is_null()) {
            continue;
        }
        results[{row.at("host").get<std::string>(), row.at("task").get<std::string>()}] =
            row.at("status").get<std::string>();
    }
    return results;
}

} // namespace

TEST_CASE("a controller SIGKILLed mid-run resumes over ssh without running a completed task twice", "[recovery]")
{
    constexpr int k_hosts = 4;
    constexpr int k_tasks = 5;
    SshdFixture sshd(SshdOptions{.hosts = k_hosts});
    TempDir work;
    const auto inventory = (work.path() / "inv").string();
    std::filesystem::create_directories(inventory);
    {
        std::ofstream out(inventory + "/hosts.yml");
        out << "all:\n  vars:\n    ansible_port: " << sshd.port() << "\n    ansible_user: " << k_login_user
            << "\n    ansible_ssh_private_key_file: " << sshd.client_key_path().string()
            << "\n    scsctl_known_hosts: " << sshd.known_hosts_path().string() << "\n  hosts:\n";
        for (int i = 1; i <= k_hosts; ++i) {
            out << "    h" << i << ": {ansible_host: " << SshdFixture::address(i) << "}\n";
        }
    }
    const auto marker = work.path() / "marker";
    const auto playbook = write_playbook(work.path(), marker, k_tasks, [](int) { return std::string("0.4"); });

    {
        BackgroundRun first({"run", "-i", inventory, playbook}, work.path() / "first.out");
        // t1 and t2 completed on every host; t3 is in flight.
        REQUIRE(wait_until([&] { return marker_lines(marker) >= 2 * k_hosts; }));
        std::this_thread::sleep_for(200ms); // results are durable within 100 ms
        first.kill_group(SIGKILL);
        first.wait();
    }
    // Connections of the dead controller are gone; a command still sleeping there dies on
    // its `echo alive` (SIGPIPE) and never appends.
    std::this_thread::sleep_for(700ms);
    const auto before = marker_counts(marker);
    const std::size_t completed = marker_lines(marker);
    REQUIRE(completed >= 2 * k_hosts);
    REQUIRE(completed < static_cast<std::size_t>(k_hosts * k_tasks));
    const auto killed_results = run_results(inventory, 1);
    std::size_t recorded_ok = 0;
    for (const auto& [key, status] : killed_results) {
        // Every result the journal holds as done is on the host exactly once.
        if (status == "ok" || status == "changed") {
            ++recorded_ok;
            CHECK(before.count(key.first + " " + key.second) == 1);
        }
    }
    CHECK(recorded_ok >= 2 * k_hosts);

    const auto resumed = run_scsctl({"run", "-i", inventory, playbook, "--resume"});
    INFO(resumed.output);
    CHECK(resumed.exit_code == 0);
    CHECK(resumed.output.find("resuming run 1") != std::string::npos);
    const auto after = marker_counts(marker);
    CHECK(after.size() == static_cast<std::size_t>(k_hosts * k_tasks)); // every task×host ran
    for (const auto& [line, count] : after) {
        INFO(line);
        CHECK(count == 1); // and none twice
    }
    const auto second = run_results(inventory, 2);
    CHECK(second.size() == static_cast<std::size_t>(k_hosts * k_tasks));
}

TEST_CASE("hosts whose sshd dies mid-run are unreachable, the others finish, --retry-failed completes them",
          "[recovery]")
{
    constexpr int k_hosts = 10; // one sshd each: the first one dies mid-run (10 %)
    constexpr int k_tasks = 3;
    std::vector<std::unique_ptr<SshdFixture>> fleet;
    for (int i = 0; i < k_hosts; ++i) {
        fleet.push_back(std::make_unique<SshdFixture>(SshdOptions{.hosts = 1}));
    }
    TempDir work;
    const auto inventory = (work.path() / "inv").string();
    std::filesystem::create_directories(inventory);
    {
        std::ofstream out(inventory + "/hosts.yml");
        out << "all:\n  vars:\n    ansible_user: " << k_login_user << "\n  hosts:\n";
        for (int i = 1; i <= k_hosts; ++i) {
            const auto& sshd = *fleet[static_cast<std::size_t>(i - 1)];
            out << "    h" << i << ": {ansible_host: " << SshdFixture::address(1) << ", ansible_port: " << sshd.port()
                << ", ansible_ssh_private_key_file: " << sshd.client_key_path().string()
                << ", scsctl_known_hosts: " << sshd.known_hosts_path().string() << "}\n";
        }
    }
    const auto marker = work.path() / "marker";
    // t2 is long enough to kill h1's sshd while it runs.
    const auto playbook =
        write_playbook(work.path(), marker, k_tasks, [](int n) { return std::string(n == 2 ? "1.5" : "0"); });

    int exit_code = -1;
    {
        BackgroundRun run({"run", "-i", inventory, playbook, "--output", "json"}, work.path() / "first.out");
        REQUIRE(wait_until([&] { return marker_lines(marker) >= k_hosts; })); // t1 done everywhere
        std::this_thread::sleep_for(300ms);                                   // t2 running
        fleet[0]->stop(); // the listener, every connection and what it runs
        exit_code = run.wait();
    }
    const std::string output = read_text_file(work.path() / "first.out");
    INFO(output);
    CHECK(exit_code == 3); // unreachable, nothing failed otherwise
    const auto counts = marker_counts(marker);
    for (int i = 1; i <= k_hosts; ++i) {
        const std::string host = "h" + std::to_string(i);
        CHECK(counts.count(host + " t1") == 1);
        CHECK(counts.count(host + " t2") == (i == 1 ? 0 : 1));
        CHECK(counts.count(host + " t3") == (i == 1 ? 0 : 1));
    }
    // The recap says who was unreachable.
    nlohmann::json recap;
    std::istringstream lines(output);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("{") && line.find("\"recap\"") != std::string::npos) {
            recap = nlohmann::json::parse(line);
        }
    }
    REQUIRE(recap.contains("hosts"));
    CHECK(recap["hosts"]["h1"]["unreachable"] == 1);
    CHECK(recap["hosts"]["h1"]["ok"] == 1); // Ansible counts changed results as ok too
    CHECK(recap["hosts"]["h1"]["changed"] == 1);
    for (int i = 2; i <= k_hosts; ++i) {
        CHECK(recap["hosts"]["h" + std::to_string(i)]["unreachable"] == 0);
        CHECK(recap["hosts"]["h" + std::to_string(i)]["changed"] == k_tasks);
    }
    CHECK(run_results(inventory, 1).at({"h1", "t2"}) == "unreachable");

    fleet[0]->restart(); // same port, same keys
    const auto retried = run_scsctl({"run", "-i", inventory, playbook, "--resume", "--retry-failed"});
    INFO(retried.output);
    CHECK(retried.exit_code == 0);
    const auto after = marker_counts(marker);
    CHECK(after.size() == static_cast<std::size_t>(k_hosts * k_tasks));
    for (const auto& [line, count] : after) {
        INFO(line);
        CHECK(count == 1); // h1 finished; nothing ran twice anywhere
    }
    // The retry ran only h1's remaining tasks.
    std::set<std::string> retried_hosts;
    for (const auto& [key, status] : run_results(inventory, 2, true)) {
        if (status == "changed" || status == "ok") {
            retried_hosts.insert(key.first);
        }
    }
    CHECK(retried_hosts == std::set<std::string>{"h1"});
}

TEST_CASE("two runs at once on one inventory of ssh hosts: the second exits 4 and names the holder", "[recovery]")
{
    SshdFixture sshd(SshdOptions{.hosts = 2});
    TempDir work;
    const auto inventory = (work.path() / "inv").string();
    std::filesystem::create_directories(inventory);
    {
        std::ofstream out(inventory + "/hosts.yml");
        out << "all:\n  vars:\n    ansible_port: " << sshd.port() << "\n    ansible_user: " << k_login_user
            << "\n    ansible_ssh_private_key_file: " << sshd.client_key_path().string()
            << "\n    scsctl_known_hosts: " << sshd.known_hosts_path().string() << "\n  hosts:\n";
        for (int i = 1; i <= 2; ++i) {
            out << "    h" << i << ": {ansible_host: " << SshdFixture::address(i) << "}\n";
        }
    }
    const auto marker = work.path() / "marker";
    const auto playbook = write_playbook(work.path(), marker, 2, [](int n) { return std::string(n == 2 ? "2" : "0"); });
    BackgroundRun first({"run", "-i", inventory, playbook}, work.path() / "first.out");
    REQUIRE(wait_until([&] { return marker_lines(marker) >= 2; })); // the first run is under way
    const auto second = run_scsctl({"run", "-i", inventory, playbook});
    INFO(second.output);
    CHECK(second.exit_code == 4);
    CHECK(second.output.find("locked by") != std::string::npos);
    CHECK(second.output.find("scsctl run") != std::string::npos);
    CHECK(first.wait() == 0);
    CHECK(marker_lines(marker) == 4); // only the first run's tasks ran
    const auto runs = run_scsctl({"runs", "-i", inventory, "--output", "json"});
    CHECK(nlohmann::json::parse(runs.output).size() == 1); // the refused run is no run
}
