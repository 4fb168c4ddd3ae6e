// STUB (owned by the patterns helper): replaced by the real implementation.
#include "inventory/host_pattern.hpp"

namespace scsctl::inventory {

core::Result<std::vector<model::HostId>> match_hosts(const model::Inventory& inventory, std::string_view pattern)
{
    return match_hosts(inventory, pattern, "");
}

core::Result<std::vector<model::HostId>> match_hosts(const model::Inventory&, std::string_view, std::string_view)
{
    return core::fail(core::Error{core::ErrorKind::usage, "host patterns not implemented yet", {}});
}

} // namespace scsctl::inventory
