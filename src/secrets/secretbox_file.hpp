// scsctl's at-rest format of secrets.yml: one header line naming the format and the
// Argon2id limits, then base64 (76-column lines) of salt + nonce + secretbox ciphertext.
// Depends on core and libsodium.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scsctl::secrets {

/// The header's fixed part; ";OPSLIMIT;MEMLIMIT" follow it.
inline constexpr std::string_view k_secretbox_magic = "$SCSCTL_SECRETS;1;ARGON2ID13;XSALSA20POLY1305";

/// Argon2id cost. Written into the header, so a file keeps opening when the default moves.
struct KdfLimits {
    unsigned long long opslimit = 3;  ///< crypto_pwhash_OPSLIMIT_MODERATE
    std::size_t memlimit = 268435456; ///< crypto_pwhash_MEMLIMIT_MODERATE (256 MiB)
};

/// True when `text` starts with the "$SCSCTL_SECRETS;" header.
bool is_secretbox_text(std::string_view text);

/// The file text for `plaintext`, encrypted with a key derived from `password` and a
/// fresh salt and nonce. Fails only when libsodium cannot work (no memory for Argon2id).
core::Result<std::string> seal_secrets(std::string_view plaintext, std::string_view password,
                                       const KdfLimits& limits = {});

/// The plaintext of a sealed file. Errors are one line and located in `path` (bad
/// header, bad base64 line, truncated body); a wrong password and a changed file give the
/// same error, since authenticated encryption cannot tell them apart.
core::Result<std::string> open_secrets(const std::string& path, std::string_view text, std::string_view password);

} // namespace scsctl::secrets
