// See the header: a stand-in to be swapped for the shared --os-* options.
#include "cli/check_scs_cloud_options.hpp"

#include <cstdlib>

namespace scsctl::cli {

void add_check_cloud_options(CLI::App& command, openstack::ConnectOptions& options)
{
    command.add_option("--os-cloud", options.cloud, "The cloud's entry in clouds.yaml (default: $OS_CLOUD)")
        ->type_name("NAME");
    const struct {
        const char* flag;
        const char* key;
        const char* help;
    } overrides[] = {
        {"--os-auth-url", "auth_url", "Keystone's URL (overrides clouds.yaml and $OS_AUTH_URL)"},
        {"--os-region-name", "region_name", "The region whose endpoints to use"},
        {"--os-interface", "interface", "The endpoint interface: public (default), internal or admin"},
        {"--os-project-name", "project_name", "The project to scope the token to"},
        {"--os-username", "username", "The user (the password comes from clouds.yaml, secure.yaml or $OS_PASSWORD)"},
    };
    for (const auto& item : overrides) {
        command.add_option(item.flag, options.overrides[item.key], item.help)->type_name("VALUE");
    }
}

std::string default_subject(const openstack::ConnectOptions& options)
{
    if (!options.cloud.empty()) {
        return options.cloud;
    }
    if (const auto found = options.overrides.find("auth_url");
        found != options.overrides.end() && !found->second.empty()) {
        return found->second;
    }
    if (const char* cloud = std::getenv("OS_CLOUD"); cloud != nullptr && *cloud != '\0') {
        return cloud;
    }
    return "openstack";
}

} // namespace scsctl::cli
