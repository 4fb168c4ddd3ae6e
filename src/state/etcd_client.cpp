// The HTTP side of the etcd client: one libcurl easy handle (kept-alive connection),
// timeouts on connect and on the whole request, errors worded from curl's result and
// etcd's {"error", "message", "code"} replies. The gateway serves /v3/ on etcd 3.4+.
#include "state/etcd_client.hpp"

#include <curl/curl.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "state/etcd_json.hpp"

namespace scsctl::state {

namespace {

/// Replies larger than this are refused (a runaway range, not a journal).
constexpr std::size_t k_max_reply = 512u * 1024 * 1024;

std::size_t collect(char* data, std::size_t size, std::size_t count, void* target)
{
    auto& out = *static_cast<std::string*>(target);
    if (out.size() + size * count > k_max_reply) {
        return 0; // curl reports a write error
    }
    out.append(data, size * count);
    return size * count;
}

std::string transport_problem(CURLcode code, const char* detail, long os_errno)
{
    const std::string text = detail != nullptr ? detail : "";
    switch (code) {
    case CURLE_COULDNT_CONNECT:
        if (os_errno == ECONNREFUSED) {
            return "connection refused";
        }
        return "cannot connect (" + (os_errno != 0 ? std::string(std::strerror(static_cast<int>(os_errno))) : text) +
               ")";
    case CURLE_COULDNT_RESOLVE_HOST:
        return "unknown host";
    case CURLE_OPERATION_TIMEDOUT:
        return "no answer in time (" + text + ")";
    case CURLE_GOT_NOTHING:
        return "the server closed the connection without a reply";
    case CURLE_WRITE_ERROR:
        return "reply larger than " + std::to_string(k_max_reply / (1024 * 1024)) + " MiB";
    default:
        return text.empty() ? curl_easy_strerror(code) : text;
    }
}

/// etcd's error reply's message, or the start of the body.
std::string server_problem(long status, const std::string& body)
{
    const core::Value reply = core::Value::parse(body, nullptr, false);
    std::string message;
    if (reply.is_object() && reply.contains("message") && reply["message"].is_string()) {
        message = reply["message"].get<std::string>();
    } else if (reply.is_object() && reply.contains("error") && reply["error"].is_string()) {
        message = reply["error"].get<std::string>();
    } else {
        message = body.substr(0, 200);
        if (const auto newline = message.find('\n'); newline != std::string::npos) {
            message.resize(newline);
        }
    }
    return message + " (HTTP " + std::to_string(status) + ")";
}

} // namespace

core::Result<std::unique_ptr<EtcdClient>> EtcdClient::create(const std::string& endpoint, EtcdClientOptions options)
{
    static std::once_flag global_init;
    std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    CURL* curl = curl_easy_init();
    if (curl == nullptr) {
        return core::fail(core::Error{core::ErrorKind::io, "etcd at " + endpoint + ": cannot start libcurl", {}});
    }
    return std::unique_ptr<EtcdClient>(new EtcdClient(endpoint, options, curl));
}

EtcdClient::EtcdClient(std::string endpoint, EtcdClientOptions options, void* curl)
    : m_endpoint(std::move(endpoint)), m_options(options), m_curl(curl)
{
}

EtcdClient::~EtcdClient()
{
    curl_easy_cleanup(static_cast<CURL*>(m_curl));
}

core::Error EtcdClient::error(const std::string& what) const
{
    return core::Error{core::ErrorKind::io, "etcd at " + m_endpoint + ": " + what, {}};
}

core::Result<core::Value> EtcdClient::call(const std::string& path, const core::Value& body)
{
    const std::string url = "http://" + m_endpoint + path;
    const std::string request = body.dump(-1, ' ', false, core::Value::error_handler_t::replace);
    std::string reply;
    char detail[CURL_ERROR_SIZE] = {};
    long status = 0;
    long os_errno = 0;
    CURLcode code = CURLE_OK;
    {
        std::lock_guard guard(m_mutex);
        CURL* curl = static_cast<CURL*>(m_curl);
        curl_easy_reset(curl);
        curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.size()));
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); // threads: no SIGALRM for DNS timeouts
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connect_timeout.count()));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.request_timeout.count()));
        curl_easy_setopt(curl, CURLOPT_PROXY, ""); // never through an http_proxy from the environment
        code = curl_easy_perform(curl);
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
        curl_slist_free_all(headers);
    }
    if (code != CURLE_OK) {
        return core::fail(error(transport_problem(code, detail[0] != '\0' ? detail : nullptr, os_errno)));
    }
    if (status != 200) {
        return core::fail(error(path + ": " + server_problem(status, reply)));
    }
    core::Value parsed = core::Value::parse(reply, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        return core::fail(error(path + ": the reply is not a JSON object (is this etcd's client port?)"));
    }
    return parsed;
}

namespace {

/// The client's error for a malformed reply to `path`.
template <typename T> core::Result<T> checked(const EtcdClient& client, const std::string& path, core::Result<T> value)
{
    if (!value) {
        return core::fail(client.error(path + ": malformed reply: " + value.error().message));
    }
    return value;
}

} // namespace

