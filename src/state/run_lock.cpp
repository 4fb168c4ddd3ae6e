// The lock's rules that every backend shares: when a holder is stale, tokens, and how a
// holder is named in messages.
#include "state/run_lock.hpp"

#include <ctime>
#include <iomanip>
#include <random>
#include <sstream>

namespace scsctl::state {

Staleness staleness(const LockHolder& holder, double now, const std::string& this_host,
                    const std::function<bool(std::int64_t, std::uint64_t)>& alive)
{
    if (holder.expires_at && *holder.expires_at <= now) {
        return Staleness::expired;
    }
    if (holder.bound_to_process && holder.host == this_host && !alive(holder.pid, holder.pid_start)) {
        return Staleness::process_gone;
    }
    return Staleness::live;
}

std::string new_lock_token(const std::string& host, std::int64_t pid)
{
    std::random_device device;
    std::ostringstream out;
    out << host << ":" << pid << ":" << std::hex << device() << device();
    return out.str();
}

std::string lock_time_text(double seconds)
{
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm parts{};
    ::localtime_r(&time, &parts);
    std::ostringstream out;
    out << std::put_time(&parts, "%Y-%m-%d %H:%M:%S");
    return out.str();
}

std::string describe_holder(const LockHolder& holder)
{
    std::string out = holder.owner + " (pid " + std::to_string(holder.pid) + " on host " + holder.host + ", scsctl " +
                      holder.command + ", since " + lock_time_text(holder.started_at);
    if (holder.expires_at && !holder.bound_to_process) {
        out += ", until " + lock_time_text(*holder.expires_at);
    }
    if (!holder.reason.empty()) {
        out += ", reason: " + holder.reason;
    }
    return out + ")";
}

std::string describe_staleness(const LockHolder& holder, Staleness staleness)
{
    switch (staleness) {
    case Staleness::expired:
        return "it expired at " + lock_time_text(holder.expires_at.value_or(0));
    case Staleness::process_gone:
        return "its process " + std::to_string(holder.pid) + " is gone";
    case Staleness::live:
        break;
    }
    return "it is held";
}

} // namespace scsctl::state
