// Unit tests of scs-0114 (Cinder volume types), scs-0115 (Neutron default security group
// rules, with the fallback that creates and deletes a group), scs-0116 (Barbican), scs-0123
// (the catalog), the preflight and the runner, over a FakeCloud answering as the services do.
#include <catch2/catch.hpp>

#include "scs/iaas_fake_cloud_test.hpp"
#include "scs/iaas_scope.hpp"
#include "scs/iaas_testcases.hpp"

using scsctl::scs::IaasSubject;
using scsctl::scs::TestLog;
using scsctl::scs::testing::FakeCloud;

namespace {

bool has_line(const TestLog& log, const std::string& part)
{
    for (const auto& line : log.lines()) {
        if (line.text.find(part) != std::string::npos) {
            return true;
        }
    }
    return false;
}

nlohmann::json volume_type(const std::string& name, nlohmann::json description)
{
    return {{"id", "vt-" + name},
            {"name", name},
            {"description", std::move(description)},
            {"is_public", true},
            {"os-volume-type-access:is_public", true},
            {"qos_specs_id", nullptr},
            {"extra_specs", {{"volume_backend_name", "ceph"}}}};
}

/// A default security group rule template as Neutron (2023.2+) lists it.
nlohmann::json rule_template(const std::string& direction, const std::string& ethertype, nlohmann::json remote_group,
                             bool in_default, bool in_custom)
{
    return {{"id", "r-" + direction + ethertype + (in_default ? "d" : "") + (in_custom ? "c" : "")},
            {"direction", direction},
            {"ethertype", ethertype},
            {"protocol", nullptr},
            {"port_range_min", nullptr},
            {"port_range_max", nullptr},
            {"remote_ip_prefix", nullptr},
            {"remote_group_id", std::move(remote_group)},
            {"remote_address_group_id", nullptr},
            {"description", ""},
            {"used_in_default_sg", in_default},
            {"used_in_non_default_sg", in_custom}};
}

/// Neutron's defaults: egress for both families everywhere, ingress from the group itself
/// only in the default group.
nlohmann::json neutron_default_templates()
{
    return nlohmann::json::array({rule_template("egress", "IPv4", nullptr, true, true),
                                  rule_template("egress", "IPv6", nullptr, true, true),
                                  rule_template("ingress", "IPv4", "PARENT", true, false),
                                  rule_template("ingress", "IPv6", "PARENT", true, false)});
}

} // namespace

TEST_CASE("scs-0114: feature lists in volume type descriptions", "[scs-check]")
{
    FakeCloud cloud;
    cloud.on("GET", "block-storage", "/types", 200,
             {{"volume_types", nlohmann::json::array({volume_type("LUKS", "[scs:encrypted] encrypted volumes"),
                                                      volume_type("ceph", nullptr),
                                                      volume_type("fast", "fast SSDs, no list")})}});
    IaasSubject subject(cloud);
    TestLog log;
    CHECK(*scsctl::scs::scs0114_syntax_check(subject, log));
    CHECK(*scsctl::scs::scs0114_aspect_type(subject, log, "encrypted"));
    CHECK_FALSE(*scsctl::scs::scs0114_aspect_type(subject, log, "replicated"));
    CHECK(has_line(log, "no volume type having aspect replicated"));

    FakeCloud messy;
    messy.on("GET", "block-storage", "/types", 200,
             {{"volume_types",
               nlohmann::json::array({volume_type("a", "[scs:replicated, encrypted]"),
                                      volume_type("b", "[scs:encrypted, encrypted, fast]")})}});
    IaasSubject messy_subject(messy);
    TestLog log2;
    CHECK_FALSE(*scsctl::scs::scs0114_syntax_check(messy_subject, log2));
    CHECK(has_line(log2, "a: feature list not sorted"));
    CHECK(has_line(log2, "b: duplicate features: encrypted"));
    CHECK(has_line(log2, "b: unrecognized features: fast"));
    // A listed feature counts even in a malformed list, as in the reference.
    CHECK(*scsctl::scs::scs0114_aspect_type(messy_subject, log2, "replicated"));
}

TEST_CASE("scs-0114 reads Cinder under the catalog type the cloud uses", "[scs-check]")
{
    FakeCloud cloud({"compute", "volumev3"});
    cloud.on("GET", "volumev3", "/types", 200, {{"volume_types", nlohmann::json::array()}});
    IaasSubject subject(cloud);
    TestLog log;
    CHECK(*scsctl::scs::scs0114_syntax_check(subject, log));
    CHECK(cloud.requests.back().service_type == "volumev3");
}

