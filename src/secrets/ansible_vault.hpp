// Reading files that `ansible-vault encrypt` wrote ($ANSIBLE_VAULT;1.1;AES256 and
// 1.2;AES256;ID): read-only, so operators can keep a vault they already have.
// Depends on core and OpenSSL.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scsctl::secrets {

/// True when `text` starts with "$ANSIBLE_VAULT;".
bool is_ansible_vault_text(std::string_view text);

/// The plaintext. Errors are one line and located in `path`: an unsupported version or
/// cipher, a line that is not hex, a malformed body, a wrong password (HMAC mismatch).
core::Result<std::string> open_ansible_vault(const std::string& path, std::string_view text, std::string_view password);

} // namespace scsctl::secrets
