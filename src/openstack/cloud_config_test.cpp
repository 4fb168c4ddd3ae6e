// Tests for cloud settings resolution: clouds.yaml search order, secure.yaml merging,
// OS_* and --os-* precedence, located errors for malformed files, and a missing cloud that
// names the files searched. Files are real (a temporary directory); the environment is set
// per test.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>

#include "openstack/cloud_config.hpp"
#include "temp_dir.hpp"

using namespace scsctl::openstack;
using scsctl::testing::TempDir;

namespace {

struct TestEnv {
    TempDir dir;
    std::map<std::string, std::string> variables;

    TestEnv() { variables["HOME"] = (dir.path() / "home").string(); }

    std::string cwd() const { return (dir.path() / "work").string(); }
    std::string write(const std::string& relative, const std::string& text) const { return dir.write(relative, text); }

    ConfigEnvironment env() const
    {
        return ConfigEnvironment{[vars = variables](const std::string& name) -> std::optional<std::string> {
                                     const auto found = vars.find(name);
                                     if (found == vars.end()) {
                                         return std::nullopt;
                                     }
                                     return found->second;
                                 },
                                 cwd()};
    }
};

const char* const k_cloud = "clouds:\n"
                            "  prod:\n"
                            "    region_name: RegionOne\n"
                            "    auth:\n"
                            "      auth_url: https://keystone.example:5000\n"
                            "      username: alice\n"
                            "      project_name: ops\n"
                            "      user_domain_name: Default\n"
                            "      project_domain_name: Default\n";

ConnectOptions cloud(const std::string& name)
{
    ConnectOptions options;
    options.cloud = name;
    return options;
}

} // namespace

TEST_CASE("clouds.yaml in the working directory provides the named cloud, each value located", "[openstack]")
{
    TestEnv t;
    const std::string file = t.write("work/clouds.yaml", k_cloud);
    const auto config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE(config);
    CHECK(config->clouds_file == file);
    CHECK(config->get("auth_url") == "https://keystone.example:5000");
    CHECK(config->get("region_name") == "RegionOne");
    CHECK(config->settings.at("username").origin == file + ":6:17");
    CHECK(config->interface() == "public");
    CHECK(config->verify());
    CHECK(config->auth_type() == AuthType::password);
}

TEST_CASE("the first clouds.yaml found wins, in the client's search order", "[openstack]")
{
    TestEnv t;
    t.write("home/.config/openstack/clouds.yaml", "clouds:\n  prod:\n    region_name: from-home\n");
    auto config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE(config);
    CHECK(config->get("region_name") == "from-home");

    t.write("xdg/openstack/clouds.yaml", "clouds:\n  prod:\n    region_name: from-xdg\n");
    t.variables["XDG_CONFIG_HOME"] = (t.dir.path() / "xdg").string();
    config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE(config);
    CHECK(config->get("region_name") == "from-xdg"); // XDG_CONFIG_HOME replaces ~/.config

    t.write("work/clouds.yaml", "clouds:\n  prod:\n    region_name: from-cwd\n");
    config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE(config);
    CHECK(config->get("region_name") == "from-cwd");

    t.variables["OS_CLIENT_CONFIG_FILE"] = t.write("elsewhere/my-clouds.yaml", "clouds:\n  prod:\n    region_name: from-variable\n");
    config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE(config);
    CHECK(config->get("region_name") == "from-variable");
}

TEST_CASE("only the first clouds.yaml is read: a cloud defined only in a later one is missing", "[openstack]")
{
    TestEnv t;
    t.write("work/clouds.yaml", "clouds:\n  other:\n    region_name: x\n");
    t.write("home/.config/openstack/clouds.yaml", k_cloud);
    const auto config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE_FALSE(config);
    CHECK(config.error().kind == scsctl::core::ErrorKind::config);
    CHECK(config.error().message == "cloud 'prod': not in " + t.cwd() + "/clouds.yaml; clouds there: other");
}