TEST_CASE("scs-0115 judges Neutron's default rule templates without writing", "[scs-check]")
{
    FakeCloud cloud;
    cloud.on("GET", "network", "/v2.0/default-security-group-rules", 200,
             {{"default_security_group_rules", neutron_default_templates()}});
    IaasSubject subject(cloud);
    TestLog log;
    CHECK(*scsctl::scs::scs0115_default_rules(subject, log));
    CHECK(cloud.requests_with("POST").empty());

    auto open_ssh = neutron_default_templates();
    auto ssh = rule_template("ingress", "IPv4", nullptr, true, true);
    ssh["protocol"] = "tcp";
    ssh["port_range_min"] = 22;
    ssh["port_range_max"] = 22;
    ssh["remote_ip_prefix"] = "0.0.0.0/0";
    open_ssh.push_back(ssh);
    open_ssh.erase(1); // no IPv6 egress
    FakeCloud lax;
    lax.on("GET", "network", "/v2.0/default-security-group-rules", 200, {{"default_security_group_rules", open_ssh}});
    IaasSubject lax_subject(lax);
    TestLog log2;
    CHECK_FALSE(*scsctl::scs::scs0115_default_rules(lax_subject, log2));
    CHECK(has_line(log2, "Expected no default ingress rules, found 1."));
    CHECK(has_line(log2, "Missing rule types: IPv6/default, IPv6/custom"));
}

TEST_CASE("scs-0115 falls back to creating, reading and deleting a group on older Neutron", "[scs-check]")
{
    FakeCloud cloud; // no default-security-group-rules resource: 404
    const nlohmann::json group = {
        {"id", "sg-1"},
        {"name", "scs-test-default-sg"},
        {"description", "scs-test-default-sg"},
        {"stateful", true},
        {"security_group_rules",
         nlohmann::json::array({{{"id", "e4"}, {"direction", "egress"}, {"ethertype", "IPv4"}, {"remote_ip_prefix", nullptr}},
                                {{"id", "e6"}, {"direction", "egress"}, {"ethertype", "IPv6"}, {"remote_ip_prefix", nullptr}}})}};
    cloud.on("POST", "network", "/v2.0/security-groups", 201, {{"security_group", group}});
    cloud.on("GET", "network", "/v2.0/security-groups/sg-1", 200, {{"security_group", group}});
    cloud.on("GET", "network", "/v2.0/security-groups/sg-1", 404, {{"NeutronError", {{"type", "SecurityGroupNotFound"}}}});
    cloud.on("DELETE", "network", "/v2.0/security-groups/sg-1", 204);
    IaasSubject subject(cloud);
    TestLog log;
    const auto verdict = scsctl::scs::scs0115_default_rules(subject, log);
    REQUIRE(verdict);
    CHECK(*verdict);
    const auto posts = cloud.requests_with("POST");
    REQUIRE(posts.size() == 1);
    CHECK((*posts[0].body)["security_group"]["name"] == "scs-test-default-sg");
    CHECK(cloud.requests_with("DELETE").size() == 1);

    // A deletion that does not take is an abort, not a pass.
    FakeCloud sticky;
    sticky.on("POST", "network", "/v2.0/security-groups", 201, {{"security_group", group}});
    sticky.on("GET", "network", "/v2.0/security-groups/sg-1", 200, {{"security_group", group}});
    sticky.on("DELETE", "network", "/v2.0/security-groups/sg-1", 409, {{"NeutronError", {{"type", "InUse"}}}});
    IaasSubject sticky_subject(sticky);
    TestLog log2;
    const auto stuck = scsctl::scs::scs0115_default_rules(sticky_subject, log2);
    REQUIRE_FALSE(stuck);
    CHECK(stuck.error().message.find("was not deleted") != std::string::npos);
}

TEST_CASE("scs-0116: the key manager's presence and a member's use of it", "[scs-check]")
{
    FakeCloud cloud;
    const std::string ref = "https://key-manager.example/v1/secrets/5c1f";
    cloud.on("GET", "key-manager", "/v1/secrets?name=scs-member-role-test-secret", 200,
             {{"secrets", nlohmann::json::array()}, {"total", 0}});
    cloud.on("GET", "key-manager", "/v1/secrets?name=scs-member-role-test-secret", 200,
             {{"secrets", nlohmann::json::array({{{"secret_ref", ref},
                                                  {"name", "scs-member-role-test-secret"},
                                                  {"status", "ACTIVE"},
                                                  {"secret_type", "opaque"}}})},
              {"total", 1}});
    cloud.on("POST", "key-manager", "/v1/secrets", 201, {{"secret_ref", ref}});
    cloud.on("DELETE", "key-manager", "/v1/secrets/5c1f", 204);
    IaasSubject subject(cloud);
    TestLog log;
    CHECK(*scsctl::scs::scs0116_presence(subject, log));
    CHECK(*scsctl::scs::scs0116_permissions(subject, log));
    const auto posts = cloud.requests_with("POST");
    REQUIRE(posts.size() == 1);
    CHECK((*posts[0].body)["payload"] == "foo");
    REQUIRE(cloud.requests_with("DELETE").size() == 1);
    CHECK(cloud.requests_with("DELETE")[0].path == "/v1/secrets/5c1f");

    FakeCloud forbidding;
    forbidding.on("GET", "key-manager", "/v1/secrets?name=scs-member-role-test-secret", 403,
                  {{"code", 403}, {"title", "Forbidden"}, {"description", "SecretABAC check failed"}});
    IaasSubject forbidden(forbidding);
    TestLog log2;
    CHECK_FALSE(*scsctl::scs::scs0116_permissions(forbidden, log2));
    CHECK(has_line(log2, "Unsuccessful at using Key Manager API"));

    FakeCloud without({"compute", "identity"});
    IaasSubject bare(without);
    TestLog log3;
    CHECK_FALSE(*scsctl::scs::scs0116_presence(bare, log3));
    CHECK(*scsctl::scs::scs0116_permissions(bare, log3)); // applies only where Barbican is
    CHECK(without.requests.empty());

    FakeCloud admin;
    admin.roles_list = {"admin", "member"};
    IaasSubject privileged(admin);
    CHECK_FALSE(scsctl::scs::scs0116_permissions(privileged, log3)); // ABORT
}

