// check scs's cloud selection: the shared --os-* options fill ConnectOptions, and the
// report subject defaults to the cloud's name, else the auth URL.
#include <catch2/catch.hpp>

#include "cli/check_scs_subject.hpp"
#include "cli/openstack_options.hpp"

TEST_CASE("check scs: --os-* flags fill ConnectOptions; the subject is the cloud, else the auth URL", "[scs-check]")
{
    CLI::App app;
    scsctl::openstack::ConnectOptions options;
    scsctl::cli::add_openstack_options(app, options);
    app.parse(std::vector<std::string>{"RegionTwo", "--os-region-name", "https://keystone.example:5000/v3",
                                       "--os-auth-url", "lab", "--os-cloud"});
    CHECK(options.cloud == "lab");
    CHECK(options.overrides.at("auth_url") == "https://keystone.example:5000/v3");
    CHECK(options.overrides.at("region_name") == "RegionTwo");
    CHECK(scsctl::cli::default_subject(options) == "lab");
    options.cloud.clear();
    CHECK(scsctl::cli::default_subject(options) == "https://keystone.example:5000/v3");
}
