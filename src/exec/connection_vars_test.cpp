// Templated connection variables: rendered against the host's variables under the extra
// vars; other variables left alone; a failed render names the variable, not the values.
#include <catch2/catch.hpp>

#include "exec/connection_vars.hpp"

using namespace scsctl;

TEST_CASE("connection variables holding templates are rendered, extra vars winning", "[connection_vars]")
{
    const core::Value host_vars{{"ansible_become_password", "{{ sudo_pw }}"},
                                {"ansible_host", "{{ mgmt_ip }}"},
                                {"ansible_port", 22},
                                {"scsctl_known_hosts", "{{ kh_dir }}/known_hosts"},
                                {"sudo_pw", "from-host"},
                                {"mgmt_ip", "10.0.0.5"},
                                {"kh_dir", "/etc/scs"},
                                {"motd", "{{ undefined_thing }}"}};
    const core::Value extra{{"sudo_pw", "from-store-s3cret"}};
    auto vars = exec::templated_connection_vars("h1", host_vars, extra);
    REQUIRE(vars);
    CHECK((*vars)["ansible_become_password"] == "from-store-s3cret");
    CHECK((*vars)["ansible_host"] == "10.0.0.5");
    CHECK((*vars)["ansible_port"] == 22);
    CHECK((*vars)["scsctl_known_hosts"] == "/etc/scs/known_hosts");
    // Not a connection variable: left for the playbook's own templating.
    CHECK((*vars)["motd"] == "{{ undefined_thing }}");
}

TEST_CASE("variables without templates come back unchanged", "[connection_vars]")
{
    const core::Value host_vars{{"ansible_host", "10.1.1.1"}, {"ansible_user", "ops"}};
    auto vars = exec::templated_connection_vars("h1", host_vars, core::Value::object());
    REQUIRE(vars);
    CHECK(*vars == host_vars);
}

TEST_CASE("a connection variable that cannot be rendered is an error naming host and variable", "[connection_vars]")
{
    const core::Value host_vars{{"ansible_become_password", "{{ missing_pw }}"}, {"other", "hunter2-value"}};
    auto vars = exec::templated_connection_vars("db1", host_vars, core::Value::object());
    REQUIRE_FALSE(vars);
    CHECK(vars.error().message.starts_with("db1: cannot render ansible_become_password: "));
    CHECK(vars.error().message.find("missing_pw") != std::string::npos);
    CHECK(vars.error().message.find("hunter2-value") == std::string::npos);
}
