// Backend selection by the location's scheme, as lock_backend.cpp does for the lock.
#include "state/run_store_backend.hpp"

#include "state/etcd_run_store.hpp"
#include "state/etcd_url.hpp"
#include "state/journal.hpp"

namespace scsctl::state {

core::Result<std::unique_ptr<RunStore>> open_run_store(const std::string& location)
{
    if (is_etcd_url(location)) {
        auto store = SCSCTL_TRY(EtcdRunStore::open(location));
        return std::unique_ptr<RunStore>(std::move(store));
    }
    auto journal = SCSCTL_TRY(Journal::open(location));
    return std::unique_ptr<RunStore>(std::move(journal));
}

} // namespace scsctl::state
