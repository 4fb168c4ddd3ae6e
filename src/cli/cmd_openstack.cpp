// scsctl openstack catalog [--os-cloud NAME | --os-* …] [--output json]: logs in to
// Keystone as the OpenStack client would (clouds.yaml, secure.yaml, OS_*, flags), prints
// the token's project and roles and every catalog endpoint with whether it answers and
// how fast. Exit 0 when every endpoint answers, 1 when one does not or the login is
// refused, 2 for bad settings, 3 when Keystone cannot be reached (docs/openstack.md).
#include <algorithm>
#include <cstdio>
#include <memory>

#include "cli/command_table.hpp"
#include "cli/openstack_catalog_output.hpp"
#include "cli/openstack_options.hpp"
#include "cli/scs_flavor_output.hpp"
#include "core/exit_codes.hpp"
#include "openstack/catalog_probe.hpp"
#include "openstack/cloud_config.hpp"
#include "openstack/keystone_auth.hpp"

namespace scsctl::cli {

namespace {

struct CatalogArgs {
    openstack::ConnectOptions connect;
};

void write_out(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

int run_catalog(const CatalogArgs& args, const GlobalOptions& options)
{
    const Console console(options);
    const auto config = openstack::resolve_cloud_config(args.connect, openstack::ConfigEnvironment::process());
    if (!config) {
        console.error("openstack catalog: " + config.error().str());
        return core::exit_code_for(config.error().kind);
    }
    for (const auto& line : config->describe()) {
        console.info("openstack: " + line);
    }
    auto api = openstack::connect_with(*config, args.connect.timeout_seconds);
    if (!api) {
        console.error("openstack catalog: " + api.error().str());
        return core::exit_code_for(api.error().kind);
    }
    CatalogReport report;
    report.cloud = config->cloud_name;
    report.clouds_file = config->clouds_file;
    report.auth_url = openstack::identity_v3_url(config->get("auth_url")).value_or("");
    report.project_id = (*api)->project_id();
    report.project_name = (*api)->project_name();
    report.roles = (*api)->roles();
    report.token_latency_ms = (*api)->auth_latency().count();
    report.probes = openstack::probe_catalog(**api);
    if (options.output == OutputFormat::json) {
        write_out(json_text(catalog_report_json(report)));
    } else {
        write_out(catalog_report_text(report));
    }
    const bool all = std::all_of(report.probes.begin(), report.probes.end(), [](const auto& p) { return p.answers; });
    return all ? core::k_exit_ok : core::k_exit_failed;
}

} // namespace

void define_openstack(CLI::App& command, GlobalOptions& options)
{
    command.require_subcommand(1);
    auto args = std::make_shared<CatalogArgs>();
    CLI::App* catalog = command.add_subcommand(
        "catalog", "Log in to Keystone and show the token's project, roles and catalog, and whether each endpoint answers");
    add_openstack_options(*catalog, args->connect);
    catalog->callback([&options, args] { options.action = [&options, args] { return run_catalog(*args, options); }; });
}

} // namespace scsctl::cli
