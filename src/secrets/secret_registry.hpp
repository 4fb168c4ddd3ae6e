// The secrets the layers declare: one const table of names, kinds and the declaring
// layer. `secrets generate` fills secrets.yml from it. Depends on the standard library only.
#pragma once

#include <span>
#include <string_view>

namespace scsctl::secrets {

enum class SecretKind {
    password,    ///< `length` characters from a safe alphabet (letters and digits)
    hex_key,     ///< `length` random bytes as lowercase hex (2 × length characters)
    uuid,        ///< a random (version 4) UUID
    ssh_ed25519, ///< a mapping {private_key: OpenSSH PEM, public_key: "ssh-ed25519 ..."}
    fernet_key,  ///< 32 random bytes, URL-safe base64 (44 characters), as Keystone expects
    ceph_key,    ///< a cephx secret: base64 of the 28-byte CryptoKey (AES, 16-byte key)
};

struct SecretDecl {
    std::string_view name;
    SecretKind kind;
    int length;             ///< password characters or key bytes; unused by the other kinds
    std::string_view layer; ///< the layer that declares it
    std::string_view description;
};

/// Every declared secret, in the order secrets.yml lists them.
std::span<const SecretDecl> secret_registry();

/// The declaration named `name`, or nullptr.
const SecretDecl* find_secret(std::string_view name);

/// "password", "hex_key", ...
std::string_view kind_name(SecretKind kind);

} // namespace scsctl::secrets