TEST_CASE("a missing cloud without any clouds.yaml names every file searched", "[openstack]")
{
    TestEnv t;
    const auto config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE_FALSE(config);
    const std::string& message = config.error().message;
    CHECK(message.starts_with("cloud 'prod': no clouds.yaml found (searched " + t.cwd() + "/clouds.yaml, "));
    CHECK(message.find(t.variables["HOME"] + "/.config/openstack/clouds.yaml") != std::string::npos);
    CHECK(message.find("/etc/openstack/clouds.yaml") != std::string::npos);
}

TEST_CASE("secure.yaml is merged over clouds.yaml key by key", "[openstack]")
{
    TestEnv t;
    t.write("work/clouds.yaml", k_cloud);
    const std::string secure =
        t.write("home/.config/openstack/secure.yaml", "clouds:\n  prod:\n    auth:\n      password: s3cret\n");
    const auto config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE(config);
    CHECK(config->secure_file == secure);
    CHECK(config->get("password") == "s3cret");
    CHECK(config->get("username") == "alice");
    CHECK(config->settings.at("password").origin == secure + ":4:17");
}

TEST_CASE("precedence: --os-* over OS_* over the file, a top-level key over auth:", "[openstack]")
{
    TestEnv t;
    t.write("work/clouds.yaml", std::string(k_cloud) + "    username: top-level-bob\n");
    t.variables["OS_CLOUD"] = "prod";
    auto config = resolve_cloud_config(ConnectOptions{}, t.env());
    REQUIRE(config);
    CHECK(config->cloud_name == "prod");
    CHECK(config->get("username") == "top-level-bob");

    t.variables["OS_USERNAME"] = "env-carol";
    t.variables["OS_REGION_NAME"] = "RegionTwo";
    config = resolve_cloud_config(ConnectOptions{}, t.env());
    REQUIRE(config);
    CHECK(config->get("username") == "env-carol");
    CHECK(config->settings.at("username").origin == "OS_USERNAME");
    CHECK(config->get("region_name") == "RegionTwo");

    ConnectOptions options;
    options.overrides["username"] = "flag-dave";
    options.overrides["region_name"] = ""; // an empty flag is unset
    config = resolve_cloud_config(options, t.env());
    REQUIRE(config);
    CHECK(config->get("username") == "flag-dave");
    CHECK(config->settings.at("username").origin == "--os-username");
    CHECK(config->get("region_name") == "RegionTwo");
}

TEST_CASE("--os-cloud beats OS_CLOUD; without either only OS_* and flags count", "[openstack]")
{
    TestEnv t;
    t.write("work/clouds.yaml", std::string(k_cloud) + "  lab:\n    region_name: LabRegion\n");
    t.variables["OS_CLOUD"] = "prod";
    auto config = resolve_cloud_config(cloud("lab"), t.env());
    REQUIRE(config);
    CHECK(config->get("region_name") == "LabRegion");
    CHECK_FALSE(config->has("username"));

    t.variables.erase("OS_CLOUD");
    t.variables["OS_AUTH_URL"] = "http://127.0.0.1:5000/v3";
    config = resolve_cloud_config(ConnectOptions{}, t.env());
    REQUIRE(config);
    CHECK(config->cloud_name.empty());
    CHECK(config->clouds_file.empty());
    CHECK(config->get("auth_url") == "http://127.0.0.1:5000/v3");
}

