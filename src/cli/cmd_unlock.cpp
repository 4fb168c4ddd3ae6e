// scsctl unlock: releases the inventory lock when you hold it as an operator lock (or
// your run died and left it); --force releases anyone's, with a warning naming them.
#include <iostream>

#include "cli/command_table.hpp"
#include "cli/journal_setup.hpp"
#include "cli/lock_setup.hpp"
#include "core/exit_codes.hpp"
#include "state/journal_rows.hpp"
#include "state/process_identity.hpp"

namespace scsctl::cli {

namespace {

struct UnlockFlags {
    std::string state;
    bool force = false;
};

int release_lock(const UnlockFlags& flags, const GlobalOptions& options)
{
    const Console console(options);
    const auto path = journal_path(flags.state, options);
    auto lock = open_lock(path, console);
    if (!lock) {
        return lock.error();
    }
    if (flags.force) {
        auto old = (*lock)->force_release();
        if (!old) {
            console.error(old.error().str());
            return core::k_exit_usage;
        }
        if (*old) {
            console.warning(*path + ": released the inventory lock of " + state::describe_holder(**old));
        }
        std::cout << "unlocked\n";
        return core::k_exit_ok;
    }
    auto holder = (*lock)->holder();
    if (!holder) {
        console.error(holder.error().str());
        return core::k_exit_usage;
    }
    if (!*holder) {
        std::cout << "unlocked (it was not locked)\n";
        return core::k_exit_ok;
    }
    const auto staleness =
        state::staleness(**holder, state::now_seconds(), state::this_host_name(), state::process_alive);
    const bool yours = (*holder)->owner == user_name();
    if (!yours || ((*holder)->bound_to_process && staleness == state::Staleness::live)) {
        console.error(*path + ": the inventory is locked by " + state::describe_holder(**holder) +
                      "; a run releases its lock when it ends ('scsctl unlock --force' releases anyone's)");
        return core::k_exit_lock_held;
    }
    auto released = (*lock)->release((*holder)->token);
    if (!released) {
        console.error(released.error().str());
        return core::k_exit_usage;
    }
    if (!*released) {
        console.error(*path + ": the inventory lock changed hands meanwhile; see 'scsctl lock status'");
        return core::k_exit_lock_held;
    }
    std::cout << "unlocked\n";
    return core::k_exit_ok;
}

} // namespace

void define_unlock(CLI::App& command, GlobalOptions& options)
{
    auto flags = std::make_shared<UnlockFlags>();
    add_state_option(command, flags->state);
    command.add_flag("--force", flags->force, "Release the lock whoever holds it (a warning names them)");
    command.callback([flags, &options] { options.action = [flags, &options] { return release_lock(*flags, options); }; });
}

} // namespace scsctl::cli
