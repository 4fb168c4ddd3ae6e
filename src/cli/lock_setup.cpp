// The lock's composition. The heartbeat keeps a run's lock from expiring while the run
// lives (the shape of the etcd lease to come); the expiry matters only to takers on other
// hosts sharing the state, because on the holder's host a dead pid frees the lock at once.
#include "cli/lock_setup.hpp"

#include <unistd.h>

#include "cli/journal_setup.hpp"
#include "core/exit_codes.hpp"
#include "state/journal_rows.hpp"
#include "state/lock_backend.hpp"
#include "state/process_identity.hpp"

namespace scsctl::cli {

state::LockHolder own_lock_request(const std::string& command, const std::string& reason, bool bound_to_process,
                                   std::optional<double> ttl_seconds)
{
    state::LockHolder holder;
    holder.owner = user_name();
    holder.pid = ::getpid();
    holder.pid_start = state::process_start_ticks(holder.pid);
    holder.host = state::this_host_name();
    holder.token = state::new_lock_token(holder.host, holder.pid);
    holder.reason = reason;
    holder.command = command;
    holder.bound_to_process = bound_to_process;
    holder.started_at = state::now_seconds();
    if (ttl_seconds) {
        holder.expires_at = holder.started_at + *ttl_seconds;
    }
    return holder;
}

std::expected<std::unique_ptr<state::RunLock>, int> open_lock(const std::optional<std::string>& path,
                                                              const Console& console)
{
    if (!path) {
        console.error("no state for the lock: give --state PATH, or -i with an inventory file or directory");
        return std::unexpected(core::k_exit_usage);
    }
    auto lock = state::open_run_lock(*path);
    if (!lock) {
        console.error(lock.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    return std::move(*lock);
}

std::expected<void, int> take_lock(state::RunLock& lock, const std::string& where, const state::LockHolder& wanted,
                                   const Console& console)
{
    auto outcome = lock.acquire(wanted);
    if (!outcome) {
        console.error(outcome.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    if (!outcome->acquired) {
        console.error(where + ": the inventory is locked by " + state::describe_holder(*outcome->other) +
                      "; wait for it to end, or see 'scsctl lock status'");
        return std::unexpected(core::k_exit_lock_held);
    }
    if (outcome->other) {
        console.warning(where + ": took over the inventory lock of " + state::describe_holder(*outcome->other) + ": " +
                        state::describe_staleness(*outcome->other, outcome->other_staleness));
    }
    return {};
}

HeldRunLock::HeldRunLock(std::unique_ptr<state::RunLock> lock, state::LockHolder holder, std::string where,
                         const Console& console)
    : m_lock(std::move(lock)), m_holder(std::move(holder)), m_where(std::move(where)), m_console(console),
      m_thread([this] { heartbeat(); })
{
}

HeldRunLock::~HeldRunLock()
{
    {
        std::lock_guard guard(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
    auto released = m_lock->release(m_holder.token);
    if (!released) {
        m_console.warning(released.error().str() + "; the inventory lock stays until it expires");
    }
}

void HeldRunLock::heartbeat()
{
    const auto period = std::chrono::duration_cast<std::chrono::milliseconds>(k_run_lock_ttl) / 3;
    std::unique_lock guard(m_mutex);
    bool lost = false;
    while (!m_wake.wait_for(guard, period, [this] { return m_stop; })) {
        guard.unlock();
        const double expires = state::now_seconds() + static_cast<double>(k_run_lock_ttl.count());
        auto renewed = m_lock->renew(m_holder.token, expires);
        if (!renewed) {
            m_console.warning(renewed.error().str() + "; the inventory lock was not renewed");
        } else if (!*renewed && !lost) {
            lost = true;
            m_console.warning(m_where + ": the inventory lock was released by someone else (scsctl unlock --force); "
                                        "this run goes on without it");
        }
        guard.lock();
    }
}

std::expected<std::unique_ptr<HeldRunLock>, int> hold_run_lock(const std::optional<std::string>& path,
                                                               const std::string& command, const Console& console)
{
    if (!path) {
        return nullptr; // no journal, no lock: an inline host list without --state
    }
    auto lock = open_lock(path, console);
    if (!lock) {
        return std::unexpected(lock.error());
    }
    const double ttl = static_cast<double>(k_run_lock_ttl.count());
    state::LockHolder holder = own_lock_request(command, "", true, ttl);
    if (auto taken = take_lock(**lock, *path, holder, console); !taken) {
        return std::unexpected(taken.error());
    }
    return std::make_unique<HeldRunLock>(std::move(*lock), std::move(holder), *path, console);
}

} // namespace scsctl::cli
