// Tests of load_settings: sources, precedence, provenance and located errors.
#include <catch2/catch.hpp>

#include <filesystem>

#include "config/settings.hpp"
#include "temp_dir.hpp"

using namespace scsctl::config;
using scsctl::testing::TempDir;

namespace {

/// Inputs isolated in `dir`: HOME, cwd and XDG_CONFIG_HOME inside it, ANSIBLE_CONFIG unset.
SettingsInputs isolated(const TempDir& dir)
{
    std::filesystem::create_directories(dir.path() / "home");
    std::filesystem::create_directories(dir.path() / "work");
    SettingsInputs inputs;
    inputs.cwd = (dir.path() / "work").string();
    inputs.environment["HOME"] = (dir.path() / "home").string();
    inputs.environment["XDG_CONFIG_HOME"] = (dir.path() / "xdg").string();
    return inputs;
}

std::string errors_of(const scsctl::core::Diagnostics& diagnostics)
{
    std::string out;
    for (const auto& item : diagnostics.sorted()) {
        out += item.str() + "\n";
    }
    return out;
}

} // namespace

TEST_CASE("settings: built-in defaults follow ansible-core", "[config]")
{
    TempDir dir;
    scsctl::core::Diagnostics diagnostics;
    const Settings settings = load_settings(isolated(dir), diagnostics);
    REQUIRE(errors_of(diagnostics).empty());
    CHECK(settings.forks() == 50);
    CHECK(settings.timeout() == 10);
    CHECK(settings.host_key_checking() == HostKeyChecking::strict);
    CHECK_FALSE(settings.remote_user());
    CHECK(settings.roles_path().front() == (dir.path() / "home/.ansible/roles").string());
    CHECK(settings.entry("forks").origin.str() == "default");
    CHECK(settings.output() == "text");
}

TEST_CASE("settings: each source overrides the one below it", "[config]")
{
    TempDir dir;
    SettingsInputs inputs = isolated(dir);
    dir.write("work/ansible.cfg", "[defaults]\nforks = 11\ntimeout = 11\nremote_user = cfg\nroles_path = r1:/abs\n"
                                  "host_key_checking = False\nprivate_key_file = keys/id\n");
    dir.write("xdg/scsctl/scsctl.yml", "forks: 22\ntimeout: 22\nremote_user: user\n");
    dir.write("inv/scsctl.yml", "# deployment\nforks: 33\ntimeout: 33\n");
    dir.write("inv/hosts.ini", "[all]\nh1\n");
    inputs.inventories = {(dir.path() / "inv/hosts.ini").string()};
    inputs.environment["SCSCTL_FORKS"] = "44";
    inputs.flags.push_back({"forks", "--forks", "55"});
    scsctl::core::Diagnostics diagnostics;
    const Settings settings = load_settings(inputs, diagnostics);
    REQUIRE(errors_of(diagnostics).empty());
    const std::string base = dir.path().string();
    CHECK(settings.forks() == 55);
    CHECK(settings.entry("forks").origin.str() == "flag --forks");
    CHECK(settings.timeout() == 33);
    CHECK(settings.entry("timeout").origin.str() == "scsctl.yml:" + base + "/inv/scsctl.yml:3");
    CHECK(settings.remote_user() == "user");
    CHECK(settings.entry("remote_user").origin.str() == "scsctl.yml:" + base + "/xdg/scsctl/scsctl.yml:3");
    CHECK(settings.host_key_checking() == HostKeyChecking::off);
    CHECK(settings.entry("host_key_checking").origin.str() == "ansible.cfg:" + base + "/work/ansible.cfg:6");
    CHECK(settings.roles_path() == std::vector<std::string>{base + "/work/r1", "/abs"});
    CHECK(settings.private_key_file() == base + "/work/keys/id");

    inputs.flags.clear();
    scsctl::core::Diagnostics again;
    CHECK(load_settings(inputs, again).entry("forks").origin.str() == "env SCSCTL_FORKS");
}

TEST_CASE("settings: ansible.cfg is found where Ansible finds it", "[config]")
{
    TempDir dir;
    SettingsInputs inputs = isolated(dir);
    dir.write("home/.ansible.cfg", "[defaults]\nforks = 2\n");
    dir.write("work/ansible.cfg", "[defaults]\nforks = 3\n");
    dir.write("env/ansible.cfg", "[defaults]\nforks = 4\n[ssh_connection]\ntimeout = 40\n");
    scsctl::core::Diagnostics diagnostics;
    CHECK(load_settings(inputs, diagnostics).forks() == 3); // ./ansible.cfg before ~/.ansible.cfg

    inputs.environment["ANSIBLE_CONFIG"] = (dir.path() / "env").string(); // a directory
    const Settings from_env = load_settings(inputs, diagnostics);
    CHECK(from_env.forks() == 4);
    CHECK(from_env.timeout() == 40); // [ssh_connection] wins over [defaults], as in Ansible

    inputs.environment["ANSIBLE_CONFIG"] = (dir.path() / "missing.cfg").string(); // falls through
    CHECK(load_settings(inputs, diagnostics).forks() == 3);
    REQUIRE_FALSE(diagnostics.has_errors());

    inputs.environment.erase("ANSIBLE_CONFIG");
    std::filesystem::permissions(inputs.cwd, std::filesystem::perms::all);
    scsctl::core::Diagnostics world_writable;
    CHECK(load_settings(inputs, world_writable).forks() == 2);
    REQUIRE(world_writable.items().size() == 1);
    CHECK(world_writable.items()[0].severity == scsctl::core::Severity::warning);
    CHECK(world_writable.items()[0].message.find("world-writable") != std::string::npos);
}

