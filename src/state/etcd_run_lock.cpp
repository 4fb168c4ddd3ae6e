// The etcd lock. Read, decide with the shared staleness rule, then write in a txn that
// compares the key's mod revision (or its absence): when another taker wrote in between,
// the txn fails and the decision is made again on what is there now.
#include "state/etcd_run_lock.hpp"

#include <cmath>

#include "core/value.hpp"
#include "state/etcd_url.hpp"
#include "state/journal_rows.hpp"
#include "state/process_identity.hpp"

namespace scsctl::state {

namespace {

/// Rounds of read-decide-txn before giving up on a key that keeps changing.
constexpr int k_attempts = 20;

std::string holder_json(const LockHolder& holder)
{
    core::Value out{{"token", holder.token},
                    {"owner", holder.owner},
                    {"pid", holder.pid},
                    {"pid_start", holder.pid_start},
                    {"host", holder.host},
                    {"reason", holder.reason},
                    {"command", holder.command},
                    {"bound_to_process", holder.bound_to_process},
                    {"started_at", holder.started_at}};
    out["expires_at"] = holder.expires_at ? core::Value(*holder.expires_at) : core::Value(nullptr);
    return out.dump(-1, ' ', false, core::Value::error_handler_t::replace);
}

/// The holder in `text`; nullopt when it is not a holder record.
std::optional<LockHolder> parse_holder(const std::string& text)
{
    const core::Value in = core::Value::parse(text, nullptr, false);
    if (!in.is_object()) {
        return std::nullopt;
    }
    auto text_of = [&](const char* name) -> const std::string* {
        const auto found = in.find(name);
        return found != in.end() && found->is_string() ? &found->get_ref<const std::string&>() : nullptr;
    };
    auto number_of = [&](const char* name) -> std::optional<double> {
        const auto found = in.find(name);
        return found != in.end() && found->is_number() ? std::optional<double>(found->get<double>()) : std::nullopt;
    };
    const auto* token = text_of("token");
    const auto* owner = text_of("owner");
    const auto* host = text_of("host");
    const auto* reason = text_of("reason");
    const auto* command = text_of("command");
    const auto pid = number_of("pid");
    const auto started = number_of("started_at");
    const auto bound = in.find("bound_to_process");
    if (token == nullptr || owner == nullptr || host == nullptr || reason == nullptr || command == nullptr || !pid ||
        !started || bound == in.end() || !bound->is_boolean()) {
        return std::nullopt;
    }
    LockHolder out;
    out.token = *token;
    out.owner = *owner;
    out.host = *host;
    out.reason = *reason;
    out.command = *command;
    out.pid = static_cast<std::int64_t>(*pid);
    const auto pid_start = in.find("pid_start");
    out.pid_start = pid_start != in.end() && pid_start->is_number_unsigned() ? pid_start->get<std::uint64_t>() : 0;
    out.bound_to_process = bound->get<bool>();
    out.started_at = *started;
    out.expires_at = number_of("expires_at");
    return out;
}

} // namespace

core::Result<std::unique_ptr<EtcdRunLock>> EtcdRunLock::open(const std::string& url, Options options)
{
    const auto location = SCSCTL_TRY(parse_etcd_url(url));
    auto client = SCSCTL_TRY(EtcdClient::create(location.endpoint, options.client));
    if (!options.now) {
        options.now = now_seconds;
    }
    if (!options.alive) {
        options.alive = process_alive;
    }
    if (options.this_host.empty()) {
        options.this_host = this_host_name();
    }
    return std::unique_ptr<EtcdRunLock>(
        new EtcdRunLock(std::move(client), location.prefix + "/lock", std::move(options)));
}

EtcdRunLock::EtcdRunLock(std::unique_ptr<EtcdClient> client, std::string key, Options options)
    : m_client(std::move(client)), m_key(std::move(key)), m_options(std::move(options))
{
}

EtcdRunLock::~EtcdRunLock()
{
    stop_keepalive();
}

core::Result<std::optional<std::pair<EtcdKeyValue, LockHolder>>> EtcdRunLock::read()
{
    using Found = std::optional<std::pair<EtcdKeyValue, LockHolder>>;
    auto kv = SCSCTL_TRY(m_client->get(m_key));
    if (!kv) {
        return Found();
    }
    auto holder = parse_holder(kv->value);
    if (!holder) {
        return core::fail(
            m_client->error(m_key + " does not hold a lock record; remove it with 'scsctl unlock --force'"));
    }
    return Found(std::make_pair(std::move(*kv), std::move(*holder)));
}

core::Result<std::int64_t> EtcdRunLock::lease_for(const LockHolder& wanted)
{
    if (wanted.bound_to_process) {
        return m_client->lease_grant(m_options.run_lease_ttl.count());
    }
    if (!wanted.expires_at) {
        return std::int64_t{0}; // an operator lock until unlocked
    }
    const double left = std::ceil(*wanted.expires_at - m_options.now());
    return m_client->lease_grant(std::max<std::int64_t>(1, static_cast<std::int64_t>(left)));
}

core::Result<LockOutcome> EtcdRunLock::acquire(const LockHolder& wanted)
{
    for (int attempt = 0; attempt < k_attempts; ++attempt) {
        auto current = SCSCTL_TRY(read());
        LockOutcome outcome;
        if (current && current->second.token != wanted.token) {
            outcome.other_staleness = staleness(current->second, m_options.now(), m_options.this_host, m_options.alive);
            outcome.other = current->second;
            if (outcome.other_staleness == Staleness::live) {
                return outcome; // refused
            }
        }
        const std::int64_t lease = SCSCTL_TRY(lease_for(wanted));
        EtcdCompare unchanged{m_key, EtcdCompare::Target::create_revision, 0, {}};
        if (current) {
            unchanged = EtcdCompare{m_key, EtcdCompare::Target::mod_revision, current->first.mod_revision, {}};
        }
        auto written = m_client->txn({unchanged}, {EtcdPut{m_key, holder_json(wanted), lease}});
        if (!written || !written->succeeded) {
            if (lease != 0) {
                (void)m_client->lease_revoke(lease);
            }
            if (!written) {
                return core::fail(written.error());
            }
            continue; // someone else wrote first: decide again
        }
        if (current && current->first.lease != 0 && current->first.lease != lease) {
            (void)m_client->lease_revoke(current->first.lease); // the stale holder's, now unused
        }
        stop_keepalive();
        if (wanted.bound_to_process) {
            start_keepalive(lease, wanted.token);
        }
        outcome.acquired = true;
        return outcome;
    }
    return core::fail(m_client->error(m_key + " kept changing while taking the lock; try again"));
}

core::Result<bool> EtcdRunLock::renew(const std::string& token, double expires_at)
{
    for (int attempt = 0; attempt < k_attempts; ++attempt) {
        auto current = SCSCTL_TRY(read());
        if (!current || current->second.token != token) {
            return false;
        }
        LockHolder renewed = current->second;
        renewed.expires_at = expires_at;
        EtcdCompare unchanged{m_key, EtcdCompare::Target::mod_revision, current->first.mod_revision, {}};
        // The put names the lease again: a put without one would detach the key from it.
        auto written =
            SCSCTL_TRY(m_client->txn({unchanged}, {EtcdPut{m_key, holder_json(renewed), current->first.lease}}));
        if (written.succeeded) {
            return true;
        }
    }
    return core::fail(m_client->error(m_key + " kept changing while renewing the lock; try again"));
}

core::Result<bool> EtcdRunLock::release(const std::string& token)
{
    for (int attempt = 0; attempt < k_attempts; ++attempt) {
        auto current = SCSCTL_TRY(read());
        if (!current || current->second.token != token) {
            stop_keepalive();
            return false;
        }
        EtcdCompare unchanged{m_key, EtcdCompare::Target::mod_revision, current->first.mod_revision, {}};
        auto removed = SCSCTL_TRY(m_client->txn({unchanged}, {EtcdDelete{m_key, {}}}));
        if (removed.succeeded) {
            stop_keepalive();
            if (current->first.lease != 0) {
                (void)m_client->lease_revoke(current->first.lease);
            }
            return true;
        }
    }
    return core::fail(m_client->error(m_key + " kept changing while releasing the lock; try again"));
}

core::Result<std::optional<LockHolder>> EtcdRunLock::force_release()
{
    // Whatever the key holds goes, a record that is not a holder too.
    auto kv = SCSCTL_TRY(m_client->get(m_key));
    if (!kv) {
        return std::optional<LockHolder>();
    }
    SCSCTL_TRY(m_client->delete_range(EtcdDelete{m_key, {}}));
    if (kv->lease != 0) {
        (void)m_client->lease_revoke(kv->lease);
    }
    return parse_holder(kv->value);
}

core::Result<std::optional<LockHolder>> EtcdRunLock::holder()
{
    auto current = SCSCTL_TRY(read());
    if (!current) {
        return std::optional<LockHolder>();
    }
    return std::optional<LockHolder>(std::move(current->second));
}

void EtcdRunLock::start_keepalive(std::int64_t lease, const std::string& token)
{
    std::lock_guard guard(m_mutex);
    m_stop = false;
    m_lease = lease;
    m_token = token;
    m_keepalive = std::thread([this, lease, ttl = m_options.run_lease_ttl] { keepalive_loop(lease, ttl); });
}

void EtcdRunLock::stop_keepalive()
{
    {
        std::lock_guard guard(m_mutex);
        m_stop = true;
        m_lease = 0;
        m_token.clear();
    }
    m_wake.notify_all();
    if (m_keepalive.joinable()) {
        m_keepalive.join();
    }
}

void EtcdRunLock::keepalive_loop(std::int64_t lease, std::chrono::seconds ttl)
{
    // Renew every third of the TTL; after a failed attempt, retry sooner. A lease that is
    // gone (revoked by `unlock --force`, or expired while etcd was unreachable) is not
    // renewed again: the run's heartbeat (renew) then finds the lock lost and says so.
    const auto period = std::chrono::duration_cast<std::chrono::milliseconds>(ttl) / 3;
    auto wait = period;
    std::unique_lock guard(m_mutex);
    while (!m_wake.wait_for(guard, wait, [this] { return m_stop; })) {
        guard.unlock();
        auto left = m_client->lease_keepalive(lease);
        guard.lock();
        if (left && *left == 0) {
            return;
        }
        wait = left ? period : std::min(period, std::chrono::milliseconds(1000));
    }
}

} // namespace scsctl::state
