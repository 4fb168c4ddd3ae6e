// A small etcd v3 client over the gRPC JSON gateway (POST /v3/..., libcurl): KV put,
// range (prefix, limit, sort), delete-range, txn (compare create/mod revision or value,
// then puts, deletes and ranges), and leases (grant, keepalive, revoke). Keys and values
// are bytes (base64 on the wire). Every failure is one line naming the endpoint; a reply
// that is not what etcd sends is an error, never a crash. Thread-safe (one connection,
// calls serialised). Depends on core and libcurl.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::state {

struct EtcdKeyValue {
    std::string key;
    std::string value;
    std::int64_t create_revision = 0;
    std::int64_t mod_revision = 0;
    std::int64_t version = 0;
    std::int64_t lease = 0; ///< 0: no lease
};

/// A range: one key (`range_end` empty), or [key, range_end) (see prefix_end()).
struct EtcdRange {
    std::string key;
    std::string range_end;
    std::int64_t limit = 0;  ///< 0: no limit
    bool descending = false; ///< sorted by key, ascending unless this
};

struct EtcdPut {
    std::string key;
    std::string value;
    std::int64_t lease = 0;
};

struct EtcdDelete {
    std::string key;
    std::string range_end;
};

/// One condition of a txn, on a key's create revision (0: the key is absent), mod
/// revision, or value; all must hold for the success branch.
struct EtcdCompare {
    enum class Target { create_revision, mod_revision, value };
    std::string key;
    Target target = Target::create_revision;
    std::int64_t revision = 0;
    std::string value;
};

using EtcdOperation = std::variant<EtcdPut, EtcdDelete, EtcdRange>;

struct EtcdTxnResult {
    bool succeeded = false;
    /// The key-values of each range of the branch that ran, in order.
    std::vector<std::vector<EtcdKeyValue>> ranges;
};

struct EtcdClientOptions {
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds request_timeout{10000};
};

class EtcdClient {
  public:
    /// A client of the server at `endpoint` ("HOST:PORT"); does not connect yet.
    static core::Result<std::unique_ptr<EtcdClient>> create(const std::string& endpoint,
                                                            EtcdClientOptions options = {});
    ~EtcdClient();
    EtcdClient(const EtcdClient&) = delete;
    EtcdClient& operator=(const EtcdClient&) = delete;

    core::Result<void> put(const EtcdPut& put);
    core::Result<std::vector<EtcdKeyValue>> range(const EtcdRange& range);
    /// One key's record; nullopt when absent.
    core::Result<std::optional<EtcdKeyValue>> get(const std::string& key);
    /// The number of keys deleted.
    core::Result<std::int64_t> delete_range(const EtcdDelete& del);
    core::Result<EtcdTxnResult> txn(const std::vector<EtcdCompare>& compares, const std::vector<EtcdOperation>& success,
                                    const std::vector<EtcdOperation>& failure = {});

    /// A new lease of `ttl_seconds`; its id.
    core::Result<std::int64_t> lease_grant(std::int64_t ttl_seconds);
    /// Renews the lease; its remaining TTL in seconds, 0 when it no longer exists.
    core::Result<std::int64_t> lease_keepalive(std::int64_t lease);
    /// Revokes the lease (deleting its keys); a lease already gone is not an error.
    core::Result<void> lease_revoke(std::int64_t lease);

    const std::string& endpoint() const { return m_endpoint; }
    /// "etcd at HOST:PORT: " + `what`, as an io error.
    core::Error error(const std::string& what) const;

  private:
    EtcdClient(std::string endpoint, EtcdClientOptions options, void* curl);
    /// POSTs `body` to `path` ("/v3/kv/range"); the reply's JSON object.
    core::Result<core::Value> call(const std::string& path, const core::Value& body);

    std::string m_endpoint;
    EtcdClientOptions m_options;
    std::mutex m_mutex;
    void* m_curl; ///< CURL*, used under m_mutex
};

/// The end of the range of every key starting with `prefix` (etcd's prefix convention).
std::string prefix_end(const std::string& prefix);

} // namespace scsctl::state
