// known_hosts files as OpenSSH reads them: plain and hashed (|1|salt|hash) host
// patterns, [host]:port, wildcards and negation, @revoked and @cert-authority markers;
// checks a presented key and pins new keys atomically under a lock.
// Depends on core and OpenSSL only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::transport {

/// A public host key as sent by the server: its algorithm name and raw key blob.
struct HostKey {
    std::string type; ///< "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", ...
    std::string blob; ///< raw bytes (as in the SSH wire format)

    bool operator==(const HostKey&) const = default;
};

/// "SHA256:<unpadded base64 of sha256(blob)>", as ssh-keygen -l prints it.
std::string fingerprint(const HostKey& key);

/// The name OpenSSH records for a host: "host" on port 22, else "[host]:port".
std::string known_hosts_name(const std::string& host, int port);

enum class KeyMatch {
    match,    ///< a recorded key for the host equals the presented one
    mismatch, ///< keys are recorded for the host, none equals it (or it is @revoked)
    unknown,  ///< nothing recorded for the host
};

struct KeyCheck {
    KeyMatch result = KeyMatch::unknown;
    std::vector<HostKey> recorded; ///< the host's recorded keys (for the message)
    std::string where;             ///< file:line of the first conflicting entry
    bool revoked = false;          ///< the presented key is marked @revoked
};

class KnownHosts {
public:
    /// Reads every file in order; missing files are fine, unreadable or malformed
    /// lines are skipped as OpenSSH does (a line it cannot parse is ignored).
    static KnownHosts load(const std::vector<std::string>& files);

    /// Parses `content` as the text of a known_hosts file named `file` (for messages).
    static KnownHosts from_text(std::string_view content, const std::string& file);

    /// Checks `key` presented by `host`:`port` against every recorded entry (host names
    /// compare case-insensitively; @cert-authority lines are ignored).
    /// - a matching @revoked entry: mismatch with revoked=true, `where` names it;
    /// - within one file, OpenSSH's rule: an equal key accepts even when the file also
    ///   records other keys of that type for the host;
    /// - a file recording keys of the presented type for the host, none equal, is a
    ///   conflict; a conflicting entry in any file wins over a matching one in another
    ///   (stricter than OpenSSH, which accepts a match from either file);
    /// - only keys of other types recorded: unknown (as ssh(1) does), but `recorded` lists
    ///   them so the caller can say so; the pool avoids this by preferring known_types().
    KeyCheck check(const std::string& host, int port, const HostKey& key) const;

    /// Key algorithm names recorded for host:port, in file order (for preferring the
    /// host key algorithms whose keys we can verify, as OpenSSH does).
    std::vector<std::string> known_types(const std::string& host, int port) const;

    /// Appends "name type base64" to `file` unless an identical entry exists: creates the
    /// file (0600) and its directory, holds an exclusive flock on "<file>.lock", writes a
    /// temporary file and renames it over, so concurrent pinners never lose a line.
    /// Returns true when a line was written, false when the key was already recorded for the
    /// host. Fails (ErrorKind::io) on I/O errors, on a key marked @revoked for the host in the
    /// file, and on names or keys that would not read back as one entry (whitespace, ',',
    /// wildcards). The name is written plain (not hashed). Writers that do not take the lock
    /// (ssh(1) itself) are not excluded.
    static core::Result<bool> pin(const std::string& file, const std::string& host, int port, const HostKey& key);

    struct Entry {
        std::string file;
        int line = 0;
        std::vector<std::string> patterns; ///< comma-separated host patterns (plain) or one hashed
        bool hashed = false;
        std::string salt, hash; ///< for hashed entries (raw bytes)
        bool revoked = false;
        bool cert_authority = false;
        HostKey key;
    };

    const std::vector<Entry>& entries() const { return m_entries; }

    /// Every entry whose host patterns accept host:port (markers included), in file order.
    std::vector<Entry> entries_for(const std::string& host, int port) const;

private:
    bool entry_matches(const Entry& entry, const std::string& name) const;

    std::vector<Entry> m_entries;
};

} // namespace scsctl::transport
