// The --os-* flags (see openstack_options.hpp). Each binds to the overrides entry of its
// clouds.yaml key; the map entries are created up front, so the references stay valid.
#include "cli/openstack_options.hpp"

namespace scsctl::cli {

namespace {

struct FlagSpec {
    const char* key;
    const char* help;
};

constexpr FlagSpec k_flags[] = {
    {"auth_url", "Keystone URL (OS_AUTH_URL)"},
    {"auth_type", "password (default) or v3applicationcredential (OS_AUTH_TYPE)"},
    {"username", "User name (OS_USERNAME)"},
    {"user_id", "User id (OS_USER_ID)"},
    {"password", "Password (OS_PASSWORD); discouraged: other users can read argv, prefer secure.yaml or OS_PASSWORD"},
    {"project_name", "Project to scope the token to (OS_PROJECT_NAME)"},
    {"project_id", "Project id to scope the token to (OS_PROJECT_ID)"},
    {"user_domain_name", "The user's domain (OS_USER_DOMAIN_NAME)"},
    {"user_domain_id", "The user's domain id (OS_USER_DOMAIN_ID)"},
    {"project_domain_name", "The project's domain (OS_PROJECT_DOMAIN_NAME)"},
    {"project_domain_id", "The project's domain id (OS_PROJECT_DOMAIN_ID)"},
    {"region_name", "Region of the endpoints (OS_REGION_NAME)"},
    {"interface", "Endpoint interface: public (default), internal or admin (OS_INTERFACE)"},
    {"application_credential_id", "Application credential id (OS_APPLICATION_CREDENTIAL_ID)"},
    {"application_credential_name", "Application credential name (OS_APPLICATION_CREDENTIAL_NAME)"},
    {"application_credential_secret",
     "Application credential secret (OS_APPLICATION_CREDENTIAL_SECRET); discouraged: argv is visible"},
    {"cacert", "CA bundle to verify the cloud's TLS certificates (OS_CACERT)"},
};

std::string flag_of(const char* key)
{
    std::string flag = std::string("--os-") + key;
    for (char& c : flag) {
        c = c == '_' ? '-' : c;
    }
    return flag;
}

} // namespace

void add_openstack_options(CLI::App& command, openstack::ConnectOptions& options)
{
    const std::string group = "OpenStack (clouds.yaml, OS_* variables)";
    command.add_option("--os-cloud", options.cloud, "Cloud of clouds.yaml (OS_CLOUD)")
        ->type_name("NAME")
        ->group(group);
    for (const auto& flag : k_flags) {
        std::string& target = options.overrides[flag.key];
        command.add_option(flag_of(flag.key), target, flag.help)->type_name("VALUE")->group(group);
    }
    command.add_flag_callback(
        "--insecure", [&options] { options.overrides["insecure"] = "true"; },
        "Do not verify the cloud's TLS certificates (OS_INSECURE)")
        ->group(group);
    command.add_option("--api-timeout", options.timeout_seconds, "Seconds per API request (default 30)")
        ->type_name("SECONDS")
        ->check(CLI::Range(1L, 3600L))
        ->group(group);
}

} // namespace scsctl::cli
