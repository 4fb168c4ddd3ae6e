// The table of top-level subcommands, in the order help lists them.
#include "cli/command_table.hpp"

namespace scsctl::cli {

namespace {

constexpr CommandSpec k_commands[] = {
    {"inventory", "Read, list, graph and validate Ansible-compatible inventories", define_inventory},
    {"run", "Run Ansible-compatible playbooks (check, diff, tags, limits, JSON output, --resume)", define_run},
    {"runs", "The run journal: past runs, and one run's results per host and task (runs show RUN)", define_runs},
    {"layers", "List the layers (name, version, depends_on, groups, source) in dependency order", define_layers},
    {"validate", "Check an inventory against every layer's requirements, offline (--junit FILE)", define_validate},
    {"preflight", "Check hosts before a deploy: reachable, sudo, OS, disk, memory, clock, ports (table or JSON)",
     define_preflight},
    {"plan", "Show what a deploy would do per layer, play, host and task (-o plan.json, --check)", define_plan},
    {"deploy", "Deploy the layers in dependency order, each gated by its health check (--resume)", define_deploy},
    {"upgrade", "Rolling upgrade or restart of one layer, batch by batch, gated on health (--to V | --restart, --resume)",
     define_upgrade},
    {"destroy", "Remove one layer and its data from its hosts (--yes-i-really-mean-it)", define_destroy},
    {"restore", "Put back one layer's state from an upgrade's backup (--from DIR --yes-i-really-mean-it)",
     define_restore},
    {"status", "Per layer and host: the deployed version, the last deploy run and its result", define_status},
    {"drift", "Check the deployed layers (check mode, diff): what differs per host since the last deploy", define_drift},
    {"health", "Run every layer's health checks on its hosts; exit 0 only when all pass", define_health},
    {"vars", "Show the variables a host sees and where each value comes from", define_vars},
    {"lock", "Lock the inventory against runs (--reason, --ttl); lock status shows the holder", define_lock},
    {"unlock", "Release the inventory lock (--force: anyone's)", define_unlock},
    {"exec", "Run one command on many hosts at once over SSH", define_exec},
    {"secrets", "The encrypted secret store: generate, rotate, view (secrets generate -i INV)", define_secrets},
    {"scs", "SCS standards: check flavor names against scs-0100, generate names and extra_specs", define_scs},
    {"openstack", "OpenStack APIs: log in as the OpenStack client does and check the catalog's endpoints", define_openstack},
    {"check", "Compliance checks of a running cloud: check scs runs the SCS-compatible IaaS testcases", define_check},
    {"lab", "A local lab of Debian 12 hosts (systemd-nspawn, private bridge): lab up|down|status --dir D", define_lab},
    {"ssh", "SSH helpers: pin host keys explicitly (ssh trust)", define_ssh},
    {"config", "Show the effective configuration and where each value came from", define_config},
    {"completion", "Print a shell completion script (bash or zsh)", define_completion},
    {"man", "Print the manual page (troff)", define_man},
};

} // namespace

std::span<const CommandSpec> command_table()
{
    return k_commands;
}

} // namespace scsctl::cli
