// The openssh-key-v1 layout (OpenSSH's PROTOCOL.key): magic, cipher "none", kdf "none",
// one public key blob, then the private section (two equal check words, key type,
// public key, 64-byte secret key, comment) padded with 1, 2, 3, ... to 8 bytes.
#include "secrets/ssh_key.hpp"

#include <sodium.h>

#include <cstdint>

#include "core/base64.hpp"
#include "secrets/sodium.hpp"

namespace scsctl::secrets {

namespace {

void put_u32(std::string& out, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8) {
        out += static_cast<char>((value >> shift) & 0xff);
    }
}

void put_string(std::string& out, const std::string& value)
{
    put_u32(out, static_cast<std::uint32_t>(value.size()));
    out += value;
}

std::string public_blob(const std::string& public_key)
{
    std::string blob;
    put_string(blob, "ssh-ed25519");
    put_string(blob, public_key);
    return blob;
}

} // namespace

SshKeyPair generate_ssh_ed25519(const std::string& comment)
{
    std::string public_key(crypto_sign_PUBLICKEYBYTES, '\0');
    std::string secret_key(crypto_sign_SECRETKEYBYTES, '\0');
    if (sodium_ready()) {
        crypto_sign_keypair(reinterpret_cast<unsigned char*>(public_key.data()),
                            reinterpret_cast<unsigned char*>(secret_key.data()));
    }
    const std::string blob = public_blob(public_key);

    std::string section;
    const std::string check = random_bytes(4);
    section += check + check;
    put_string(section, "ssh-ed25519");
    put_string(section, public_key);
    put_string(section, secret_key);
    put_string(section, comment);
    for (char pad = 1; section.size() % 8 != 0; ++pad) {
        section += pad;
    }
    sodium_memzero(secret_key.data(), secret_key.size());

    std::string body("openssh-key-v1", 15); // with its terminating NUL
    put_string(body, "none");
    put_string(body, "none");
    put_string(body, "");
    put_u32(body, 1);
    put_string(body, blob);
    put_string(body, section);
    sodium_memzero(section.data(), section.size());

    const std::string encoded = core::base64_encode(body);
    sodium_memzero(body.data(), body.size());
    SshKeyPair pair;
    pair.private_key = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
    for (std::size_t at = 0; at < encoded.size(); at += 70) {
        pair.private_key += encoded.substr(at, 70) + "\n";
    }
    pair.private_key += "-----END OPENSSH PRIVATE KEY-----\n";
    pair.public_key = "ssh-ed25519 " + core::base64_encode(blob) + (comment.empty() ? "" : " " + comment);
    return pair;
}

} // namespace scsctl::secrets
