// `scsctl health` for the layers whose checks ask an HTTP API from the controller:
// kubernetes (k8s-api: /readyz, node readiness with a bearer token) and keycloak
// (keycloak-oidc: discovery document, issuer, JWKS). The real binary and a real sshd (the
// reachable check); the API servers are the fakes in tests/fakes/ (a real kube-apiserver
// and a real Keycloak cannot run here), each started per test in its own directory on a
// free port with its own TLS certificate, and stopped by pid.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "sshd_fixture.hpp"

using namespace scsctl::testing;

namespace {

const std::string k_root = SCSCTL_SOURCE_DIR;
const std::string k_token = "k8s-token-7f3a9c"; // must never appear in any output

/// A fake API server (tests/fakes/NAME.py) with a self-signed certificate for `address`.
class FakeApi {
  public:
    FakeApi(const std::filesystem::path& dir, const std::string& script, const std::string& address,
            const std::vector<std::string>& extra)
        : m_dir(dir)
    {
        std::filesystem::create_directories(dir);
        run_checked({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                     "-nodes", "-keyout", (dir / "key.pem").string(), "-out", ca(), "-days", "2", "-subj",
                     "/CN=scsctl-test", "-addext", "subjectAltName=IP:" + address});
        std::vector<std::string> argv{"/usr/bin/python3", k_root + "/tests/fakes/" + script, "--dir", dir.string(),
                                      "--bind", address, "--cert", ca(), "--key", (dir / "key.pem").string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        const int log = ::open((dir / "fake.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int null_fd = ::open("/dev/null", O_RDONLY);
        m_pid = spawn_process(argv, null_fd, log, true);
        ::close(log);
        ::close(null_fd);
        for (int i = 0; i < 100 && !std::filesystem::exists(dir / "port"); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        m_port = read_text_file(dir / "port");
        if (m_port.empty()) {
            stop();
            throw std::runtime_error(script + " did not start: " + read_text_file(dir / "fake.log"));
        }
    }
    ~FakeApi() { stop(); }
    FakeApi(const FakeApi&) = delete;
    FakeApi& operator=(const FakeApi&) = delete;

    const std::string& port() const { return m_port; }
    std::string ca() const { return (m_dir / "cert.pem").string(); }
    /// A control file of the fake (see its header comment).
    void set(const std::string& name, const std::string& content) const
    {
        std::ofstream(m_dir / name) << content;
    }

  private:
    void stop()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
        }
    }

    std::filesystem::path m_dir;
    pid_t m_pid = -1;
    std::string m_port;
};

std::string write_inventory(const SshdFixture& sshd, const std::string& group, const std::string& group_vars)
{
    const std::string path = (sshd.dir() / "inventory.yml").string();
    std::ofstream out(path);
    out << "all:\n  vars:\n";
    out << "    ansible_port: " << sshd.port() << "\n";
    out << "    ansible_user: " << SshdFixture::login_user() << "\n";
    out << "    ansible_ssh_private_key_file: " << sshd.client_key_path().string() << "\n";
    out << "    scsctl_known_hosts: " << sshd.known_hosts_path().string() << "\n";
    out << "  children:\n    " << group << ":\n      hosts:\n        h1:\n          ansible_host: "
        << SshdFixture::address(1) << "\n      vars:\n"
        << group_vars;
    return path;
}

struct Verdict {
    int exit_code = -1;
    std::string result; ///< "pass: detail" of the layer's API check on h1
    std::string all_output;
};

Verdict run_health(const std::string& inventory, const std::string& layer,
                   const std::string& check)
{
    auto run = run_process({SCSCTL_BINARY, "health", "-i", inventory, "--layers", layer, "--output", "json"});
    Verdict verdict{run.exit_code, "missing", run.output};
    const auto start = run.output.find('{');
    if (start == std::string::npos) {
        return verdict;
    }
    const auto document = nlohmann::json::parse(run.output.substr(start, run.output.rfind('}') - start + 1));
    for (const auto& entry : document.at("layers")) {
        for (const auto& result : entry.at("results")) {
            if (result.at("check") == check && result.at("host") == "h1") {
                verdict.result = result.at("status").get<std::string>() + ": " + result.at("detail").get<std::string>();
            }
        }
    }
    return verdict;
}

} // namespace

TEST_CASE("k8s-api: /readyz and node readiness through the API, TLS verified", "[health_api][kubernetes]")
{
    SshdFixture sshd(SshdOptions{.hosts = 1});
    const auto address = SshdFixture::address(1);
    FakeApi api(sshd.dir() / "kube", "kube_apiserver.py", address, {"--token", k_token});
    api.set("nodes", "node1\nnode2\n");
    const auto base = "https://" + address + ":" + api.port();
    auto vars = [&](const std::string& ca, const std::string& token) {
        return "        k8s_api_port: " + api.port() + "\n" + (ca.empty() ? "" : "        k8s_api_ca: " + ca + "\n") +
               (token.empty() ? "" : "        k8s_api_token: " + token + "\n");
    };
    SECTION("ready: both nodes Ready")
    {
        auto verdict = run_health(write_inventory(sshd, "k8s_control_plane", vars(api.ca(), k_token)),
                                  "kubernetes", "k8s-api");
        INFO(verdict.all_output);
        CHECK(verdict.exit_code == 0);
        CHECK(verdict.result.starts_with("pass: readyz ok in "));
        CHECK(verdict.result.ends_with(" ms; 2/2 nodes Ready (" + base + ")"));
        CHECK(verdict.all_output.find(k_token) == std::string::npos);
    }
    SECTION("a node not ready, the API not ready, a wrong token")
    {
        const auto inventory = write_inventory(sshd, "k8s_control_plane", vars(api.ca(), k_token));
        api.set("not-ready", "node2\n");
        auto verdict = run_health(inventory, "kubernetes", "k8s-api");
        CHECK(verdict.exit_code == 1);
        CHECK(verdict.result.ends_with(" ms; 1/2 nodes Ready: node2 Ready=False (KubeletNotReady) (" + base + ")"));
        api.set("readyz-fail", "");
        verdict = run_health(inventory, "kubernetes", "k8s-api");
        CHECK(verdict.result == "fail: readyz HTTP 500: etcd failed: reason withheld (" + base + ")");
        std::filesystem::remove(sshd.dir() / "kube" / "readyz-fail");
        verdict = run_health(write_inventory(sshd, "k8s_control_plane", vars(api.ca(), "wrong")), "kubernetes",
                             "k8s-api");
        CHECK(verdict.result.starts_with("fail: readyz ok in "));
        CHECK(verdict.result.find("; nodes HTTP 401: ") != std::string::npos);
        CHECK(verdict.all_output.find(k_token) == std::string::npos);
    }
    SECTION("without a token the nodes are not checked, and the detail says so")
    {
        auto verdict =
            run_health(write_inventory(sshd, "k8s_control_plane", vars(api.ca(), "")), "kubernetes", "k8s-api");
        CHECK(verdict.exit_code == 0);
        CHECK(verdict.result.ends_with(" ms; node readiness not checked (no k8s_api_token) (" + base + ")"));
    }
    SECTION("the token is a secret: redacted wherever a command would print it")
    {
        const auto inventory = write_inventory(sshd, "k8s_control_plane", vars(api.ca(), k_token));
        auto run = run_process({SCSCTL_BINARY, "exec", "-i", inventory, "all", "--", "echo token=" + k_token});
        CHECK(run.exit_code == 0);
        CHECK(run.output.find("token=********") != std::string::npos);
        CHECK(run.output.find(k_token) == std::string::npos);
    }
    SECTION("without the CA the self-signed certificate does not verify")
    {
        auto verdict =
            run_health(write_inventory(sshd, "k8s_control_plane", vars("", k_token)), "kubernetes", "k8s-api");
        CHECK(verdict.exit_code == 1);
        CHECK(verdict.result.starts_with("fail: " + base + "/readyz: SSL certificate problem: "));
    }
}

TEST_CASE("keycloak-oidc: the realm's discovery document, its issuer and JWKS", "[health_api][keycloak]")
{
    SshdFixture sshd(SshdOptions{.hosts = 1});
    const auto address = SshdFixture::address(1);
    FakeApi api(sshd.dir() / "keycloak", "keycloak_oidc.py", address, {"--realm", "scs"});
    const auto base = "https://" + address + ":" + api.port();
    auto vars = [&](const std::string& realm) {
        return "        keycloak_url: " + base + "/\n        keycloak_ca: " + api.ca() + "\n        keycloak_realm: " +
               realm + "\n";
    };
    SECTION("a good realm passes")
    {
        auto verdict = run_health(write_inventory(sshd, "keycloak", vars("scs")), "keycloak", "keycloak-oidc");
        INFO(verdict.all_output);
        CHECK(verdict.exit_code == 0);
        CHECK(verdict.result.starts_with("pass: realm scs: discovery ok in "));
        CHECK(verdict.result.ends_with(" ms, issuer matches; 1 signing keys (" + base + ")"));
    }
    SECTION("a wrong issuer, an unknown realm and an empty key set fail")
    {
        const auto inventory = write_inventory(sshd, "keycloak", vars("scs"));
        api.set("issuer", "https://sso.example.com/realms/scs");
        auto verdict = run_health(inventory, "keycloak", "keycloak-oidc");
        CHECK(verdict.exit_code == 1);
        CHECK(verdict.result == "fail: discovery: issuer 'https://sso.example.com/realms/scs' is not '" + base +
                                    "/realms/scs' (" + base + ")");
        std::filesystem::remove(sshd.dir() / "keycloak" / "issuer");
        api.set("no-keys", "");
        verdict = run_health(inventory, "keycloak", "keycloak-oidc");
        CHECK(verdict.result.starts_with("fail: realm scs: discovery ok in "));
        CHECK(verdict.result.ends_with("; jwks: no signing keys (" + base + ")"));
        verdict = run_health(write_inventory(sshd, "keycloak", vars("nosuch")), "keycloak", "keycloak-oidc");
        CHECK(verdict.result == "fail: discovery HTTP 404: {\"error\": \"Realm does not exist\"} (" + base + ")");
    }
}
