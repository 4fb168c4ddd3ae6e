// fanout_driver: the K-commands-per-host workload of bench/fanout/run, driven through
// scsctl's own libraries (inventory → exec::connection_for → transport::Pool): every host
// gets K commands in sequence over its one connection, all hosts at once. It exists
// because `scsctl exec` runs one command per host; `scsctl run` will cover this later.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>

#include "exec/endpoint_vars.hpp"
#include "inventory/host_vars.hpp"
#include "inventory/loader.hpp"
#include "transport/pool.hpp"

using namespace scsctl;

namespace {

struct HostRun {
    transport::HostHandle handle = 0;
    int remaining = 0;
};

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: fanout_driver INVENTORY K [COMMAND]\n");
        return 2;
    }
    const std::string command = argc > 3 ? argv[3] : "true";
    const int k = std::stoi(argv[2]);
    inventory::LoadOptions load;
    load.sources = {argv[1]};
    auto loaded = inventory::load_inventory(load);
    if (loaded.diagnostics.has_errors()) {
        std::fprintf(stderr, "inventory errors\n");
        return 2;
    }
    exec::ConnectionDefaults defaults;
    transport::Pool pool;
    std::vector<HostRun> hosts;
    for (model::HostId id = 0; id < loaded.inventory.hosts().size(); ++id) {
        auto vars = inventory::effective_host_vars(loaded.inventory, id);
        auto connection = exec::connection_for(loaded.inventory.host(id).name, vars, defaults);
        if (!connection) {
            std::fprintf(stderr, "%s\n", connection.error().str().c_str());
            return 2;
        }
        hosts.push_back({pool.add(connection->endpoint), k});
    }
    std::mutex mutex;
    std::condition_variable finished;
    std::size_t done_hosts = 0;
    std::atomic<int> failures{0};
    std::function<void(std::size_t)> next = [&](std::size_t index) {
        transport::CommandRequest request;
        request.command = command;
        pool.run(hosts[index].handle, request, std::nullopt, [&, index](transport::CommandOutcome outcome) {
            if (!outcome || !outcome->succeeded()) {
                ++failures;
            }
            if (--hosts[index].remaining > 0) {
                next(index);
                return;
            }
            std::lock_guard lock(mutex);
            ++done_hosts;
            finished.notify_one();
        });
    };
    const auto started = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < hosts.size(); ++i) {
        next(i);
    }
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return done_hosts == hosts.size(); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("hosts=%zu commands_per_host=%d failures=%d wall_s=%.3f\n", hosts.size(), k, failures.load(), seconds);
    return failures.load() == 0 ? 0 : 1;
}