TEST_CASE("application credentials, interface spellings and TLS settings", "[openstack]")
{
    TestEnv t;
    t.write("work/clouds.yaml", "clouds:\n"
                                "  ac:\n"
                                "    auth_type: v3applicationcredential\n"
                                "    interface: internalURL\n"
                                "    verify: false\n"
                                "    cacert: /etc/ssl/ca.pem\n"
                                "    auth:\n"
                                "      auth_url: https://k:5000\n"
                                "      application_credential_id: abc\n"
                                "      application_credential_secret: xyz\n");
    auto config = resolve_cloud_config(cloud("ac"), t.env());
    REQUIRE(config);
    CHECK(config->auth_type() == AuthType::application_credential);
    CHECK(config->interface() == "internal");
    CHECK_FALSE(config->verify());
    CHECK(config->get("cacert") == "/etc/ssl/ca.pem");

    TestEnv u;
    u.variables["OS_APPLICATION_CREDENTIAL_SECRET"] = "xyz"; // no auth_type: inferred
    u.variables["OS_INSECURE"] = "true";
    config = resolve_cloud_config(ConnectOptions{}, u.env());
    REQUIRE(config);
    CHECK(config->auth_type() == AuthType::application_credential);
    CHECK_FALSE(config->verify());
}

TEST_CASE("an unsupported auth_type is an error naming where it was set", "[openstack]")
{
    TestEnv t;
    t.variables["OS_AUTH_TYPE"] = "v3oidcpassword";
    const auto config = resolve_cloud_config(ConnectOptions{}, t.env());
    REQUIRE_FALSE(config);
    CHECK(config.error().message ==
          "OS_AUTH_TYPE: auth_type 'v3oidcpassword' is not supported (password, v3password, v3applicationcredential)");
}

TEST_CASE("malformed clouds files are located errors", "[openstack]")
{
    TestEnv t;
    std::string file = t.write("work/clouds.yaml", "clouds:\n  - prod\n");
    auto config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE_FALSE(config);
    CHECK(config.error().kind == scsctl::core::ErrorKind::config);
    CHECK(config.error().str() == file + ":2:3: 'clouds' must be a mapping of cloud names, not a list");

    t.write("work/clouds.yaml", "clouds:\n  prod:\n    auth: alice\n");
    config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE_FALSE(config);
    CHECK(config.error().str() == file + ":3:11: cloud 'prod': 'auth' must be a mapping, not a scalar");

    t.write("work/clouds.yaml", "clouds:\n  prod:\n    auth:\n      username: [a, b]\n");
    config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE_FALSE(config);
    CHECK(config.error().str() == file + ":4:17: cloud 'prod'.auth: 'username' must be a single value, not a list");

    t.write("work/clouds.yaml", "clouds:\n  prod: {\n");
    config = resolve_cloud_config(cloud("prod"), t.env());
    REQUIRE_FALSE(config);
    CHECK(config.error().where.file == file);
    CHECK(config.error().where.line > 0);
}

TEST_CASE("describe() masks passwords and secrets", "[openstack]")
{
    TestEnv t;
    t.variables["OS_PASSWORD"] = "hunter2";
    t.variables["OS_USERNAME"] = "alice";
    const auto config = resolve_cloud_config(ConnectOptions{}, t.env());
    REQUIRE(config);
    std::string all;
    for (const auto& line : config->describe()) {
        all += line + "\n";
    }
    CHECK(all.find("hunter2") == std::string::npos);
    CHECK(all.find("password=<hidden> (OS_PASSWORD)") != std::string::npos);
    CHECK(all.find("username=alice (OS_USERNAME)") != std::string::npos);
}

TEST_CASE("the process environment is read as the client reads it", "[openstack]")
{
    TempDir dir;
    const std::string file = dir.write("c.yaml", k_cloud);
    ::setenv("OS_CLIENT_CONFIG_FILE", file.c_str(), 1);
    ::setenv("OS_CLOUD", "prod", 1);
    ::setenv("OS_PROJECT_NAME", "from-env", 1);
    const auto config = resolve_cloud_config(ConnectOptions{}, ConfigEnvironment::process());
    ::unsetenv("OS_CLIENT_CONFIG_FILE");
    ::unsetenv("OS_CLOUD");
    ::unsetenv("OS_PROJECT_NAME");
    REQUIRE(config);
    CHECK(config->clouds_file == file);
    CHECK(config->get("project_name") == "from-env");
    CHECK(config->get("username") == "alice");
}
