// The default report subject of check scs (check_scs_subject.hpp).
#include "cli/check_scs_subject.hpp"

#include <cstdlib>

namespace scsctl::cli {

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
