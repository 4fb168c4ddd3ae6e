// scsctl ssh trust: fetch the host keys of the selected hosts and pin them explicitly,
// instead of turning host-key checking off.
#include <condition_variable>
#include <iostream>
#include <mutex>

#include "cli/command_table.hpp"
#include "cli/inventory_context.hpp"
#include "cli/signals.hpp"
#include "core/exit_codes.hpp"
#include "transport/known_hosts.hpp"

namespace scsctl::cli {

namespace {

struct TrustOptions {
    std::string pattern;
    std::string limit;
    std::string known_hosts;
    double connect_timeout = 0;
};

struct TrustResult {
    std::string host;
    std::expected<transport::HostKeyInfo, transport::Failure> key;
};

std::vector<TrustResult> fetch_keys(const std::vector<exec::HostConnection>& connections)
{
    transport::Pool pool;
    SignalScope signals(pool);
    std::mutex mutex;
    std::condition_variable done;
    std::vector<TrustResult> results(connections.size());
    std::size_t remaining = connections.size();
    for (std::size_t i = 0; i < connections.size(); ++i) {
        transport::Endpoint endpoint = connections[i].endpoint;
        endpoint.skip_auth = true;
        endpoint.host_key_policy = transport::HostKeyPolicy::off;
        results[i].host = endpoint.name;
        const auto handle = pool.add(endpoint);
        pool.probe(handle, [&, i](std::expected<transport::HostKeyInfo, transport::Failure> key) {
            std::lock_guard lock(mutex);
            results[i].key = std::move(key);
            --remaining;
            done.notify_one();
        });
        pool.close(handle);
    }
    std::unique_lock lock(mutex);
    done.wait(lock, [&] { return remaining == 0; });
    return results;
}

// Pins one fetched key; returns false (and says why) when it conflicts with a recorded key.
bool trust_one(const TrustResult& result, const exec::HostConnection& connection, const std::string& target,
               const Console& console)
{
    const transport::HostKeyInfo& info = *result.key;
    const transport::HostKey key{info.type, info.blob};
    const auto& hop = connection.endpoint.target;
    const auto known = transport::KnownHosts::load(connection.endpoint.known_hosts_files);
    const auto check = known.check(hop.address, hop.port, key);
    if (check.result == transport::KeyMatch::mismatch) {
        console.error(result.host + ": " + info.address + " presents " + info.type + " " + info.fingerprint +
                      " but a different key is recorded" + (check.where.empty() ? "" : " (" + check.where + ")") +
                      "; if the host was reinstalled, remove the old key with 'ssh-keygen -R " + info.address +
                      "' first");
        return false;
    }
    if (check.result == transport::KeyMatch::match) {
        std::cout << result.host << ": " << info.address << " " << info.type << " " << info.fingerprint
                  << " already trusted\n";
        return true;
    }
    auto pinned = transport::KnownHosts::pin(target, hop.address, hop.port, key);
    if (!pinned) {
        console.error(result.host + ": " + pinned.error().str());
        return false;
    }
    std::cout << result.host << ": " << info.address << " " << info.type << " " << info.fingerprint << " pinned in "
              << target << "\n";
    return true;
}

int run_trust(const TrustOptions& flags, const GlobalOptions& options)
{
    const Console console(options);
    auto context = load_inventory_context(options, console);
    if (!context) {
        return context.error();
    }
    auto hosts = select_hosts(*context, flags.pattern, flags.limit, console);
    if (!hosts) {
        return hosts.error();
    }
    exec::ConnectionDefaults defaults = connection_defaults(*context);
    if (flags.connect_timeout > 0) {
        defaults.connect_timeout = std::chrono::milliseconds(static_cast<long>(flags.connect_timeout * 1000));
    }
    auto connections = connections_for(*context, *hosts, defaults, console);
    if (!connections) {
        return connections.error();
    }
    const auto results = fetch_keys(*connections);
    int exit_code = core::k_exit_ok;
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (!results[i].key) {
            console.error(results[i].key.error().message);
            exit_code = std::max(exit_code, core::k_exit_unreachable);
            continue;
        }
        const auto& files = (*connections)[i].endpoint.known_hosts_files;
        const std::string target = !flags.known_hosts.empty() ? flags.known_hosts
                                   : files.empty()            ? std::string()
                                                              : files.front();
        if (target.empty()) {
            console.error(results[i].host + ": no known_hosts file to pin into (UserKnownHostsFile is /dev/null); "
                                            "use --known-hosts FILE");
            exit_code = core::k_exit_usage;
            continue;
        }
        if (!trust_one(results[i], (*connections)[i], target, console)) {
            exit_code = core::k_exit_failed;
        }
    }
    return SignalScope::exit_code_or(exit_code);
}

} // namespace

void define_ssh(CLI::App& command, GlobalOptions& options)
{
    command.require_subcommand(1);
    CLI::App* trust = command.add_subcommand(
        "trust", "Fetch the SSH host keys of the matched hosts and pin them in known_hosts (after you compared the "
                 "printed fingerprints with the real ones)");
    auto flags = std::make_shared<TrustOptions>();
    trust->add_option("pattern", flags->pattern, "Host pattern")->required();
    trust->add_option("-l,--limit", flags->limit, "Further limit the hosts (pattern, or @file)");
    trust->add_option("--known-hosts", flags->known_hosts,
                      "File to pin into (default: the first known_hosts file consulted: the inventory's)");
    trust->add_option("--connect-timeout", flags->connect_timeout, "Seconds to connect")->check(CLI::PositiveNumber);
    trust->callback([flags, &options] { options.action = [flags, &options] { return run_trust(*flags, options); }; });
}

} // namespace scsctl::cli
