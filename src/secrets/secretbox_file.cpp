// Sealing and opening. The header's limits are bounded before use, so a crafted file
// cannot make scsctl allocate more than 1 GiB or spin for minutes.
#include "secrets/secretbox_file.hpp"

#include <sodium.h>

#include <charconv>
#include <vector>

#include "core/base64.hpp"
#include "secrets/sodium.hpp"

namespace scsctl::secrets {

namespace {

constexpr std::size_t k_salt_bytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t k_nonce_bytes = crypto_secretbox_NONCEBYTES;
constexpr unsigned long long k_max_opslimit = 20;
constexpr std::size_t k_max_memlimit = std::size_t{1} << 30;

core::Error located(const std::string& path, int line, const std::string& message)
{
    return core::Error{core::ErrorKind::config, message, {path, line, 0}};
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        out.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) {
            return out;
        }
        start = end + 1;
    }
}

template <typename T> bool parse_number(std::string_view text, T& out)
{
    const auto* end = text.data() + text.size();
    auto [ptr, error] = std::from_chars(text.data(), end, out);
    return error == std::errc() && ptr == end;
}

core::Result<KdfLimits> parse_header(const std::string& path, std::string_view line)
{
    if (!line.starts_with(k_secretbox_magic)) {
        return core::fail(located(path, 1,
                                  "not an scsctl secrets file (expected the header '" + std::string(k_secretbox_magic) +
                                      ";OPS;MEM')"));
    }
    const auto fields = split(line.substr(k_secretbox_magic.size()), ';');
    KdfLimits limits;
    if (fields.size() != 3 || !fields[0].empty() || !parse_number(fields[1], limits.opslimit) ||
        !parse_number(fields[2], limits.memlimit)) {
        return core::fail(
            located(path, 1, "malformed header: expected '" + std::string(k_secretbox_magic) + ";OPSLIMIT;MEMLIMIT'"));
    }
    if (limits.opslimit < crypto_pwhash_OPSLIMIT_MIN || limits.opslimit > k_max_opslimit ||
        limits.memlimit < crypto_pwhash_MEMLIMIT_MIN || limits.memlimit > k_max_memlimit) {
        return core::fail(located(path, 1, "Argon2id limits out of range (opslimit 1-20, memlimit 8 KiB-1 GiB)"));
    }
    return limits;
}

/// The base64 lines after the header, decoded; a line with a character outside the
/// alphabet is named, a body cut short is reported as such.
core::Result<std::string> decode_body(const std::string& path, const std::vector<std::string_view>& lines)
{
    constexpr std::string_view k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
    std::string encoded;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::string_view line = lines[i];
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        if (line.find_first_not_of(k_alphabet) != std::string_view::npos) {
            return core::fail(located(path, static_cast<int>(i + 1), "not base64"));
        }
        encoded += line;
    }
    auto decoded = core::base64_decode(encoded);
    if (!decoded) {
        return core::fail(located(path, 0, "truncated: the encrypted body is not whole base64"));
    }
    return std::move(*decoded);
}

core::Result<std::string> derive_key(std::string_view password, std::string_view salt, const KdfLimits& limits)
{
    std::string key(crypto_secretbox_KEYBYTES, '\0');
    if (!sodium_ready() || crypto_pwhash(reinterpret_cast<unsigned char*>(key.data()), key.size(), password.data(),
                                         password.size(), reinterpret_cast<const unsigned char*>(salt.data()),
                                         limits.opslimit, limits.memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return core::fail(core::Error{core::ErrorKind::io, "Argon2id key derivation failed (out of memory?)", {}});
    }
    return key;
}

} // namespace

bool is_secretbox_text(std::string_view text)
{
    return text.starts_with("$SCSCTL_SECRETS;");
}

core::Result<std::string> seal_secrets(std::string_view plaintext, std::string_view password, const KdfLimits& limits)
{
    const std::string salt = random_bytes(k_salt_bytes);
    const std::string nonce = random_bytes(k_nonce_bytes);
    std::string key = SCSCTL_TRY(derive_key(password, salt, limits));
    std::string cipher(plaintext.size() + crypto_secretbox_MACBYTES, '\0');
    crypto_secretbox_easy(reinterpret_cast<unsigned char*>(cipher.data()),
                          reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                          reinterpret_cast<const unsigned char*>(nonce.data()),
                          reinterpret_cast<const unsigned char*>(key.data()));
    sodium_memzero(key.data(), key.size());
    const std::string body = core::base64_encode(salt + nonce + cipher);
    std::string out = std::string(k_secretbox_magic) + ";" + std::to_string(limits.opslimit) + ";" +
                      std::to_string(limits.memlimit) + "\n";
    for (std::size_t at = 0; at < body.size(); at += 76) {
        out += body.substr(at, 76) + "\n";
    }
    return out;
}

core::Result<std::string> open_secrets(const std::string& path, std::string_view text, std::string_view password)
{
    const auto lines = split(text, '\n');
    std::string_view header = lines.front();
    if (header.ends_with('\r')) {
        header.remove_suffix(1);
    }
    const KdfLimits limits = SCSCTL_TRY(parse_header(path, header));
    const std::string body = SCSCTL_TRY(decode_body(path, lines));
    if (body.size() < k_salt_bytes + k_nonce_bytes + crypto_secretbox_MACBYTES) {
        return core::fail(
            located(path, 0,
                    "truncated: the encrypted body holds " + std::to_string(body.size()) + " bytes, at least " +
                        std::to_string(k_salt_bytes + k_nonce_bytes + crypto_secretbox_MACBYTES) + " are needed"));
    }
    const std::string_view salt = std::string_view(body).substr(0, k_salt_bytes);
    const std::string_view nonce = std::string_view(body).substr(k_salt_bytes, k_nonce_bytes);
    const std::string_view cipher = std::string_view(body).substr(k_salt_bytes + k_nonce_bytes);
    std::string key = SCSCTL_TRY(derive_key(password, salt, limits));
    std::string plain(cipher.size() - crypto_secretbox_MACBYTES, '\0');
    const int status = crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                                  reinterpret_cast<const unsigned char*>(cipher.data()), cipher.size(),
                                                  reinterpret_cast<const unsigned char*>(nonce.data()),
                                                  reinterpret_cast<const unsigned char*>(key.data()));
    sodium_memzero(key.data(), key.size());
    if (status != 0) {
        return core::fail(located(path, 0, "cannot decrypt: wrong vault password, or the file was changed"));
    }
    return plain;
}

} // namespace scsctl::secrets
