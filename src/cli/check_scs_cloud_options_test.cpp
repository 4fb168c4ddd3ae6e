// Unit tests of the stand-in --os-* options of `scsctl check scs`.
#include <catch2/catch.hpp>

#include "cli/check_scs_cloud_options.hpp"

TEST_CASE("check scs: --os-* flags fill ConnectOptions, and there is no password flag", "[scs-check]")
{
    CLI::App app;
    scsctl::openstack::ConnectOptions options;
    scsctl::cli::add_check_cloud_options(app, options);
    app.parse(std::vector<std::string>{"RegionTwo", "--os-region-name", "https://keystone.example:5000/v3",
                                       "--os-auth-url", "lab", "--os-cloud"});
    CHECK(options.cloud == "lab");
    CHECK(options.overrides.at("auth_url") == "https://keystone.example:5000/v3");
    CHECK(options.overrides.at("region_name") == "RegionTwo");
    CHECK(options.overrides.at("username").empty()); // not given: unset
    CHECK(scsctl::cli::default_subject(options) == "lab");
    options.cloud.clear();
    CHECK(scsctl::cli::default_subject(options) == "https://keystone.example:5000/v3");

    CLI::App strict;
    scsctl::openstack::ConnectOptions other;
    scsctl::cli::add_check_cloud_options(strict, other);
    CHECK_THROWS_AS(strict.parse(std::vector<std::string>{"hunter2", "--os-password"}), CLI::ExtrasError);
}
