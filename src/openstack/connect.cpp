// Placeholder of connect() until the libcurl session lands (issue 7, same session): says
// plainly that nothing is connected. Depends on connect.hpp.
#include "openstack/connect.hpp"

namespace scsctl::openstack {

core::Result<std::unique_ptr<CloudApi>> connect(const ConnectOptions&)
{
    return core::fail({core::ErrorKind::internal, "connecting to OpenStack is not built yet", {}});
}

} // namespace scsctl::openstack
