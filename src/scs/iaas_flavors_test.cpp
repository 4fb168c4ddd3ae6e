// Unit tests of scs-0100-syntax-check, scs-0100-semantics-check and scs-0103-flavor-* over a
// FakeCloud that answers Nova's `GET /flavors/detail` (microversion 2.61) as Nova does.
#include <catch2/catch.hpp>

#include "scs/flavor_generate.hpp"
#include "scs/iaas_fake_cloud_test.hpp"
#include "scs/iaas_testcases.hpp"

using scsctl::scs::IaasSubject;
using scsctl::scs::TestLog;
using scsctl::scs::testing::FakeCloud;

namespace {

/// A flavor as Nova 2.61 lists it.
nlohmann::json nova_flavor(const std::string& name, int vcpus, int ram_mib, int disk_gb,
                           nlohmann::json extra_specs = nlohmann::json::object())
{
    return {{"OS-FLV-DISABLED:disabled", false},
            {"OS-FLV-EXT-DATA:ephemeral", 0},
            {"os-flavor-access:is_public", true},
            {"description", nullptr},
            {"disk", disk_gb},
            {"id", "id-" + name},
            {"links", nlohmann::json::array({{{"href", "https://compute.example/v2.1/flavors/id-" + name},
                                               {"rel", "self"}}})},
            {"name", name},
            {"ram", ram_mib},
            {"rxtx_factor", 1.0},
            {"swap", ""},
            {"vcpus", vcpus},
            {"extra_specs", std::move(extra_specs)}};
}

/// The scs:* extra_specs scs-0103 expects for a standard name.
nlohmann::json specs_of(const std::string& name)
{
    auto parsed = scsctl::scs::parse_flavor_name(name, scsctl::scs::Syntax::v2);
    const auto derived = scsctl::scs::extra_specs(**parsed);
    nlohmann::json specs = nlohmann::json::object();
    for (const auto& [key, value] : *derived) {
        specs[key] = value;
    }
    return specs;
}

void serve_flavors(FakeCloud& cloud, nlohmann::json flavors)
{
    cloud.on("GET", "compute", "/flavors/detail", 200, {{"flavors", std::move(flavors)}});
}

bool has_line(const TestLog& log, const std::string& part)
{
    for (const auto& line : log.lines()) {
        if (line.text.find(part) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("scs-0100 syntax check passes v3 names, tolerates v1 and ignores other flavors", "[scs-check]")
{
    FakeCloud cloud;
    serve_flavors(cloud, nlohmann::json::array({nova_flavor("SCS-2V-4", 2, 4096, 0),
                                                nova_flavor("SCS-2V:4:10", 2, 4096, 10),
                                                nova_flavor("m1.small", 1, 2048, 20)}));
    IaasSubject subject(cloud);
    TestLog log;
    const auto verdict = scsctl::scs::scs0100_syntax_check(subject, log);
    REQUIRE(verdict);
    CHECK(*verdict);
    CHECK(has_line(log, "merely tolerated v1: SCS-2V:4:10"));
    // Nova was asked at microversion 2.61, which lists extra_specs.
    REQUIRE(cloud.requests.size() == 1);
    CHECK(cloud.requests[0].headers.at("OpenStack-API-Version") == "compute 2.61");
}

TEST_CASE("scs-0100 syntax check fails an unreadable SCS- name and names it", "[scs-check]")
{
    FakeCloud cloud;
    serve_flavors(cloud, nlohmann::json::array({nova_flavor("SCS-2V-4", 2, 4096, 0),
                                                nova_flavor("SCS-2X-4", 2, 4096, 0)}));
    IaasSubject subject(cloud);
    TestLog log;
    const auto verdict = scsctl::scs::scs0100_syntax_check(subject, log);
    REQUIRE(verdict);
    CHECK_FALSE(*verdict);
    CHECK(has_line(log, "flavor(s) failed: SCS-2X-4"));
}

TEST_CASE("scs-0100 semantics: the name may promise less than the flavor has, never more", "[scs-check]")
{
    FakeCloud cloud;
    serve_flavors(cloud, nlohmann::json::array({
                             nova_flavor("SCS-2V-4-10", 4, 8192, 20), // underpromise: fine
                             nova_flavor("SCS-4V-16", 4, 16384, 0),
                         }));
    IaasSubject subject(cloud);
    TestLog log;
    auto verdict = scsctl::scs::scs0100_semantics_check(subject, log);
    REQUIRE(verdict);
    CHECK(*verdict);
    CHECK(has_line(log, "CPU underpromise: 4 > 2"));

    FakeCloud liar;
    serve_flavors(liar, nlohmann::json::array({
                            nova_flavor("SCS-4V-16", 2, 16384, 0),     // fewer vCPUs
                            nova_flavor("SCS-2V-8", 2, 7800, 0),       // 7.6 GiB < 8
                            nova_flavor("SCS-2V-4-20s", 2, 4096, 10), // smaller disk
                            nova_flavor("SCS-1V-2", 1, 2048, 0),
                        }));
    IaasSubject lying(liar);
    TestLog log2;
    verdict = scsctl::scs::scs0100_semantics_check(lying, log2);
    REQUIRE(verdict);
    CHECK_FALSE(*verdict);
    CHECK(has_line(log2, "flavor(s) failed: SCS-2V-4-20s, SCS-2V-8, SCS-4V-16"));
    CHECK(has_line(log2, "RAM overpromise 7.6 < 8.0"));
}

TEST_CASE("scs-0100 aborts when Nova cannot be read", "[scs-check]")
{
    FakeCloud cloud;
    cloud.on("GET", "compute", "/flavors/detail", 503, {{"message", "Service Unavailable"}});
    IaasSubject subject(cloud);
    TestLog log;
    const auto verdict = scsctl::scs::scs0100_syntax_check(subject, log);
    REQUIRE_FALSE(verdict);
    CHECK(verdict.error().message.find("HTTP 503") != std::string::npos);
    // The failed list is kept: the second testcase aborts without asking again.
    CHECK_FALSE(scsctl::scs::scs0100_semantics_check(subject, log));
    CHECK(cloud.requests.size() == 1);
}

TEST_CASE("flavors are read across Nova's pages", "[scs-check]")
{
    FakeCloud cloud;
    cloud.on("GET", "compute", "/flavors/detail", 200,
             {{"flavors", nlohmann::json::array({nova_flavor("SCS-1V-4", 1, 4096, 0, specs_of("SCS-1V-4"))})},
              {"flavors_links",
               nlohmann::json::array({{{"href", "https://compute.example/v2.1/flavors/detail?marker=id-SCS-1V-4"},
                                       {"rel", "next"}}})}});
    cloud.on("GET", "compute", "/flavors/detail?marker=id-SCS-1V-4", 200,
             {{"flavors", nlohmann::json::array({nova_flavor("SCS-2V-8", 2, 8192, 0, specs_of("SCS-2V-8"))})}});
    IaasSubject subject(cloud);
    TestLog log;
    CHECK(*scsctl::scs::scs0103_flavor(subject, log, "SCS-2V-8"));
    CHECK(*scsctl::scs::scs0103_flavor(subject, log, "SCS-1V-4"));
    CHECK(cloud.requests.size() == 2);
}

TEST_CASE("scs-0103: a standard flavor must exist with exact sizes and extra_specs", "[scs-check]")
{
    FakeCloud cloud;
    auto wrong_specs = specs_of("SCS-4V-16");
    wrong_specs["scs:cpu-type"] = "dedicated-core";
    serve_flavors(cloud, nlohmann::json::array({
                             nova_flavor("SCS-2V-4-20s", 2, 4096, 20, specs_of("SCS-2V-4-20s")),
                             // found by its scs:name-v2 extra_spec, though named otherwise
                             nova_flavor("standard.small", 1, 4096, 0, specs_of("SCS-1V-4")),
                             nova_flavor("SCS-4V-16", 4, 16384, 0, wrong_specs),
                             nova_flavor("SCS-8V-32", 8, 32768, 50, specs_of("SCS-8V-32")),
                         }));
    IaasSubject subject(cloud);
    TestLog log;
    CHECK(*scsctl::scs::scs0103_flavor(subject, log, "SCS-2V-4-20s"));
    CHECK(*scsctl::scs::scs0103_flavor(subject, log, "SCS-1V-4"));
    CHECK(log.lines().empty());
    CHECK_FALSE(*scsctl::scs::scs0103_flavor(subject, log, "SCS-4V-16"));
    CHECK(has_line(log, "scs:cpu-type: 'dedicated-core' should be 'shared-core'"));
    CHECK_FALSE(*scsctl::scs::scs0103_flavor(subject, log, "SCS-8V-32"));
    CHECK(has_line(log, "disk: 50 should be 0"));
    CHECK_FALSE(*scsctl::scs::scs0103_flavor(subject, log, "SCS-16V-32"));
    CHECK(has_line(log, "standard flavor missing: SCS-16V-32"));
}