TEST_CASE("scs-0123: services in the catalog", "[scs-check]")
{
    FakeCloud cloud({"compute", "identity", "volumev3"});
    IaasSubject subject(cloud);
    TestLog log;
    constexpr std::string_view compute[] = {"compute"};
    constexpr std::string_view balancer[] = {"load-balancer"};
    constexpr std::string_view storage[] = {"volume", "volumev3", "block-storage"};
    CHECK(*scsctl::scs::scs0123_service_presence(subject, log, compute));
    CHECK(*scsctl::scs::scs0123_service_presence(subject, log, storage));
    CHECK_FALSE(*scsctl::scs::scs0123_service_presence(subject, log, balancer));
    CHECK(has_line(log, "No service of type(s) load-balancer found."));
    CHECK(*scsctl::scs::scs0123_swift_s3(subject, log)); // no object-store: nothing to test
    CHECK(has_line(log, "skipping scs-0123-swift-s3 because object-store not present"));
    CHECK(cloud.requests.empty());
}

TEST_CASE("the v5.1 table, the preflight and the runner", "[scs-check]")
{
    const auto* version = scsctl::scs::find_iaas_scope_version("v5.1");
    REQUIRE(version != nullptr);
    CHECK(scsctl::scs::find_iaas_scope_version("v4") == nullptr);
    std::vector<std::string> ids;
    std::size_t required = 0;
    for (const auto& spec : version->testcases) {
        ids.push_back(spec.id);
        required += spec.required ? 1 : 0;
    }
    CHECK(std::find(ids.begin(), ids.end(), "scs-0103-flavor-2v-4-20s") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "scs-0102-prop-hash_algo") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "scs-0123-service-load-balancer") != ids.end());
    std::vector<std::string> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()); // ids are unique
    CHECK(ids.size() == 72);
    CHECK(required == 50);

    FakeCloud member;
    CHECK(scsctl::scs::iaas_preflight(member));
    FakeCloud reader;
    reader.roles_list = {"reader"};
    CHECK_FALSE(scsctl::scs::iaas_preflight(reader));
    FakeCloud manager;
    manager.roles_list = {"member", "manager"};
    CHECK_FALSE(scsctl::scs::iaas_preflight(manager));

    // Nova unreachable: its testcases abort, the catalog's still pass.
    FakeCloud cloud;
    cloud.break_service("compute");
    IaasSubject subject(cloud);
    std::vector<const scsctl::scs::TestcaseSpec*> selected;
    for (const auto& spec : version->testcases) {
        if (spec.id == "scs-0100-syntax-check" || spec.id == "scs-0123-service-compute") {
            selected.push_back(&spec);
        }
    }
    std::vector<std::string> seen;
    const auto results =
        scsctl::scs::run_testcases(subject, selected, [&](const auto& result) { seen.push_back(result.id); });
    REQUIRE(results.size() == 2);
    CHECK(results[0].outcome == scsctl::scs::Outcome::abort);
    CHECK(results[0].messages.back().text.find("connection refused") != std::string::npos);
    CHECK(results[1].outcome == scsctl::scs::Outcome::pass);
    CHECK(seen == std::vector<std::string>{"scs-0100-syntax-check", "scs-0123-service-compute"});
}

TEST_CASE("scs-0114 and scs-0103 abort when their service cannot be read", "[scs-check]")
{
    FakeCloud cloud;
    cloud.on("GET", "block-storage", "/types", 500, {{"computeFault", {{"code", 500}, {"message", "oops"}}}});
    cloud.break_service("compute");
    IaasSubject subject(cloud);
    TestLog log;
    const auto syntax = scsctl::scs::scs0114_syntax_check(subject, log);
    REQUIRE_FALSE(syntax);
    CHECK(syntax.error().message.rfind("GET block-storage /types: HTTP 500", 0) == 0);
    const auto flavor = scsctl::scs::scs0103_flavor(subject, log, "SCS-1V-4");
    REQUIRE_FALSE(flavor);
    CHECK(flavor.error().kind == scsctl::core::ErrorKind::unreachable);
}