core::Result<void> EtcdClient::put(const EtcdPut& put)
{
    SCSCTL_TRY(call("/v3/kv/put", etcd_json::put_request(put)));
    return {};
}

core::Result<std::vector<EtcdKeyValue>> EtcdClient::range(const EtcdRange& range)
{
    const auto reply = SCSCTL_TRY(call("/v3/kv/range", etcd_json::range_request(range)));
    return checked(*this, "/v3/kv/range", etcd_json::key_values(reply));
}

core::Result<std::optional<EtcdKeyValue>> EtcdClient::get(const std::string& key)
{
    auto found = SCSCTL_TRY(range(EtcdRange{key, {}, 1, false}));
    if (found.empty()) {
        return std::optional<EtcdKeyValue>();
    }
    return std::optional<EtcdKeyValue>(std::move(found.front()));
}

core::Result<std::int64_t> EtcdClient::delete_range(const EtcdDelete& del)
{
    const auto reply = SCSCTL_TRY(call("/v3/kv/deleterange", etcd_json::delete_request(del)));
    return checked(*this, "/v3/kv/deleterange", etcd_json::int_field(reply, "deleted"));
}

core::Result<EtcdTxnResult> EtcdClient::txn(const std::vector<EtcdCompare>& compares,
                                            const std::vector<EtcdOperation>& success,
                                            const std::vector<EtcdOperation>& failure)
{
    const std::string path = "/v3/kv/txn";
    core::Value body{
        {"compare", core::Value::array()}, {"success", core::Value::array()}, {"failure", core::Value::array()}};
    for (const auto& item : compares) {
        body["compare"].push_back(etcd_json::compare(item));
    }
    for (const auto& item : success) {
        body["success"].push_back(etcd_json::operation(item));
    }
    for (const auto& item : failure) {
        body["failure"].push_back(etcd_json::operation(item));
    }
    const auto reply = SCSCTL_TRY(call(path, body));
    EtcdTxnResult out;
    const auto succeeded = reply.find("succeeded");
    if (succeeded != reply.end() && !succeeded->is_boolean()) {
        return core::fail(error(path + ": malformed reply: field 'succeeded' is not a boolean"));
    }
    out.succeeded = succeeded != reply.end() && succeeded->get<bool>();
    const auto responses = reply.find("responses");
    if (responses == reply.end() || responses->is_null()) {
        return out;
    }
    if (!responses->is_array()) {
        return core::fail(error(path + ": malformed reply: field 'responses' is not an array"));
    }
    for (const auto& response : *responses) {
        if (!response.is_object()) {
            return core::fail(error(path + ": malformed reply: a response is not an object"));
        }
        if (const auto ranged = response.find("response_range"); ranged != response.end()) {
            out.ranges.push_back(SCSCTL_TRY(checked(*this, path, etcd_json::key_values(*ranged))));
        }
    }
    return out;
}

core::Result<std::int64_t> EtcdClient::lease_grant(std::int64_t ttl_seconds)
{
    const std::string path = "/v3/lease/grant";
    const auto reply = SCSCTL_TRY(call(path, core::Value{{"TTL", std::to_string(ttl_seconds)}}));
    if (reply.contains("error") && reply["error"].is_string() && !reply["error"].get<std::string>().empty()) {
        return core::fail(error(path + ": " + reply["error"].get<std::string>()));
    }
    const auto id = SCSCTL_TRY(checked(*this, path, etcd_json::int_field(reply, "ID")));
    if (id == 0) {
        return core::fail(error(path + ": malformed reply: no lease ID"));
    }
    return id;
}

core::Result<std::int64_t> EtcdClient::lease_keepalive(std::int64_t lease)
{
    // A stream in gRPC; through the gateway one request line gets one {"result": …} line.
    const std::string path = "/v3/lease/keepalive";
    const auto reply = SCSCTL_TRY(call(path, core::Value{{"ID", std::to_string(lease)}}));
    const auto result = reply.find("result");
    if (result == reply.end() || !result->is_object()) {
        return core::fail(error(path + ": malformed reply: no 'result' object"));
    }
    return checked(*this, path, etcd_json::int_field(*result, "TTL"));
}

core::Result<void> EtcdClient::lease_revoke(std::int64_t lease)
{
    auto revoked = call("/v3/lease/revoke", core::Value{{"ID", std::to_string(lease)}});
    if (!revoked && revoked.error().message.find("lease not found") != std::string::npos) {
        return {}; // expired or revoked already: the wanted end state
    }
    if (!revoked) {
        return core::fail(revoked.error());
    }
    return {};
}

std::string prefix_end(const std::string& prefix)
{
    std::string end = prefix;
    while (!end.empty()) {
        auto& last = reinterpret_cast<unsigned char&>(end.back());
        if (last < 0xff) {
            ++last;
            return end;
        }
        end.pop_back();
    }
    return std::string(1, '\0'); // every key
}

} // namespace scsctl::state
