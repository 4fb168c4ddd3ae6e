// `scsctl plan --check`, `deploy` and `status` end to end over a real sshd: the test layer
// playbooks (tests/layers/playbooks) on fixture hosts, the reachability gate passing over
// SSH, check mode changing nothing while showing the diff, and a deploy whose hosts went
// away (exit 3, recorded as failed).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sshd_fixture.hpp"

using namespace scsctl::testing;

namespace {

namespace fs = std::filesystem;

const std::string k_playbooks = std::string(SCSCTL_SOURCE_DIR) + "/tests/layers/playbooks";

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string slurp(const fs::path& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Runs scsctl in `dir` with `args` (no shell metacharacters in them).
Run scsctl(const fs::path& dir, const std::string& args)
{
    const std::string command = "cd '" + dir.string() + "' && NO_COLOR=1 HOME='" + dir.string() + "' '" +
                                SCSCTL_BINARY + "' " + args + " >out.txt 2>err.txt";
    const int status = std::system(command.c_str());
    Run run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    run.out = slurp(dir / "out.txt");
    run.err = slurp(dir / "err.txt");
    return run;
}

/// A work directory with an inventory of fixture hosts h1..h3 in the kvm and ceph groups.
struct Work {
    SshdFixture sshd{SshdOptions{.hosts = 3}};
    fs::path dir;
    fs::path out;
    Work()
    {
        char pattern[] = "/tmp/scsctl-deploy-XXXXXX";
        dir = ::mkdtemp(pattern);
        out = dir / "out";
        fs::create_directories(out);
        ::chmod(dir.c_str(), 0777);
        ::chmod(out.c_str(), 0777);
        std::ofstream inv(dir / "hosts.yml");
        inv << "all:\n  vars:\n"
            << "    ansible_port: " << sshd.port() << "\n"
            << "    ansible_user: " << k_login_user << "\n"
            << "    ansible_ssh_private_key_file: " << sshd.client_key_path().string() << "\n"
            << "    scsctl_known_hosts: " << sshd.known_hosts_path().string() << "\n"
            << "    deploy_test_dir: " << out.string() << "\n"
            << "  hosts:\n";
        for (int i = 1; i <= 3; ++i) {
            inv << "    h" << i << ": {ansible_host: " << SshdFixture::address(i) << "}\n";
        }
        inv << "  children:\n    kvm: {hosts: {h1: {}, h2: {}}}\n    ceph_osd: {hosts: {h2: {}, h3: {}}}\n";
    }
    ~Work()
    {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
    Run run(const std::string& args) { return scsctl(dir, "-i hosts.yml " + args + " --playbook-dir " + k_playbooks); }
    Run status(const std::string& args) { return scsctl(dir, "-i hosts.yml status " + args); }
};

} // namespace

TEST_CASE("plan --check shows the diff over SSH and changes nothing", "[deploy_cli]")
{
    Work work;
    const auto check = work.run("plan --check --layers kvm");
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("CHECK LAYER [kvm 0.1.0]") != std::string::npos);
    CHECK(check.out.find("changed: [h1]") != std::string::npos);
    CHECK(check.out.find("+kvm on h1") != std::string::npos); // the copy's diff
    CHECK_FALSE(fs::exists(work.out / "h1-kvm.conf"));
    CHECK_FALSE(fs::exists(work.dir / ".scsctl" / "state.db")); // no journal run for a check
}

TEST_CASE("deploy over SSH passes the reachability gates and status shows it", "[deploy_cli]")
{
    Work work;
    const auto deploy = work.run("deploy --gate reachable --layers kvm,ceph");
    INFO(deploy.out << deploy.err);
    REQUIRE(deploy.exit_code == 0);
    CHECK(deploy.err.find("layer kvm: health gate passed") != std::string::npos);
    CHECK(deploy.err.find("layer ceph: health gate passed") != std::string::npos);
    CHECK(slurp(work.out / "h2-kvm.conf") == "kvm on h2\n");
    CHECK(fs::exists(work.out / "ceph-h3.log"));

    const auto status = work.status("--output json");
    REQUIRE(status.exit_code == 0);
    const auto rows = nlohmann::json::parse(status.out);
    int ok = 0;
    for (const auto& row : rows) {
        if ((row["layer"] == "kvm" || row["layer"] == "ceph") && row["result"] == "ok" && row["run"] == 1) {
            ++ok;
        }
    }
    CHECK(ok == 4); // kvm on h1, h2; ceph on h2, h3

    work.sshd.stop();
    const auto gone = work.run("deploy --gate reachable --layers ceph");
    CHECK(gone.exit_code == 3);
    const auto after = work.status("--layers ceph --output json");
    const auto ceph = nlohmann::json::parse(after.out);
    REQUIRE(ceph.size() == 2);
    CHECK(ceph[0]["result"] == "failed");
    CHECK(ceph[0]["run"] == 2);
    CHECK(ceph[0]["ever_deployed"] == true);
}
