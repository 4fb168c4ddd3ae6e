// scsctl secrets: generate (create or complete secrets.yml from the registry, never
// overwriting a value), rotate NAME (a new value for one declared secret) and view
// [NAME] (the one place that prints values, on purpose). Exit 0, or 2 on bad input.
#include <iostream>

#include "cli/command_table.hpp"
#include "cli/secret_setup.hpp"
#include "core/exit_codes.hpp"
#include "core/spellcheck.hpp"
#include "secrets/secret_generate.hpp"
#include "secrets/secret_registry.hpp"
#include "secrets/secret_store.hpp"

namespace scsctl::cli {

namespace {

struct SecretsArgs {
    SecretFlags flags;
    std::string name; ///< rotate NAME, view [NAME]
};

/// The open store and the password to write it back with.
struct OpenStore {
    secrets::SecretStore store;
    std::string password;
};

/// Path, password (required when `writing`, or when the file is encrypted) and store.
std::expected<OpenStore, int> open_store(const SecretsArgs& args, const GlobalOptions& options, const Console& console,
                                         bool writing)
{
    const auto path = secrets_path(args.flags, options);
    if (!path) {
        console.error("no secrets file: give --secrets FILE, or -i with an inventory file or directory");
        return std::unexpected(core::k_exit_usage);
    }
    auto password = vault_password(args.flags, console);
    if (!password) {
        return std::unexpected(password.error());
    }
    if (writing && !*password) {
        console.error(*path + ": secrets are written encrypted: give --vault-password-file FILE or set "
                              "SCSCTL_VAULT_PASSWORD_FILE");
        return std::unexpected(core::k_exit_usage);
    }
    auto store = secrets::load_secret_store(*path, *password);
    if (!store) {
        console.error(store.error().str());
        return std::unexpected(core::exit_code_for(store.error().kind));
    }
    if (writing && store->format == secrets::StoreFormat::ansible_vault) {
        console.error(*path + ": scsctl reads Ansible Vault files but does not write them; decrypt it "
                              "(ansible-vault decrypt) and run the command again to convert it");
        return std::unexpected(core::k_exit_usage);
    }
    return OpenStore{std::move(*store), password->value_or("")};
}

int save(const OpenStore& open, const Console& console)
{
    auto saved = secrets::save_secret_store(open.store.path, open.store.values, open.password);
    if (!saved) {
        console.error(saved.error().str());
        return core::exit_code_for(saved.error().kind);
    }
    return core::k_exit_ok;
}

int run_generate(const SecretsArgs& args, const GlobalOptions& options)
{
    const Console console(options);
    auto open = open_store(args, options, console, true);
    if (!open) {
        return open.error();
    }
    const auto added = secrets::complete_secrets(open->store.values);
    if (added.empty() && open->store.format == secrets::StoreFormat::secretbox) {
        std::cerr << "scsctl: secrets: all " << secrets::secret_registry().size() << " declared secrets are in "
                  << open->store.path << "\n";
        return core::k_exit_ok;
    }
    if (const int code = save(*open, console); code != core::k_exit_ok) {
        return code;
    }
    for (const auto& name : added) {
        std::cout << name << "\n";
    }
    std::cerr << "scsctl: secrets: added " << added.size() << (added.size() == 1 ? " secret" : " secrets") << " to "
              << open->store.path << (open->store.format == secrets::StoreFormat::plain ? " (now encrypted)" : "")
              << "\n";
    return core::k_exit_ok;
}

std::string declared_names()
{
    std::string out;
    for (const auto& decl : secrets::secret_registry()) {
        out += (out.empty() ? "" : ", ") + std::string(decl.name);
    }
    return out;
}

int run_rotate(const SecretsArgs& args, const GlobalOptions& options)
{
    const Console console(options);
    const secrets::SecretDecl* decl = secrets::find_secret(args.name);
    if (decl == nullptr) {
        std::vector<std::string> names;
        for (const auto& known : secrets::secret_registry()) {
            names.emplace_back(known.name);
        }
        console.error("unknown secret '" + args.name + "'" + core::did_you_mean(args.name, names) +
                      "; declared: " + declared_names());
        return core::k_exit_usage;
    }
    auto open = open_store(args, options, console, true);
    if (!open) {
        return open.error();
    }
    open->store.values[args.name] = secrets::generate_secret(*decl);
    if (const int code = save(*open, console); code != core::k_exit_ok) {
        return code;
    }
    std::cerr << "scsctl: secrets: rotated " << args.name << " in " << open->store.path
              << " (run the layers that use it to apply the new value)\n";
    return core::k_exit_ok;
}

int run_view(const SecretsArgs& args, const GlobalOptions& options)
{
    const Console console(options);
    auto open = open_store(args, options, console, false);
    if (!open) {
        return open.error();
    }
    if (open->store.format == secrets::StoreFormat::missing) {
        console.error(open->store.path + ": no secrets file yet (scsctl secrets generate creates it)");
        return core::k_exit_usage;
    }
    const core::Value& values = open->store.values;
    if (args.name.empty()) {
        std::cout << secrets::secrets_yaml(values);
        return core::k_exit_ok;
    }
    if (!values.contains(args.name)) {
        std::vector<std::string> names;
        for (const auto& [name, value] : values.items()) {
            names.push_back(name);
        }
        console.error(open->store.path + ": no secret named '" + args.name + "'" +
                      core::did_you_mean(args.name, names));
        return core::k_exit_usage;
    }
    const core::Value& value = values[args.name];
    if (value.is_string()) {
        std::cout << value.get_ref<const std::string&>() << "\n";
    } else if (value.is_object()) {
        std::cout << secrets::secrets_yaml(value);
    } else {
        std::cout << value.dump() << "\n";
    }
    return core::k_exit_ok;
}

} // namespace

void define_secrets(CLI::App& command, GlobalOptions& options)
{
    command.require_subcommand(1);
    auto args = std::make_shared<SecretsArgs>();
    CLI::App* generate = command.add_subcommand(
        "generate", "Create secrets.yml, or add the declared secrets it lacks (never overwrites a value)");
    add_secret_options(*generate, args->flags);
    generate->callback(
        [&options, args] { options.action = [&options, args] { return run_generate(*args, options); }; });

    CLI::App* rotate = command.add_subcommand("rotate", "Give one declared secret a new value");
    rotate->add_option("name", args->name, "The secret's name")->required();
    add_secret_options(*rotate, args->flags);
    rotate->callback([&options, args] { options.action = [&options, args] { return run_rotate(*args, options); }; });

    CLI::App* view = command.add_subcommand("view", "Print the decrypted secrets, or the value of one");
    view->add_option("name", args->name, "Only this secret's value");
    add_secret_options(*view, args->flags);
    view->callback([&options, args] { options.action = [&options, args] { return run_view(*args, options); }; });
}

} // namespace scsctl::cli
