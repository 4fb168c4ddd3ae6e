// KnownHosts: parsing of known_hosts files as sshd(8) describes them, key checking and
// atomic pinning. Crypto (SHA-256, HMAC-SHA1, base64) comes from OpenSSL's libcrypto;
// must not depend on libssh2 or on anything above core.
#include "transport/known_hosts.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>

namespace scsctl::transport {

namespace {

constexpr std::size_t k_sha1_length = 20;

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

const unsigned char* bytes_of(std::string_view text)
{
    return reinterpret_cast<const unsigned char*>(text.data());
}

std::string base64_encode(std::string_view bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(bytes),
                                  static_cast<int>(bytes.size()));
    out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    return out;
}

bool is_base64_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/';
}

/// Strict padded base64 (as OpenSSH writes it); nullopt on anything else.
std::optional<std::string> base64_decode(std::string_view text)
{
    if (text.empty() || text.size() % 4 != 0 || text.size() > INT_MAX / 2) {
        return std::nullopt;
    }
    std::size_t padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '=' && i + 2 >= text.size()) {
            ++padding;
        } else if (padding > 0 || !is_base64_char(text[i])) {
            return std::nullopt;
        }
    }
    std::string out(text.size() / 4 * 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(text),
                                  static_cast<int>(text.size()));
    if (n < 0 || static_cast<std::size_t>(n) < padding) {
        return std::nullopt;
    }
    out.resize(static_cast<std::size_t>(n) - padding);
    return out;
}

std::string hmac_sha1(std::string_view key, std::string_view data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), bytes_of(data), data.size(), digest, &length) ==
        nullptr) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(digest), length);
}

/// OpenSSH's wildcard match: '*' any run of characters, '?' exactly one.
bool wildcard_match(std::string_view text, std::string_view pattern)
{
    std::size_t t = 0, p = 0, star = std::string_view::npos, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++t;
            ++p;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

std::vector<std::string_view> split_fields(std::string_view line, std::size_t max_fields)
{
    std::vector<std::string_view> fields;
    std::size_t i = 0;
    while (fields.size() < max_fields) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
            ++i;
        }
        if (i >= line.size()) {
            break;
        }
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') {
            ++i;
        }
        fields.push_back(line.substr(start, i - start));
    }
    return fields;
}

/// The key blob must start with its own algorithm name (SSH wire format string).
bool blob_has_type(std::string_view blob, std::string_view type)
{
    if (blob.size() < 4) {
        return false;
    }
    const auto* b = bytes_of(blob);
    const std::size_t length = (std::size_t{b[0]} << 24) | (std::size_t{b[1]} << 16) | (std::size_t{b[2]} << 8) | b[3];
    return length == type.size() && blob.size() >= 4 + length && blob.substr(4, length) == type;
}

bool parse_hosts(std::string_view field, KnownHosts::Entry& entry)
{
    if (field.starts_with('|')) {
        // |1|base64(salt)|base64(HMAC-SHA1(salt, name)), both 20 bytes.
        if (!field.starts_with("|1|")) {
            return false;
        }
        const auto rest = field.substr(3);
        const auto bar = rest.find('|');
        if (bar == std::string_view::npos) {
            return false;
        }
        auto salt = base64_decode(rest.substr(0, bar));
        auto hash = base64_decode(rest.substr(bar + 1));
        if (!salt || !hash || salt->size() != k_sha1_length || hash->size() != k_sha1_length) {
            return false;
        }
        entry.hashed = true;
        entry.salt = std::move(*salt);
        entry.hash = std::move(*hash);
        return true;
    }
    std::size_t start = 0;
    while (start <= field.size()) {
        const auto comma = std::min(field.find(',', start), field.size());
        entry.patterns.push_back(lower(field.substr(start, comma - start)));
        start = comma + 1;
    }
    return true;
}

/// One known_hosts line, or nullopt for comments, blank and unparseable lines.
std::optional<KnownHosts::Entry> parse_line(std::string_view line, const std::string& file, int number)
{
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        line.remove_suffix(1);
    }
    auto fields = split_fields(line, 4);
    if (fields.empty() || fields[0].starts_with('#')) {
        return std::nullopt;
    }
    KnownHosts::Entry entry;
    entry.file = file;
    entry.line = number;
    if (fields[0].starts_with('@')) {
        if (fields[0] == "@revoked") {
            entry.revoked = true;
        } else if (fields[0] == "@cert-authority") {
            entry.cert_authority = true;
        } else {
            return std::nullopt;
        }
        fields = split_fields(line.substr(fields[0].size()), 3);
    }
    if (fields.size() < 3 || !parse_hosts(fields[0], entry)) {
        return std::nullopt;
    }
    auto blob = base64_decode(fields[2]);
    if (!blob || !blob_has_type(*blob, fields[1])) {
        return std::nullopt;
    }
    entry.key = HostKey{std::string(fields[1]), std::move(*blob)};
    return entry;
}

