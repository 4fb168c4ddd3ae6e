// The store's files. Reading picks the format from the first line; writing always uses
// scsctl's own format, so a secret never reaches the disk in clear text.
#include "secrets/secret_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "secrets/ansible_vault.hpp"
#include "yaml/document.hpp"

namespace scsctl::secrets {

namespace fs = std::filesystem;

namespace {

core::Error io_error(const std::string& path, const std::string& message)
{
    return core::Error{core::ErrorKind::io, message, {path, 0, 0}};
}

std::optional<std::string> read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool plain_key(const std::string& key)
{
    if (key.empty() || !(std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_')) {
        return false;
    }
    for (char c : key) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') {
            return false;
        }
    }
    return true;
}

void write_yaml(std::string& out, const core::Value& values, int indent)
{
    for (const auto& [key, value] : values.items()) {
        out += std::string(static_cast<std::size_t>(indent), ' ') + (plain_key(key) ? key : core::Value(key).dump());
        if (value.is_object() && !value.empty()) {
            out += ":\n";
            write_yaml(out, value, indent + 2);
        } else {
            // JSON scalars, strings and flow collections are valid YAML with the same meaning.
            out += ": " + value.dump() + "\n";
        }
    }
}

/// Writes `data` to a new file beside `path` and renames it over `path`.
core::Result<void> replace_file(const std::string& path, const std::string& data)
{
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code error;
    if (!fs::exists(dir, error)) {
        fs::create_directories(dir, error);
        if (error) {
            return core::fail(io_error(path, "cannot create the directory: " + error.message()));
        }
        fs::permissions(dir, fs::perms::owner_all, error);
    }
    std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(temp.data()); // mode 0600
    if (fd < 0) {
        return core::fail(io_error(path, std::string("cannot write: ") + std::strerror(errno)));
    }
    std::size_t written = 0;
    while (written < data.size()) {
        const ssize_t got = ::write(fd, data.data() + written, data.size() - written);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        written += static_cast<std::size_t>(got);
    }
    const bool ok = written == data.size() && ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
    const int saved = errno;
    ::close(fd);
    if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
        const int cause = ok ? errno : saved;
        ::unlink(temp.c_str());
        return core::fail(io_error(path, std::string("cannot write: ") + std::strerror(cause)));
    }
    if (const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dir_fd >= 0) {
        ::fsync(dir_fd); // the rename itself survives a crash
        ::close(dir_fd);
    }
    return {};
}

core::Result<core::Value> parse_values(const std::string& path, const std::string& text)
{
    core::Diagnostics diagnostics;
    auto value = yaml::load_value(path, text, diagnostics);
    if (!value || diagnostics.has_errors()) {
        const std::string message = diagnostics.has_errors() ? diagnostics.sorted().front().message : "not YAML";
        const core::Location where =
            diagnostics.has_errors() ? diagnostics.sorted().front().where : core::Location{path};
        return core::fail(core::Error{core::ErrorKind::config, message, where});
    }
    if (value->is_null()) {
        return core::Value::object();
    }
    if (!value->is_object()) {
        return core::fail(core::Error{core::ErrorKind::config, "secrets must be a mapping of name: value", {path}});
    }
    return std::move(*value);
}

} // namespace

std::optional<std::string> default_secrets_path(const std::string& first_inventory)
{
    std::error_code error;
    const fs::path source = fs::absolute(first_inventory, error).lexically_normal();
    if (error || !fs::exists(source, error)) {
        return std::nullopt;
    }
    const fs::path dir = fs::is_directory(source, error) ? source : source.parent_path();
    return (dir / ".scsctl" / "secrets.yml").string();
}

bool store_is_encrypted(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string first;
    std::getline(in, first);
    return is_secretbox_text(first) || is_ansible_vault_text(first);
}

core::Result<SecretStore> load_secret_store(const std::string& path, const std::optional<std::string>& password)
{
    SecretStore store;
    store.path = path;
    std::error_code error;
    if (!fs::exists(path, error)) {
        return store;
    }
    auto text = read_file(path);
    if (!text) {
        return core::fail(io_error(path, std::string("cannot read: ") + std::strerror(errno)));
    }
    std::string plain;
    if (is_secretbox_text(*text) || is_ansible_vault_text(*text)) {
        if (!password) {
            return core::fail(core::Error{core::ErrorKind::usage,
                                          "the secrets file is encrypted: give --vault-password-file FILE or set "
                                          "SCSCTL_VAULT_PASSWORD_FILE",
                                          {path}});
        }
        const bool vault = is_ansible_vault_text(*text);
        plain = vault ? SCSCTL_TRY(open_ansible_vault(path, *text, *password))
                      : SCSCTL_TRY(open_secrets(path, *text, *password));
        store.format = vault ? StoreFormat::ansible_vault : StoreFormat::secretbox;
    } else {
        plain = std::move(*text);
        store.format = StoreFormat::plain;
    }
    store.values = SCSCTL_TRY(parse_values(path, plain));
    return store;
}

std::string secrets_yaml(const core::Value& values)
{
    std::string out;
    write_yaml(out, values, 0);
    return out;
}

core::Result<void> save_secret_store(const std::string& path, const core::Value& values, std::string_view password,
                                     const KdfLimits& limits)
{
    std::string plain = "# scsctl secrets (docs/secrets.md): `scsctl secrets view` shows them\n" + secrets_yaml(values);
    const std::string sealed = SCSCTL_TRY(seal_secrets(plain, password, limits));
    std::fill(plain.begin(), plain.end(), '\0');
    return replace_file(path, sealed);
}

} // namespace scsctl::secrets
