// Wiring the secret store into commands: --secrets and --vault-password-file, where the
// file is, the vault password, and what run and exec get from it (values as variables,
// a Redactor holding every secret the run knows). Depends on cli, exec and secrets.
#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "core/value.hpp"
#include "exec/run_options.hpp"
#include "secrets/redactor.hpp"

namespace scsctl::cli {

struct SecretFlags {
    std::string file;                ///< --secrets FILE
    std::string vault_password_file; ///< --vault-password-file FILE
};

/// Adds --secrets FILE and --vault-password-file FILE to a subcommand.
void add_secret_options(CLI::App& command, SecretFlags& flags);

/// --secrets when given, else .scsctl/secrets.yml beside the first inventory source;
/// nullopt when there is neither.
std::optional<std::string> secrets_path(const SecretFlags& flags, const GlobalOptions& options);

/// The vault password from --vault-password-file, else $SCSCTL_VAULT_PASSWORD_FILE;
/// nullopt when neither is set. A file that cannot be read prints an error (exit 2).
std::expected<std::optional<std::string>, int> vault_password(const SecretFlags& flags, const Console& console);

struct RunSecrets {
    core::Value values = core::Value::object(); ///< the store's values, as variables
    std::shared_ptr<secrets::Redactor> redactor = std::make_shared<secrets::Redactor>();
};

/// For run and exec: the store when it exists (the password is needed only then), its
/// values and the vault password in the redactor. Prints errors and returns 2.
std::expected<RunSecrets, int> load_run_secrets(const SecretFlags& flags, const GlobalOptions& options,
                                                const Console& console);

/// Adds the connection and become passwords of every host (ansible_become_password,
/// ansible_password, ...) and health's Kubernetes API token (k8s_api_token) to the redactor.
void add_host_passwords(const std::vector<exec::RunHost>& hosts, secrets::Redactor& redactor);

/// Secrets become variables below -e: `extra_vars` keeps its own keys, gains the others.
void add_secret_vars(core::Value& extra_vars, const core::Value& secret_values);

} // namespace scsctl::cli
