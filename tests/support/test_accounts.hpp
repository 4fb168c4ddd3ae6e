// The shared accounts that SSH tests log in as: a uid-0 alias with a clean home and two sudo
// users for become tests. Created once per machine, serialised by a flock, never removed.
#pragma once

#include <string>

namespace scsctl::testing {

/// The uid-0 alias tests log in as (root's own ~/.bashrc runs pyenv: +150 ms per session).
inline constexpr const char* k_login_user = "scsctl-t";

/// Ensures k_login_user exists (uid-0 alias, home = copy of /etc/skel in
/// /var/lib/scsctl-test/home, shell /bin/sh). Idempotent; serialised across threads and
/// processes with an exclusive flock of /var/lib/scsctl-test/.lock. SshdFixture calls it.
void ensure_login_user();

/// Non-root accounts for become tests (same lock, homes /var/lib/scsctl-test/home-USER, shell
/// /bin/sh): k_password_user may run ALL as anyone after typing `password`, k_nopasswd_user
/// may run ALL without a password. sudo never caches their credentials (timestamp_timeout=0)
/// and never lectures. A fixture's client key logs in as both (its AuthorizedKeysFile is an
/// absolute path, so it holds for every user).
struct SudoUsers {
    static constexpr const char* k_password_user = "scsctl-sudo";
    static constexpr const char* k_nopasswd_user = "scsctl-nopw";
    /// k_password_user's password: random, made once, kept in /var/lib/scsctl-test/sudo-password
    /// (mode 0600).
    std::string password;

    /// Creates what is missing. Throws std::runtime_error naming the cause, e.g. when
    /// /usr/bin/sudo is not installed (scripts/test installs the `sudo` package).
    static SudoUsers ensure();
};

} // namespace scsctl::testing
