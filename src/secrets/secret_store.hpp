// secrets.yml: where it lives, reading it in any of its three forms (scsctl's secretbox,
// Ansible Vault, plain YAML) and writing it encrypted, atomically, mode 0600.
// Depends on core, yaml and the two file formats.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/value.hpp"
#include "secrets/secretbox_file.hpp"

namespace scsctl::secrets {

enum class StoreFormat {
    missing,       ///< no file yet
    plain,         ///< unencrypted YAML (read, with a warning; never written)
    secretbox,     ///< scsctl's format (secretbox_file.hpp)
    ansible_vault, ///< written by ansible-vault (read only)
};

struct SecretStore {
    std::string path;
    StoreFormat format = StoreFormat::missing;
    core::Value values = core::Value::object(); ///< name → value, in file order
};

/// .scsctl/secrets.yml beside the first inventory source (inside it when it is a
/// directory), the journal's place rule; nullopt for an inline host list.
std::optional<std::string> default_secrets_path(const std::string& first_inventory);

/// True when the file at `path` is encrypted (either format); false when missing or plain.
bool store_is_encrypted(const std::string& path);

/// Reads the store; a missing file is an empty store. An encrypted file needs
/// `password` (an error naming the file otherwise). The contents must be a mapping.
core::Result<SecretStore> load_secret_store(const std::string& path, const std::optional<std::string>& password);

/// `values` as YAML: one "name: value" line per scalar, a block for each mapping.
std::string secrets_yaml(const core::Value& values);

/// Encrypts `values` and replaces the file at `path` atomically (temporary file in the
/// same directory, fsync, rename), mode 0600; creates the directory (0700) if needed.
core::Result<void> save_secret_store(const std::string& path, const core::Value& values, std::string_view password,
                                     const KdfLimits& limits = {});

} // namespace scsctl::secrets
