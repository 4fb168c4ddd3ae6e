// New Ed25519 SSH key pairs in OpenSSH's own formats (unencrypted "openssh-key-v1"
// private key, one-line public key). Depends on core and libsodium.
#pragma once

#include <string>

namespace scsctl::secrets {

struct SshKeyPair {
    std::string private_key; ///< "-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END ...-----\n"
    std::string public_key;  ///< "ssh-ed25519 AAAA... comment"
};

/// A fresh key pair; `comment` goes into both halves, as ssh-keygen -C does.
SshKeyPair generate_ssh_ed25519(const std::string& comment);

} // namespace scsctl::secrets
