// scsctl lock: an operator's lock on the inventory (a maintenance window: runs exit 4
// until `scsctl unlock` or its --ttl passes), and `scsctl lock status`: who holds it.
#include <iostream>

#include "cli/command_table.hpp"
#include "cli/duration.hpp"
#include "cli/journal_setup.hpp"
#include "cli/lock_setup.hpp"
#include "core/exit_codes.hpp"
#include "state/journal_rows.hpp"
#include "state/process_identity.hpp"

namespace scsctl::cli {

namespace {

struct LockFlags {
    std::string state;
    std::string reason;
    std::string ttl;
};

const char* staleness_name(state::Staleness staleness)
{
    switch (staleness) {
    case state::Staleness::expired:
        return "expired";
    case state::Staleness::process_gone:
        return "process_gone";
    case state::Staleness::live:
        break;
    }
    return nullptr;
}

core::Value holder_json(const state::LockHolder& holder, state::Staleness staleness)
{
    core::Value out{{"owner", holder.owner},     {"pid", holder.pid},          {"host", holder.host},
                    {"reason", holder.reason},   {"command", holder.command},  {"started_at", holder.started_at},
                    {"operator", !holder.bound_to_process}};
    out["expires_at"] = holder.expires_at ? core::Value(*holder.expires_at) : core::Value(nullptr);
    const char* stale = staleness_name(staleness);
    out["stale"] = stale != nullptr ? core::Value(stale) : core::Value(nullptr);
    return out;
}

int take_operator_lock(const LockFlags& flags, const GlobalOptions& options)
{
    const Console console(options);
    std::optional<double> ttl;
    if (!flags.ttl.empty()) {
        ttl = parse_duration(flags.ttl);
        if (!ttl) {
            console.error("lock: --ttl expects a duration such as 90s, 30m, 2h or 1d, got '" + flags.ttl + "'");
            return core::k_exit_usage;
        }
    }
    const auto path = journal_path(flags.state, options);
    auto lock = open_lock(path, console);
    if (!lock) {
        return lock.error();
    }
    const state::LockHolder holder = own_lock_request("lock", flags.reason, false, ttl);
    if (auto taken = take_lock(**lock, *path, holder, console); !taken) {
        return taken.error();
    }
    if (options.output == OutputFormat::json) {
        std::cout << holder_json(holder, state::Staleness::live).dump() << "\n";
    } else {
        std::cout << "locked by " << state::describe_holder(holder) << "; "
                  << (ttl ? "it expires then" : "release it with 'scsctl unlock'") << "\n";
    }
    return core::k_exit_ok;
}

int show_status(const LockFlags& flags, const GlobalOptions& options)
{
    const Console console(options);
    const auto path = journal_path(flags.state, options);
    auto lock = open_lock(path, console);
    if (!lock) {
        return lock.error();
    }
    auto holder = (*lock)->holder();
    if (!holder) {
        console.error(holder.error().str());
        return core::k_exit_usage;
    }
    state::Staleness staleness = state::Staleness::live;
    if (*holder) {
        staleness = state::staleness(**holder, state::now_seconds(), state::this_host_name(), state::process_alive);
    }
    if (options.output == OutputFormat::json) {
        core::Value out{{"locked", holder->has_value()}, {"state", *path}};
        out["holder"] = *holder ? holder_json(**holder, staleness) : core::Value(nullptr);
        std::cout << out.dump() << "\n";
        return core::k_exit_ok;
    }
    if (!*holder) {
        std::cout << "unlocked\n";
        return core::k_exit_ok;
    }
    std::cout << "locked by " << state::describe_holder(**holder) << "\n";
    if (staleness != state::Staleness::live) {
        std::cout << "stale: " << state::describe_staleness(**holder, staleness) << "; the next run takes it over\n";
    }
    return core::k_exit_ok;
}

} // namespace

void define_lock(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<LockFlags>();
    add_state_option(command, flags->state);
    command.add_option("--reason", flags->reason, "Why the inventory is locked (shown to refused runs)");
    command.add_option("--ttl", flags->ttl, "Release the lock by itself after this long (90s, 30m, 2h, 1d)")
        ->type_name("DURATION");
    CLI::App* status = command.add_subcommand("status", "Who holds the inventory lock, since when, and why");
    add_state_option(*status, flags->state);
    status->callback([flags, &options] { options.action = [flags, &options] { return show_status(*flags, options); }; });
    command.callback([flags, status, &options] {
        if (!status->parsed()) {
            options.action = [flags, &options] { return take_operator_lock(*flags, options); };
        }
    });
}

} // namespace scsctl::cli
