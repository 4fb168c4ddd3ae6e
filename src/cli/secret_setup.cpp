// The secret store as run and exec see it. Loading happens once per command, before any
// host is contacted, so a wrong password stops the command before it changes anything.
#include "cli/secret_setup.hpp"

#include <cstdlib>

#include "core/exit_codes.hpp"
#include "secrets/secret_store.hpp"
#include "secrets/vault_password.hpp"

namespace scsctl::cli {

void add_secret_options(CLI::App& command, SecretFlags& flags)
{
    command.add_option("--secrets", flags.file, "The secrets file (default: .scsctl/secrets.yml beside the inventory)")
        ->type_name("FILE");
    command
        .add_option("--vault-password-file", flags.vault_password_file,
                    "File holding the secrets' password, or a script printing it (default: "
                    "$SCSCTL_VAULT_PASSWORD_FILE)")
        ->type_name("FILE");
}

std::optional<std::string> secrets_path(const SecretFlags& flags, const GlobalOptions& options)
{
    if (!flags.file.empty()) {
        return flags.file;
    }
    if (options.inventories.empty()) {
        return std::nullopt;
    }
    return secrets::default_secrets_path(options.inventories.front());
}

std::expected<std::optional<std::string>, int> vault_password(const SecretFlags& flags, const Console& console)
{
    std::string file = flags.vault_password_file;
    if (file.empty()) {
        const char* env = std::getenv("SCSCTL_VAULT_PASSWORD_FILE");
        file = env == nullptr ? "" : env;
    }
    if (file.empty()) {
        return std::optional<std::string>{};
    }
    auto password = secrets::read_vault_password(file);
    if (!password) {
        console.error(password.error().str());
        return std::unexpected(core::k_exit_usage);
    }
    return std::optional<std::string>{std::move(*password)};
}

std::expected<RunSecrets, int> load_run_secrets(const SecretFlags& flags, const GlobalOptions& options,
                                                const Console& console)
{
    RunSecrets out;
    const auto path = secrets_path(flags, options);
    if (!path) {
        return out;
    }
    std::optional<std::string> password;
    if (secrets::store_is_encrypted(*path)) {
        auto read = vault_password(flags, console);
        if (!read) {
            return std::unexpected(read.error());
        }
        password = std::move(*read);
    }
    auto store = secrets::load_secret_store(*path, password);
    if (!store) {
        console.error(store.error().str());
        return std::unexpected(core::exit_code_for(store.error().kind));
    }
    if (store->format == secrets::StoreFormat::plain) {
        console.warning(*path + ": the secrets file is not encrypted (`scsctl secrets generate "
                                "--vault-password-file FILE` encrypts it)");
    }
    if (password) {
        out.redactor->add(*password);
    }
    out.redactor->add_value(store->values);
    out.values = std::move(store->values);
    return out;
}

void add_host_passwords(const std::vector<exec::RunHost>& hosts, secrets::Redactor& redactor)
{
    static constexpr const char* k_names[] = {"ansible_become_password", "ansible_become_pass", "ansible_password",
                                              "ansible_ssh_pass", "ansible_sudo_pass", "k8s_api_token"};
    for (const auto& host : hosts) {
        for (const char* name : k_names) {
            auto found = host.vars.find(name);
            // A template ("{{ become_secret }}") names a variable; that value is a store value.
            if (found != host.vars.end() && found->is_string() &&
                found->get_ref<const std::string&>().find("{{") == std::string::npos) {
                redactor.add(found->get_ref<const std::string&>());
            }
        }
    }
}

void add_secret_vars(core::Value& extra_vars, const core::Value& secret_values)
{
    for (const auto& [name, value] : secret_values.items()) {
        if (!extra_vars.contains(name)) {
            extra_vars[name] = value;
        }
    }
}

} // namespace scsctl::cli
