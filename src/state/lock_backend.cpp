// Backend selection by the location's scheme.
#include "state/lock_backend.hpp"

#include "state/etcd_run_lock.hpp"
#include "state/etcd_url.hpp"
#include "state/sqlite_run_lock.hpp"

namespace scsctl::state {

core::Result<std::unique_ptr<RunLock>> open_run_lock(const std::string& location)
{
    if (is_etcd_url(location)) {
        auto lock = SCSCTL_TRY(EtcdRunLock::open(location));
        return std::unique_ptr<RunLock>(std::move(lock));
    }
    auto lock = SCSCTL_TRY(SqliteRunLock::open(location));
    return std::unique_ptr<RunLock>(std::move(lock));
}

} // namespace scsctl::state
