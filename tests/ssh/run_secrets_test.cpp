// Secrets over real sshd hosts: a become password templated from the secret store
// (`ansible_become_password: "{{ sudo_pw }}"`) reaches sudo on the hosts, and neither it
// nor a store value a task prints appears in the console, JSON, JUnit, HTML or journal.
#include <catch2/catch.hpp>

#include <fstream>

#include "sshd_fixture.hpp"
#include "temp_dir.hpp"

using namespace scsctl::testing;
using namespace std::chrono_literals;

namespace {

ProcessResult run_scsctl(const std::vector<std::string>& args)
{
    std::vector<std::string> argv{SCSCTL_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, {}, 120s);
}

} // namespace

TEST_CASE("a become password from the secret store reaches sudo over ssh and is shown nowhere", "[run_secrets]")
{
    const SudoUsers users = SudoUsers::ensure();
    SshdFixture sshd(SshdOptions{.hosts = 2});
    TempDir work;
    const auto inventory = work.path() / "inv";
    std::filesystem::create_directories(inventory / ".scsctl");
    {
        std::ofstream out(inventory / "hosts.yml");
        out << "all:\n  vars:\n    ansible_port: " << sshd.port() << "\n    ansible_user: " << SudoUsers::k_password_user
            << "\n    ansible_ssh_private_key_file: " << sshd.client_key_path().string()
            << "\n    scsctl_known_hosts: " << sshd.known_hosts_path().string()
            << "\n    ansible_become_password: \"{{ sudo_pw }}\"\n  hosts:\n";
        for (int i = 1; i <= 2; ++i) {
            out << "    h" << i << ": {ansible_host: " << SshdFixture::address(i) << "}\n";
        }
    }
    const std::string app_secret = "app-Secret-7Qx9-Zk2m";
    {
        // A plain store (read with a warning): the values are what matters here.
        std::ofstream out(inventory / ".scsctl" / "secrets.yml");
        out << "sudo_pw: '" << users.password << "'\napp_password: " << app_secret << "\n";
    }
    {
        std::ofstream out(work.path() / "site.yml");
        out << "- hosts: all\n  gather_facts: false\n  tasks:\n"
               "    - name: as root through sudo with the store's password\n"
               "      command: id -u\n      become: true\n      register: who\n"
               "    - assert:\n        that: who.stdout == '0'\n"
               "    - name: a task that prints a secret\n"
               "      command: echo app={{ app_password }}\n";
    }
    const auto junit = work.path() / "junit.xml";
    const auto html = work.path() / "report.html";
    const auto text = run_scsctl({"run", "-i", inventory.string(), (work.path() / "site.yml").string(), "-v"});
    INFO(text.output);
    CHECK(text.exit_code == 0);
    CHECK(text.output.find("app=********") != std::string::npos); // the value is redacted, the task ran
    const auto json = run_scsctl({"run", "-i", inventory.string(), (work.path() / "site.yml").string(), "--output",
                                  "json", "--junit", junit.string(), "--report", html.string()});
    INFO(json.output);
    CHECK(json.exit_code == 0);

    std::vector<std::string> outputs{text.output, json.output, read_text_file(junit), read_text_file(html)};
    for (const auto& file : std::filesystem::directory_iterator(inventory / ".scsctl")) {
        if (file.path().filename().string().starts_with("state.db")) {
            outputs.push_back(read_text_file(file.path())); // the database, its WAL
        }
    }
    CHECK(outputs.size() >= 5);
    for (const auto& output : outputs) {
        CHECK(output.find(users.password) == std::string::npos);
        CHECK(output.find(app_secret) == std::string::npos);
    }
}

TEST_CASE("a connection variable whose template cannot be rendered stops that host, named", "[run_secrets]")
{
    SshdFixture sshd(SshdOptions{.hosts = 1});
    TempDir work;
    const auto inventory = work.path() / "hosts.yml";
    {
        std::ofstream out(inventory);
        out << "all:\n  hosts:\n    h1:\n      ansible_host: " << SshdFixture::address(1)
            << "\n      ansible_port: " << sshd.port() << "\n      ansible_user: " << k_login_user
            << "\n      ansible_ssh_private_key_file: " << sshd.client_key_path().string()
            << "\n      scsctl_known_hosts: " << sshd.known_hosts_path().string()
            << "\n      ansible_become_password: \"{{ nowhere_defined }}\"\n";
    }
    {
        std::ofstream out(work.path() / "site.yml");
        out << "- hosts: all\n  gather_facts: false\n  tasks:\n    - command: 'true'\n";
    }
    const auto result = run_scsctl({"run", "-i", inventory.string(), (work.path() / "site.yml").string()});
    INFO(result.output);
    CHECK(result.exit_code == 3);
    CHECK(result.output.find("h1: cannot render ansible_become_password") != std::string::npos);
    CHECK(result.output.find("nowhere_defined") != std::string::npos);
}