void parse_content(std::string_view content, const std::string& file, std::vector<KnownHosts::Entry>& out)
{
    int number = 0;
    std::size_t start = 0;
    while (start < content.size()) {
        const auto end = std::min(content.find('\n', start), content.size());
        ++number;
        if (auto entry = parse_line(content.substr(start, end - start), file, number)) {
            out.push_back(std::move(*entry));
        }
        start = end + 1;
    }
}

/// The whole file; nullopt with errno set when it cannot be read.
std::optional<std::string> read_whole(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    std::string content;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const int saved = errno;
            ::close(fd);
            errno = saved;
            if (n < 0) {
                return std::nullopt;
            }
            return content;
        }
        content.append(buffer, static_cast<std::size_t>(n));
    }
}

std::string location(const KnownHosts::Entry& entry)
{
    return entry.file + ":" + std::to_string(entry.line);
}

} // namespace

std::string fingerprint(const HostKey& key)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(bytes_of(key.blob), key.blob.size(), digest);
    auto text = base64_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
    while (!text.empty() && text.back() == '=') {
        text.pop_back();
    }
    return "SHA256:" + text;
}

std::string known_hosts_name(const std::string& host, int port)
{
    // ssh(1) lowercases the host name before looking it up (and before hashing it).
    if (port == 0 || port == 22) {
        return lower(host);
    }
    return "[" + lower(host) + "]:" + std::to_string(port);
}

KnownHosts KnownHosts::load(const std::vector<std::string>& files)
{
    KnownHosts hosts;
    for (const auto& file : files) {
        if (auto content = read_whole(file)) {
            parse_content(*content, file, hosts.m_entries);
        }
    }
    return hosts;
}

KnownHosts KnownHosts::from_text(std::string_view content, const std::string& file)
{
    KnownHosts hosts;
    parse_content(content, file, hosts.m_entries);
    return hosts;
}

bool KnownHosts::entry_matches(const Entry& entry, const std::string& name) const
{
    if (entry.hashed) {
        return hmac_sha1(entry.salt, name) == entry.hash;
    }
    bool positive = false;
    for (const auto& pattern : entry.patterns) {
        const bool negated = pattern.starts_with('!');
        if (wildcard_match(name, negated ? std::string_view(pattern).substr(1) : std::string_view(pattern))) {
            if (negated) {
                return false;
            }
            positive = true;
        }
    }
    return positive;
}

/// Per-file verdicts (match / conflict), then the header's precedence: revoked, conflict, match.
KeyCheck KnownHosts::check(const std::string& host, int port, const HostKey& key) const
{
    struct FileVerdict {
        const std::string* file;
        bool match = false;
        const Entry* conflict = nullptr;
    };
    KeyCheck out;
    const auto name = known_hosts_name(host, port);
    std::vector<FileVerdict> files;
    const Entry* revoked = nullptr;
    for (const auto& entry : m_entries) {
        if (entry.cert_authority || !entry_matches(entry, name)) {
            continue;
        }
        if (entry.revoked) {
            revoked = (revoked == nullptr && entry.key == key) ? &entry : revoked;
            continue;
        }
        if (std::find(out.recorded.begin(), out.recorded.end(), entry.key) == out.recorded.end()) {
            out.recorded.push_back(entry.key);
        }
        auto it = std::find_if(files.begin(), files.end(), [&](const auto& v) { return *v.file == entry.file; });
        if (it == files.end()) {
            it = files.insert(files.end(), FileVerdict{&entry.file});
        }
        if (entry.key == key) {
            it->match = true;
        } else if (entry.key.type == key.type && it->conflict == nullptr) {
            it->conflict = &entry;
        }
    }
    if (revoked != nullptr) {
        out.result = KeyMatch::mismatch;
        out.revoked = true;
        out.where = location(*revoked);
        return out;
    }
    for (const auto& verdict : files) {
        if (!verdict.match && verdict.conflict != nullptr) {
            out.result = KeyMatch::mismatch;
            out.where = location(*verdict.conflict);
            return out;
        }
    }
    const bool matched = std::any_of(files.begin(), files.end(), [](const auto& v) { return v.match; });
    out.result = matched ? KeyMatch::match : KeyMatch::unknown;
    return out;
}

std::vector<KnownHosts::Entry> KnownHosts::entries_for(const std::string& host, int port) const
{
    std::vector<Entry> found;
    const auto name = known_hosts_name(host, port);
    for (const auto& entry : m_entries) {
        if (entry_matches(entry, name)) {
            found.push_back(entry);
        }
    }
    return found;
}

std::vector<std::string> KnownHosts::known_types(const std::string& host, int port) const
{
    std::vector<std::string> types;
    const auto name = known_hosts_name(host, port);
    for (const auto& entry : m_entries) {
        if (!entry.revoked && !entry.cert_authority && entry_matches(entry, name) &&
            std::find(types.begin(), types.end(), entry.key.type) == types.end()) {
            types.push_back(entry.key.type);
        }
    }
    return types;
}

} // namespace scsctl::transport
