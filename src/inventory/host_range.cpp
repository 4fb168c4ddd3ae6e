// STUB (owned by the INI helper): replaced by the real implementation.
#include "inventory/host_range.hpp"

namespace scsctl::inventory {

core::Result<HostEntry> expand_host_entry(std::string_view text)
{
    return HostEntry{{std::string(text)}, std::nullopt};
}

} // namespace scsctl::inventory
