// Tests for the shared --os-* options: each flag lands in ConnectOptions under its
// clouds.yaml key, flags not given stay empty (so clouds.yaml and OS_* decide).
#include <catch2/catch.hpp>

#include <algorithm>

#include "cli/openstack_options.hpp"

using namespace scsctl;

TEST_CASE("--os-* flags fill ConnectOptions by clouds.yaml key", "[openstack][cli]")
{
    CLI::App app;
    openstack::ConnectOptions options;
    cli::add_openstack_options(app, options);
    std::vector<std::string> args = {"--api-timeout", "7",          "--insecure",          "--os-project-domain-id",
                                     "default",       "--os-cloud", "prod",                "--os-region-name",
                                     "RegionTwo",     "--os-interface", "internal"};
    std::reverse(args.begin(), args.end()); // CLI11 parses a reversed vector
    app.parse(args);
    CHECK(options.cloud == "prod");
    CHECK(options.timeout_seconds == 7);
    CHECK(options.overrides.at("region_name") == "RegionTwo");
    CHECK(options.overrides.at("interface") == "internal");
    CHECK(options.overrides.at("project_domain_id") == "default");
    CHECK(options.overrides.at("insecure") == "true");
    CHECK(options.overrides.at("username").empty());
    CHECK(options.overrides.at("password").empty());
}

TEST_CASE("--api-timeout outside 1..3600 is a usage error", "[openstack][cli]")
{
    CLI::App app;
    openstack::ConnectOptions options;
    cli::add_openstack_options(app, options);
    std::vector<std::string> args = {"0", "--api-timeout"};
    CHECK_THROWS_AS(app.parse(args), CLI::ValidationError);
}
