// The etcd v3 JSON gateway's encoding (proto3 JSON: base64 bytes, int64 as strings,
// omitted zero fields), both ways: requests built from the client's types, replies
// checked field by field so that a malformed reply is an error, not a crash.
// Depends on core (value, base64) and state (etcd_client types).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"
#include "state/etcd_client.hpp"

namespace scsctl::state::etcd_json {

core::Value range_request(const EtcdRange& range);
core::Value put_request(const EtcdPut& put);
core::Value delete_request(const EtcdDelete& del);
core::Value compare(const EtcdCompare& compare);
/// A txn branch's entry: {"request_put": …} and so on.
core::Value operation(const EtcdOperation& operation);

/// An int64 field (string or number); 0 when omitted; an error text when malformed.
core::Result<std::int64_t> int_field(const core::Value& object, const char* name);
/// A bytes field, base64-decoded; "" when omitted.
core::Result<std::string> bytes_field(const core::Value& object, const char* name);
/// The "kvs" of a range reply ([] when omitted).
core::Result<std::vector<EtcdKeyValue>> key_values(const core::Value& reply);

} // namespace scsctl::state::etcd_json
