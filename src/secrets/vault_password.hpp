// The vault password from --vault-password-file: the file's contents, or the output of
// the file when it is executable, as Ansible reads it. Depends on core.
#pragma once

#include <string>

#include "core/result.hpp"

namespace scsctl::secrets {

/// The password. A plain file gives its contents without surrounding whitespace; an
/// executable gives its stdout without surrounding CR/LF (Ansible's rules). Errors
/// (missing file, failing script, empty password) name the file, never the password.
core::Result<std::string> read_vault_password(const std::string& path);

} // namespace scsctl::secrets
