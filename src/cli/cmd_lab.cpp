// scsctl lab up|down|status: a local lab of Debian 12 hosts (systemd-nspawn --boot on a
// private bridge) with an inventory for them. Owns flags and output only; the lab itself
// lives in lab/ (docs/lab.md).
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/command_table.hpp"
#include "core/exit_codes.hpp"
#include "core/value.hpp"
#include "lab/host_disks.hpp"
#include "lab/lab.hpp"
#include "lab/preflight.hpp"

namespace scsctl::cli {

namespace {

struct LabFlags {
    std::string dir;
    int hosts = 0;
    std::string subnet;
    std::string prefix;
    std::string base;
    std::string cache;
    bool no_groups = false;
    std::optional<int> disks;
    std::string disk_size;
    int timeout = 300;
};

lab::Progress progress_printer()
{
    return [](const std::string& line) { std::fprintf(stderr, "scsctl: lab: %s\n", line.c_str()); };
}

int fail(const Console& console, const core::Error& error)
{
    console.error(error.str());
    return core::exit_code_for(error.kind);
}

// Root and the programs the command runs, checked before anything else: exit 9.
int check_machine(const Console& console, const std::string& command, bool need_mmdebstrap)
{
    auto root = lab::require_root(command);
    if (!root) {
        console.error(root.error().str());
        return core::k_exit_environment;
    }
    auto tools = lab::require_tools(need_mmdebstrap);
    if (!tools) {
        console.error(tools.error().str());
        return core::k_exit_environment;
    }
    return core::k_exit_ok;
}

int run_up(const LabFlags& flags, const GlobalOptions& options)
{
    const Console console(options);
    lab::UpOptions up;
    up.dir = flags.dir;
    up.hosts = flags.hosts;
    up.subnet = flags.subnet;
    up.prefix = flags.prefix;
    up.cache = flags.cache;
    up.groups = !flags.no_groups;
    up.disks = flags.disks;
    up.disk_size = flags.disk_size;
    up.timeout = std::chrono::seconds(flags.timeout);
    if (!flags.base.empty()) {
        auto flavor = lab::parse_flavor(flags.base);
        if (!flavor) {
            return fail(console, flavor.error());
        }
        up.flavor = *flavor;
    }
    if (const int code = check_machine(console, "lab up", lab::up_needs_base_build(up)); code != 0) {
        return code;
    }
    auto result = lab::lab_up(up, progress_printer());
    if (!result) {
        return fail(console, result.error());
    }
    const auto& state = result->state;
    if (options.output == OutputFormat::json) {
        core::Value json = {{"dir", state.dir},           {"inventory", state.dir + "/inventory.yml"},
                            {"subnet", state.subnet},     {"bridge", state.bridge},
                            {"started", result->started}, {"added", result->added},
                            {"changed", !result->started.empty() || !result->added.empty()}};
        std::cout << json.dump(2) << "\n";
        return core::k_exit_ok;
    }
    std::cout << "lab " << state.dir << ": " << lab::count_hosts(state.hosts.size()) << " on " << state.subnet << " ("
              << result->started.size() << " started, " << result->added.size() << " added)\n"
              << "inventory: " << state.dir << "/inventory.yml\n";
    return core::k_exit_ok;
}

int run_down(const LabFlags& flags, const GlobalOptions& options)
{
    const Console console(options);
    if (const int code = check_machine(console, "lab down", false); code != 0) {
        return code;
    }
    auto result = lab::lab_down(flags.dir, progress_printer());
    if (!result) {
        return fail(console, result.error());
    }
    return core::k_exit_ok;
}

void print_status_table(const lab::LabStatus& status)
{
    std::printf("%-12s %-16s %-12s %-10s %s\n", "NAME", "ADDRESS", "STATE", "SSH", "SYSTEM");
    for (const auto& host : status.hosts) {
        std::printf("%-12s %-16s %-12s %-10s %s\n", host.name.c_str(), host.address.c_str(), host.state.c_str(),
                    host.ssh_ok ? "ok" : (host.state == "stopped" ? "-" : "failed"),
                    host.system_state.empty() ? "-" : host.system_state.c_str());
    }
    for (const auto& host : status.hosts) {
        if (!host.error.empty()) {
            std::fprintf(stderr, "scsctl: lab: %s: %s\n", host.name.c_str(), host.error.c_str());
        }
    }
}

int run_status(const LabFlags& flags, const GlobalOptions& options)
{
    const Console console(options);
    if (const int code = check_machine(console, "lab status", false); code != 0) {
        return code;
    }
    auto status = lab::lab_status(flags.dir);
    if (!status) {
        return fail(console, status.error());
    }
    if (options.output == OutputFormat::json) {
        core::Value hosts = core::Value::array();
        for (const auto& host : status->hosts) {
            hosts.push_back({{"name", host.name},
                             {"address", host.address},
                             {"state", host.state},
                             {"ssh", host.ssh_ok},
                             {"system", host.system_state},
                             {"pid", host.pid},
                             {"error", host.error}});
        }
        const auto& state = status->state;
        core::Value json = {{"dir", state.dir},       {"subnet", state.subnet}, {"bridge", state.bridge},
                            {"base", state.base_flavor}, {"disks", state.disks},     {"disk_size", state.disk_size},
                            {"all_running", status->all_running()}, {"hosts", hosts}};
        std::cout << json.dump(2) << "\n";
    } else {
        print_status_table(*status);
    }
    return status->all_running() ? core::k_exit_ok : core::k_exit_unreachable;
}

void add_dir(CLI::App* command, LabFlags& flags)
{
    command->add_option("--dir", flags.dir, "The lab's directory (state, keys, inventory.yml, hosts' files)")->required();
}

} // namespace

void define_lab(CLI::App& command, GlobalOptions& options)
{
    command.require_subcommand(1);
    auto flags = std::make_shared<LabFlags>();
    CLI::App* up = command.add_subcommand(
        "up", "Create (or complete, or restart) a lab of Debian 12 hosts and write DIR/inventory.yml; needs root");
    add_dir(up, *flags);
    up->add_option("--hosts", flags->hosts, "Number of hosts (default 3; more than the lab has adds hosts)")
        ->check(CLI::Range(1, 200));
    up->add_option("--subnet", flags->subnet, "IPv4 /16../29 for the lab (default: a free /24 derived from DIR)");
    up->add_option("--prefix", flags->prefix, "Host name prefix (default 'lab': lab1..labN)");
    up->add_option("--base", flags->base,
                   "Base image: 'full' (KVM, Ceph, OVN packages preinstalled; default) or 'minimal' (systemd + sshd)");
    up->add_option("--cache", flags->cache, "Base image cache (default $SCSCTL_LAB_CACHE or /var/cache/scsctl/lab)");
    up->add_option("--disks", flags->disks,
                   "Raw disks per host, seen as /dev/vdb, /dev/vdc and so on (sparse files on loop devices; the "
                   "inventory puts the Ceph OSDs on them; default 0: OSDs on files)")
        ->check(CLI::Range(0, lab::k_max_disks));
    up->add_option("--disk-size", flags->disk_size, "Size of each disk, e.g. 8G (default 8G; sparse: only what is written uses space)");
    up->add_flag("--no-groups", flags->no_groups, "Write only the hosts into inventory.yml, no layer groups");
    up->add_option("--timeout", flags->timeout, "Seconds to wait for the hosts to boot and answer SSH (default 300)")
        ->check(CLI::PositiveNumber);
    up->callback([flags, &options] { options.action = [flags, &options] { return run_up(*flags, options); }; });

    CLI::App* down = command.add_subcommand(
        "down", "Stop the lab's hosts and remove everything it made (processes, mounts, namespaces, links, NAT, files)");
    add_dir(down, *flags);
    down->callback([flags, &options] { options.action = [flags, &options] { return run_down(*flags, options); }; });

    CLI::App* status =
        command.add_subcommand("status", "Each host's state, SSH and systemd; exit 0 only when all hosts run");
    add_dir(status, *flags);
    status->callback([flags, &options] { options.action = [flags, &options] { return run_status(*flags, options); }; });
}

} // namespace scsctl::cli