TEST_CASE("settings: scsctl.yml errors are located, with spelling hints", "[config]")
{
    TempDir dir;
    SettingsInputs inputs = isolated(dir);
    const std::string file = dir.write("inv/scsctl.yml", "forsk: 3\ntimeout: soon\nroles_path: {a: 1}\nforks: 8\n");
    inputs.inventories = {(dir.path() / "inv").string()}; // a directory: scsctl.yml inside it
    scsctl::core::Diagnostics diagnostics;
    const Settings settings = load_settings(inputs, diagnostics);
    CHECK(errors_of(diagnostics) == file + ":1:1: unknown setting 'forsk' (did you mean 'forks'?)\n" + file +
                                        ":2:10: timeout must be a positive integer, got 'soon'\n" + file +
                                        ":3:13: roles_path must be a list of paths or a ':'-separated string, got "
                                        "a mapping\n");
    CHECK(settings.forks() == 8);
    CHECK(settings.timeout() == 10); // a bad value leaves the lower one in place
}

TEST_CASE("settings: malformed files and variables never crash", "[config]")
{
    TempDir dir;
    SettingsInputs inputs = isolated(dir);
    const std::string yml = dir.write("xdg/scsctl/scsctl.yml", "forks: [1\n");
    const std::string cfg = dir.write("work/ansible.cfg", "[defaults]\nhost_key_checking = accept-new\n");
    inputs.environment["SCSCTL_TIMEOUT"] = "-1";
    inputs.environment["SCSCTL_COLOR"] = "";
    scsctl::core::Diagnostics diagnostics;
    const Settings settings = load_settings(inputs, diagnostics);
    const std::string errors = errors_of(diagnostics);
    CHECK(diagnostics.error_count() == 3);
    CHECK(errors.find("SCSCTL_TIMEOUT: timeout must be a positive integer, got '-1'") != std::string::npos);
    CHECK(errors.find(cfg + ":2:21: host_key_checking in ansible.cfg must be a boolean") != std::string::npos);
    CHECK(errors.find(yml + ":2:1: ") != std::string::npos);
    CHECK(settings.color() == "auto"); // empty variable = unset

    dir.write("xdg/scsctl/scsctl.yml", "- forks\n");
    scsctl::core::Diagnostics list_root;
    load_settings(isolated(dir), list_root);
    CHECK(errors_of(list_root).find("scsctl.yml must be a mapping of setting names to values, got a list") !=
          std::string::npos);
}

TEST_CASE("settings: where scsctl.yml files are looked for", "[config]")
{
    TempDir dir;
    SettingsInputs inputs = isolated(dir);
    inputs.environment["XDG_CONFIG_HOME"] = "relative/xdg"; // ignored per the XDG spec
    inputs.inventories = {"h1,h2,"};                       // a host list has no directory
    scsctl::core::Diagnostics diagnostics;
    const Settings settings = load_settings(inputs, diagnostics);
    bool user_file_listed = false;
    for (const auto& file : settings.files) {
        CHECK(file.role != "inventory scsctl.yml");
        if (file.role == "user scsctl.yml") {
            user_file_listed = true;
            CHECK(file.path == (dir.path() / "home/.config/scsctl/scsctl.yml").string());
            CHECK(file.status == "not found");
        }
    }
    CHECK(user_file_listed);
}

TEST_CASE("settings: a relative -i gives a relative scsctl.yml path in messages", "[config]")
{
    TempDir dir;
    SettingsInputs inputs = isolated(dir);
    dir.write("work/inv/hosts.yml", "all: {}\n");
    dir.write("work/inv/scsctl.yml", "color: blue\n");
    inputs.inventories = {"inv/hosts.yml"};
    scsctl::core::Diagnostics diagnostics;
    load_settings(inputs, diagnostics);
    CHECK(errors_of(diagnostics) == "inv/scsctl.yml:1:8: color must be auto, always or never, got 'blue'\n");
}

TEST_CASE("settings: ssh_persistent_shell is a boolean, on by default", "[config]")
{
    TempDir dir;
    {
        scsctl::core::Diagnostics diagnostics;
        CHECK(load_settings(isolated(dir), diagnostics).ssh_persistent_shell());
        CHECK(diagnostics.error_count() == 0);
    }
    {
        dir.write("xdg/scsctl/scsctl.yml", "ssh_persistent_shell: false\n");
        scsctl::core::Diagnostics diagnostics;
        const Settings settings = load_settings(isolated(dir), diagnostics);
        CHECK_FALSE(settings.ssh_persistent_shell());
        CHECK(display(settings.entry("ssh_persistent_shell").value) == "false");
    }
    {
        SettingsInputs inputs = isolated(dir);
        inputs.environment["SCSCTL_SSH_PERSISTENT_SHELL"] = "1"; // env beats the file
        scsctl::core::Diagnostics diagnostics;
        CHECK(load_settings(inputs, diagnostics).ssh_persistent_shell());
    }
    {
        SettingsInputs inputs = isolated(dir);
        inputs.environment["SCSCTL_SSH_PERSISTENT_SHELL"] = "sometimes";
        scsctl::core::Diagnostics diagnostics;
        CHECK_FALSE(load_settings(inputs, diagnostics).ssh_persistent_shell()); // the file's value stays
        CHECK(errors_of(diagnostics).find(
                  "SCSCTL_SSH_PERSISTENT_SHELL: ssh_persistent_shell must be true or false, got 'sometimes'") !=
              std::string::npos);
    }
}
