// The VaultAES256 format (ansible/parsing/vault): the lines after the header are hex of
// "hex(salt)\nhex(hmac)\nhex(ciphertext)". PBKDF2-HMAC-SHA256 with 10,000 iterations
// turns password and salt into 80 bytes: AES-256 key, HMAC-SHA256 key, CTR IV. The HMAC
// over the ciphertext is checked in constant time before anything is decrypted.
#include "secrets/ansible_vault.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <memory>
#include <optional>
#include <vector>

namespace scsctl::secrets {

namespace {

constexpr int k_iterations = 10000;

core::Error located(const std::string& path, int line, const std::string& message)
{
    return core::Error{core::ErrorKind::config, message, {path, line, 0}};
}

std::string trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    return std::string(text.substr(first, text.find_last_not_of(" \t\r") - first + 1));
}

std::optional<std::string> unhex(std::string_view text)
{
    if (text.size() % 2 != 0) {
        return std::nullopt;
    }
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int high = digit(text[i]);
        const int low = digit(text[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(high * 16 + low);
    }
    return out;
}

std::vector<std::string> split_lines(std::string_view text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        lines.push_back(trimmed(text.substr(start, end - start)));
        start = end + 1;
    }
    return lines;
}

core::Result<void> check_header(const std::string& path, const std::string& header)
{
    std::vector<std::string> fields;
    for (std::size_t start = 0; start <= header.size();) {
        const auto end = std::min(header.find(';', start), header.size());
        fields.push_back(trimmed(std::string_view(header).substr(start, end - start)));
        start = end + 1;
    }
    if (fields.size() < 3 || fields[0] != "$ANSIBLE_VAULT") {
        return core::fail(located(path, 1, "malformed Ansible Vault header"));
    }
    if (fields[1] != "1.1" && fields[1] != "1.2") {
        return core::fail(
            located(path, 1, "unsupported Ansible Vault version '" + fields[1] + "' (supported: 1.1, 1.2)"));
    }
    if (fields[2] != "AES256") {
        return core::fail(located(path, 1, "unsupported Ansible Vault cipher '" + fields[2] + "' (supported: AES256)"));
    }
    return {};
}

struct VaultParts {
    std::string salt;
    std::string hmac;
    std::string ciphertext;
};

core::Result<VaultParts> parse_body(const std::string& path, const std::vector<std::string>& lines)
{
    std::string hex;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
            return core::fail(located(path, static_cast<int>(i + 1), "not hexadecimal"));
        }
        hex += lines[i];
    }
    auto inner = unhex(hex);
    if (!inner) {
        return core::fail(located(path, 0, "truncated: the vault body has an odd number of hex digits"));
    }
    const auto first = inner->find('\n');
    const auto second = first == std::string::npos ? first : inner->find('\n', first + 1);
    if (second == std::string::npos) {
        return core::fail(located(path, 0, "malformed vault body: expected salt, HMAC and ciphertext"));
    }
    auto salt = unhex(std::string_view(*inner).substr(0, first));
    auto hmac = unhex(std::string_view(*inner).substr(first + 1, second - first - 1));
    auto ciphertext = unhex(trimmed(std::string_view(*inner).substr(second + 1)));
    if (!salt || !hmac || !ciphertext || hmac->size() != 32 || ciphertext->empty() || ciphertext->size() % 16 != 0) {
        return core::fail(located(path, 0, "malformed vault body: expected salt, HMAC and ciphertext"));
    }
    return VaultParts{std::move(*salt), std::move(*hmac), std::move(*ciphertext)};
}

core::Result<std::string> aes256_ctr(const std::string& path, const std::string& key, const std::string& iv,
                                     const std::string& input)
{
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    std::string out(input.size() + 16, '\0');
    int length = 0;
    int final_length = 0;
    auto* data = reinterpret_cast<unsigned char*>(out.data());
    if (!context ||
        EVP_DecryptInit_ex(context.get(), EVP_aes_256_ctr(), nullptr,
                           reinterpret_cast<const unsigned char*>(key.data()),
                           reinterpret_cast<const unsigned char*>(iv.data())) != 1 ||
        EVP_DecryptUpdate(context.get(), data, &length, reinterpret_cast<const unsigned char*>(input.data()),
                          static_cast<int>(input.size())) != 1 ||
        EVP_DecryptFinal_ex(context.get(), data + length, &final_length) != 1) {
        return core::fail(located(path, 0, "AES-256-CTR decryption failed"));
    }
    out.resize(static_cast<std::size_t>(length + final_length));
    return out;
}

} // namespace

bool is_ansible_vault_text(std::string_view text)
{
    return text.starts_with("$ANSIBLE_VAULT;");
}

core::Result<std::string> open_ansible_vault(const std::string& path, std::string_view text, std::string_view password)
{
    const auto lines = split_lines(text);
    SCSCTL_TRY(check_header(path, lines.front()));
    const VaultParts parts = SCSCTL_TRY(parse_body(path, lines));

    unsigned char derived[80];
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(parts.salt.data()),
                          static_cast<int>(parts.salt.size()), k_iterations, EVP_sha256(), sizeof derived,
                          derived) != 1) {
        return core::fail(located(path, 0, "PBKDF2 key derivation failed"));
    }
    const std::string key(reinterpret_cast<const char*>(derived), 32);
    const std::string hmac_key(reinterpret_cast<const char*>(derived) + 32, 32);
    const std::string iv(reinterpret_cast<const char*>(derived) + 64, 16);
    OPENSSL_cleanse(derived, sizeof derived);

    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_length = 0;
    if (HMAC(EVP_sha256(), hmac_key.data(), static_cast<int>(hmac_key.size()),
             reinterpret_cast<const unsigned char*>(parts.ciphertext.data()), parts.ciphertext.size(), mac,
             &mac_length) == nullptr ||
        mac_length != parts.hmac.size() || CRYPTO_memcmp(mac, parts.hmac.data(), mac_length) != 0) {
        return core::fail(located(path, 0, "cannot decrypt: wrong vault password, or the file was changed"));
    }
    std::string plain = SCSCTL_TRY(aes256_ctr(path, key, iv, parts.ciphertext));
    // PKCS#7 padding to the 16-byte AES block, as the vault writes it.
    const auto pad = static_cast<unsigned char>(plain.back());
    if (pad == 0 || pad > 16 || pad > plain.size() ||
        plain.find_first_not_of(static_cast<char>(pad), plain.size() - pad) != std::string::npos) {
        return core::fail(located(path, 0, "malformed vault plaintext: bad padding"));
    }
    plain.resize(plain.size() - pad);
    return plain;
}

} // namespace scsctl::secrets
