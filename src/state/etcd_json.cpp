// proto3 JSON for etcd. Errors here are bare descriptions ("field 'kvs' is not an
// array"); the client prefixes the endpoint and the call.
#include "state/etcd_json.hpp"

#include <charconv>

#include "core/base64.hpp"

namespace scsctl::state::etcd_json {

namespace {

core::Error bad(const std::string& what)
{
    return core::Error{core::ErrorKind::io, what, {}};
}

std::string b64(const std::string& bytes)
{
    return core::base64_encode(bytes);
}

} // namespace

core::Value range_request(const EtcdRange& range)
{
    core::Value out{{"key", b64(range.key)}};
    if (!range.range_end.empty()) {
        out["range_end"] = b64(range.range_end);
    }
    if (range.limit > 0) {
        out["limit"] = std::to_string(range.limit);
    }
    if (range.descending) {
        out["sort_order"] = "DESCEND";
        out["sort_target"] = "KEY";
    }
    return out;
}

core::Value put_request(const EtcdPut& put)
{
    core::Value out{{"key", b64(put.key)}, {"value", b64(put.value)}};
    if (put.lease != 0) {
        out["lease"] = std::to_string(put.lease);
    }
    return out;
}

core::Value delete_request(const EtcdDelete& del)
{
    core::Value out{{"key", b64(del.key)}};
    if (!del.range_end.empty()) {
        out["range_end"] = b64(del.range_end);
    }
    return out;
}

core::Value compare(const EtcdCompare& compare)
{
    core::Value out{{"key", b64(compare.key)}, {"result", "EQUAL"}};
    switch (compare.target) {
    case EtcdCompare::Target::create_revision:
        out["target"] = "CREATE";
        out["create_revision"] = std::to_string(compare.revision);
        break;
    case EtcdCompare::Target::mod_revision:
        out["target"] = "MOD";
        out["mod_revision"] = std::to_string(compare.revision);
        break;
    case EtcdCompare::Target::value:
        out["target"] = "VALUE";
        out["value"] = b64(compare.value);
        break;
    }
    return out;
}

core::Value operation(const EtcdOperation& operation)
{
    if (const auto* put = std::get_if<EtcdPut>(&operation)) {
        return core::Value{{"request_put", put_request(*put)}};
    }
    if (const auto* del = std::get_if<EtcdDelete>(&operation)) {
        return core::Value{{"request_delete_range", delete_request(*del)}};
    }
    return core::Value{{"request_range", range_request(std::get<EtcdRange>(operation))}};
}

core::Result<std::int64_t> int_field(const core::Value& object, const char* name)
{
    if (!object.is_object()) {
        return core::fail(bad("expected an object"));
    }
    const auto found = object.find(name);
    if (found == object.end() || found->is_null()) {
        return std::int64_t{0};
    }
    if (found->is_number_integer()) {
        return found->get<std::int64_t>();
    }
    if (found->is_string()) {
        const auto& text = found->get_ref<const std::string&>();
        std::int64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error == std::errc() && end == text.data() + text.size()) {
            return value;
        }
    }
    return core::fail(bad(std::string("field '") + name + "' is not an integer"));
}

core::Result<std::string> bytes_field(const core::Value& object, const char* name)
{
    if (!object.is_object()) {
        return core::fail(bad("expected an object"));
    }
    const auto found = object.find(name);
    if (found == object.end() || found->is_null()) {
        return std::string();
    }
    if (!found->is_string()) {
        return core::fail(bad(std::string("field '") + name + "' is not base64 text"));
    }
    auto decoded = core::base64_decode(found->get_ref<const std::string&>());
    if (!decoded) {
        return core::fail(bad(std::string("field '") + name + "' is not valid base64"));
    }
    return std::move(*decoded);
}

core::Result<std::vector<EtcdKeyValue>> key_values(const core::Value& reply)
{
    std::vector<EtcdKeyValue> out;
    if (!reply.is_object()) {
        return core::fail(bad("expected an object"));
    }
    const auto kvs = reply.find("kvs");
    if (kvs == reply.end() || kvs->is_null()) {
        return out;
    }
    if (!kvs->is_array()) {
        return core::fail(bad("field 'kvs' is not an array"));
    }
    for (const auto& item : *kvs) {
        EtcdKeyValue kv;
        kv.key = SCSCTL_TRY(bytes_field(item, "key"));
        kv.value = SCSCTL_TRY(bytes_field(item, "value"));
        kv.create_revision = SCSCTL_TRY(int_field(item, "create_revision"));
        kv.mod_revision = SCSCTL_TRY(int_field(item, "mod_revision"));
        kv.version = SCSCTL_TRY(int_field(item, "version"));
        kv.lease = SCSCTL_TRY(int_field(item, "lease"));
        out.push_back(std::move(kv));
    }
    return out;
}

} // namespace scsctl::state::etcd_json
