// Generators per kind. Passwords draw each character with randombytes_uniform, which is
// unbiased; the alphabet (letters and digits) needs no quoting in YAML, shells, URLs or
// the INI files of OpenStack services.
#include "secrets/secret_generate.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdint>

#include "core/base64.hpp"
#include "secrets/sodium.hpp"
#include "secrets/ssh_key.hpp"

namespace scsctl::secrets {

namespace {

constexpr std::string_view k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

std::string password(int length)
{
    std::string out;
    if (!sodium_ready()) {
        return out;
    }
    for (int i = 0; i < length; ++i) {
        out += k_alphabet[randombytes_uniform(static_cast<std::uint32_t>(k_alphabet.size()))];
    }
    return out;
}

std::string hex(const std::string& bytes)
{
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += k_digits[c >> 4];
        out += k_digits[c & 0xf];
    }
    return out;
}

std::string uuid4()
{
    std::string bytes = random_bytes(16);
    bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0f) | 0x40); // version 4
    bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3f) | 0x80); // RFC 4122 variant
    const std::string digits = hex(bytes);
    return digits.substr(0, 8) + "-" + digits.substr(8, 4) + "-" + digits.substr(12, 4) + "-" + digits.substr(16, 4) +
           "-" + digits.substr(20);
}

std::string fernet_key()
{
    std::string text = core::base64_encode(random_bytes(32));
    for (char& c : text) {
        c = c == '+' ? '-' : c == '/' ? '_' : c; // URL-safe alphabet, padding kept
    }
    return text;
}

/// Ceph's CryptoKey encoding: le16 type (1 = AES), le32 seconds, le32 nanoseconds,
/// le16 key length, key bytes.
std::string ceph_key(int length)
{
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto seconds = static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(now).count());
    const auto nanos =
        static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count() % 1000000000);
    std::string raw;
    auto put = [&raw](std::uint32_t value, int bytes) {
        for (int i = 0; i < bytes; ++i) {
            raw += static_cast<char>((value >> (8 * i)) & 0xff);
        }
    };
    put(1, 2);
    put(seconds, 4);
    put(nanos, 4);
    put(static_cast<std::uint32_t>(length), 2);
    raw += random_bytes(static_cast<std::size_t>(length));
    return core::base64_encode(raw);
}

} // namespace

core::Value generate_secret(const SecretDecl& decl)
{
    switch (decl.kind) {
    case SecretKind::password:
        return password(decl.length);
    case SecretKind::hex_key:
        return hex(random_bytes(static_cast<std::size_t>(decl.length)));
    case SecretKind::uuid:
        return uuid4();
    case SecretKind::ssh_ed25519: {
        SshKeyPair pair = generate_ssh_ed25519("scsctl " + std::string(decl.name));
        return core::Value{{"private_key", std::move(pair.private_key)}, {"public_key", std::move(pair.public_key)}};
    }
    case SecretKind::fernet_key:
        return fernet_key();
    case SecretKind::ceph_key:
        return ceph_key(decl.length);
    }
    return password(32);
}

std::vector<std::string> complete_secrets(core::Value& values)
{
    std::vector<std::string> added;
    for (const SecretDecl& decl : secret_registry()) {
        const std::string name(decl.name);
        if (!values.contains(name)) {
            values[name] = generate_secret(decl);
            added.push_back(name);
        }
    }
    return added;
}

} // namespace scsctl::secrets
