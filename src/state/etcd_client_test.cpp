// Tests of the etcd client against a real etcd (tests/support/etcd_fixture.hpp): KV and
// txn round trips with binary keys, leases, and the error paths (server down, a reply that
// is not etcd's, no answer in time), plus etcd:// URL parsing.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "etcd_fixture.hpp"
#include "state/etcd_client.hpp"
#include "state/etcd_url.hpp"

using namespace scsctl;
using namespace scsctl::state;

namespace {

std::unique_ptr<EtcdClient> client_of(const std::string& endpoint,
                                      EtcdClientOptions options = {std::chrono::milliseconds(1000),
                                                                   std::chrono::milliseconds(5000)})
{
    auto client = EtcdClient::create(endpoint, options);
    REQUIRE(client);
    return std::move(*client);
}

/// A one-connection HTTP server on loopback that answers `reply` verbatim (or nothing
/// when `reply` is empty) and closes after `linger`.
class CannedServer {
  public:
    explicit CannedServer(std::string reply, std::chrono::milliseconds linger = std::chrono::milliseconds(0))
        : m_reply(std::move(reply)), m_linger(linger)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof(address);
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
        REQUIRE(::listen(m_fd, 4) == 0);
        REQUIRE(::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~CannedServer()
    {
        ::shutdown(m_fd, SHUT_RDWR);
        m_thread.join();
        ::close(m_fd);
    }
    std::string endpoint() const { return "127.0.0.1:" + std::to_string(m_port); }

  private:
    void serve()
    {
        const int peer = ::accept(m_fd, nullptr, nullptr);
        if (peer < 0) {
            return;
        }
        char buffer[4096];
        (void)::recv(peer, buffer, sizeof(buffer), 0); // the request (small): enough to answer
        if (!m_reply.empty()) {
            (void)::send(peer, m_reply.data(), m_reply.size(), MSG_NOSIGNAL);
        }
        std::this_thread::sleep_for(m_linger);
        ::close(peer);
    }

    std::string m_reply;
    std::chrono::milliseconds m_linger;
    int m_fd = -1;
    int m_port = 0;
    std::thread m_thread;
};

std::string http_ok(const std::string& body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

} // namespace

TEST_CASE("etcd url: host, port, prefix; malformed ones are located config errors", "[etcd]")
{
    auto plain = parse_etcd_url("etcd://127.0.0.1:2379/ci/prod/");
    REQUIRE(plain);
    CHECK(plain->endpoint == "127.0.0.1:2379");
    CHECK(plain->prefix == "/ci/prod");
    auto default_port = parse_etcd_url("etcd://etcd.example/scs");
    REQUIRE(default_port);
    CHECK(default_port->endpoint == "etcd.example:2379");
    auto ipv6 = parse_etcd_url("etcd://[::1]:2400/x");
    REQUIRE(ipv6);
    CHECK(ipv6->endpoint == "[::1]:2400");
    CHECK(is_etcd_url("etcd://h/x"));
    CHECK_FALSE(is_etcd_url(".scsctl/state.db"));
    for (const char* bad : {"etcd://127.0.0.1:2379", "etcd://127.0.0.1:2379/", "etcd:///x", "etcd://h:0/x",
                            "etcd://h:70000/x", "etcd://h:port/x", "etcd://u:p@h/x", "etcd://h/x?y=1"}) {
        auto parsed = parse_etcd_url(bad);
        CHECK_FALSE(parsed);
        if (!parsed) {
            CHECK(parsed.error().kind == core::ErrorKind::config);
            CHECK(parsed.error().message.starts_with(std::string(bad) + ": "));
        }
    }
}

TEST_CASE("etcd client: put, get, range by prefix with limit and order, delete", "[etcd]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    auto client = client_of(server.endpoint());
    const std::string binary_value("a\0b\xff", 4);
    REQUIRE(client->put(EtcdPut{"/t/k2", binary_value, 0}));
    REQUIRE(client->put(EtcdPut{"/t/k1", "one", 0}));
    REQUIRE(client->put(EtcdPut{"/t/k3", "three", 0}));
    REQUIRE(client->put(EtcdPut{"/u/other", "x", 0}));

    auto got = client->get("/t/k2");
    REQUIRE(got);
    REQUIRE(got->has_value());
    CHECK((*got)->value == binary_value);
    CHECK((*got)->create_revision > 0);
    CHECK((*got)->mod_revision == (*got)->create_revision);
    CHECK((*got)->version == 1);
    auto missing = client->get("/t/none");
    REQUIRE(missing);
    CHECK_FALSE(missing->has_value());

    auto all = client->range(EtcdRange{"/t/", prefix_end("/t/"), 0, false});
    REQUIRE(all);
    REQUIRE(all->size() == 3);
    CHECK((*all)[0].key == "/t/k1");
    CHECK((*all)[2].key == "/t/k3");
    auto newest = client->range(EtcdRange{"/t/", prefix_end("/t/"), 2, true});
    REQUIRE(newest);
    REQUIRE(newest->size() == 2);
    CHECK((*newest)[0].key == "/t/k3");
    CHECK((*newest)[1].key == "/t/k2");

    auto deleted = client->delete_range(EtcdDelete{"/t/", prefix_end("/t/")});
    REQUIRE(deleted);
    CHECK(*deleted == 3);
    auto after = client->range(EtcdRange{"/t/", prefix_end("/t/"), 0, false});
    REQUIRE(after);
    CHECK(after->empty());
    CHECK(client->get("/u/other")->has_value());
    CHECK(prefix_end(std::string("a\xff", 2)) == "b");
}

TEST_CASE("etcd client: txn takes a key only when absent, and compares revisions and values", "[etcd]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    auto client = client_of(server.endpoint());
    const EtcdCompare absent{"/lock", EtcdCompare::Target::create_revision, 0, {}};
    auto first = client->txn({absent}, {EtcdPut{"/lock", "alice", 0}}, {EtcdRange{"/lock", {}, 0, false}});
    REQUIRE(first);
    CHECK(first->succeeded);
    auto second = client->txn({absent}, {EtcdPut{"/lock", "bob", 0}}, {EtcdRange{"/lock", {}, 0, false}});
    REQUIRE(second);
    CHECK_FALSE(second->succeeded);
    REQUIRE(second->ranges.size() == 1);
    REQUIRE(second->ranges[0].size() == 1);
    CHECK(second->ranges[0][0].value == "alice");

    const auto revision = second->ranges[0][0].mod_revision;
    auto stale =
        client->txn({{"/lock", EtcdCompare::Target::mod_revision, revision - 1, {}}}, {EtcdDelete{"/lock", {}}});
    REQUIRE(stale);
    CHECK_FALSE(stale->succeeded);
    auto by_value = client->txn({{"/lock", EtcdCompare::Target::value, 0, "alice"}}, {EtcdPut{"/lock", "carol", 0}});
    REQUIRE(by_value);
    CHECK(by_value->succeeded);
    auto current =
        client->txn({{"/lock", EtcdCompare::Target::mod_revision, revision + 1, {}}}, {EtcdDelete{"/lock", {}}});
    REQUIRE(current);
    CHECK(current->succeeded);
    CHECK_FALSE(client->get("/lock")->has_value());

    // etcd refuses more than 128 operations in one txn: an error, worded by etcd.
    std::vector<EtcdOperation> many;
    for (int i = 0; i < 130; ++i) {
        many.push_back(EtcdPut{"/many/" + std::to_string(i), "x", 0});
    }
    auto refused = client->txn({}, many);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("etcd at " + server.endpoint() +
                                       ": /v3/kv/txn: etcdserver: too many operations") == 0);
}

TEST_CASE("etcd client: leases: a key put with one goes when it is revoked", "[etcd]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    auto client = client_of(server.endpoint());
    auto lease = client->lease_grant(30);
    REQUIRE(lease);
    CHECK(*lease != 0);
    REQUIRE(client->put(EtcdPut{"/leased", "v", *lease}));
    auto got = client->get("/leased");
    REQUIRE(got);
    REQUIRE(got->has_value());
    CHECK((*got)->lease == *lease);
    auto left = client->lease_keepalive(*lease);
    REQUIRE(left);
    CHECK(*left == 30);
    REQUIRE(client->lease_revoke(*lease));
    CHECK_FALSE(client->get("/leased")->has_value());
    auto gone = client->lease_keepalive(*lease);
    REQUIRE(gone);
    CHECK(*gone == 0);
    CHECK(client->lease_revoke(*lease)); // already gone: fine
}

TEST_CASE("etcd client: a server that is down is a one-line error naming the endpoint", "[etcd]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    std::string endpoint;
    {
        testing::EtcdServer server;
        endpoint = server.endpoint();
        server.stop();
        auto client = client_of(endpoint);
        auto got = client->get("/x");
        REQUIRE_FALSE(got);
        CHECK(got.error().message == "etcd at " + endpoint + ": connection refused");
        CHECK(got.error().message.find('\n') == std::string::npos);
        auto lease = client->lease_grant(5);
        REQUIRE_FALSE(lease);
        CHECK(lease.error().message == "etcd at " + endpoint + ": connection refused");
    }
}

TEST_CASE("etcd client: replies that are not etcd's are errors, not crashes", "[etcd]")
{
    struct Case {
        std::string reply;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {http_ok("hello"), "/v3/kv/range: the reply is not a JSON object (is this etcd's client port?)"},
        {http_ok(R"({"kvs": 5})"), "/v3/kv/range: malformed reply: field 'kvs' is not an array"},
        {http_ok(R"({"kvs": [{"key": "!!"}]})"), "/v3/kv/range: malformed reply: field 'key' is not valid base64"},
        {http_ok(R"({"kvs": [{"key": "eA==", "mod_revision": "x1"}]})"),
         "/v3/kv/range: malformed reply: field 'mod_revision' is not an integer"},
        {http_ok(R"({"kvs": ["x"]})"), "/v3/kv/range: malformed reply: expected an object"},
        {"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found",
         "/v3/kv/range: not found (HTTP 404)"},
        {"", "the server closed the connection without a reply"},
    };
    for (const auto& item : cases) {
        CannedServer server(item.reply);
        auto client = client_of(server.endpoint());
        auto got = client->range(EtcdRange{"/x", {}, 0, false});
        REQUIRE_FALSE(got);
        INFO(got.error().message);
        CHECK(got.error().message == "etcd at " + server.endpoint() + ": " + item.expected);
    }
    CannedServer keepalive(http_ok(R"({"header": {}})"));
    auto client = client_of(keepalive.endpoint());
    auto left = client->lease_keepalive(7);
    REQUIRE_FALSE(left);
    CHECK(left.error().message ==
          "etcd at " + keepalive.endpoint() + ": /v3/lease/keepalive: malformed reply: no 'result' object");
}

TEST_CASE("etcd client: a server that never answers times out", "[etcd]")
{
    CannedServer silent("", std::chrono::milliseconds(1500));
    auto client = client_of(silent.endpoint(), {std::chrono::milliseconds(500), std::chrono::milliseconds(300)});
    const auto started = std::chrono::steady_clock::now();
    auto got = client->get("/x");
    REQUIRE_FALSE(got);
    CHECK(got.error().message.starts_with("etcd at " + silent.endpoint() + ": no answer in time"));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1400));
}
