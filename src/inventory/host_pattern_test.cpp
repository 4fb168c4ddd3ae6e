// Tests for host patterns and --limit. Every expected host list was produced by
// ansible-core 2.14 (`ansible -i inv.ini PATTERN [--limit L] --list-hosts`) on the
// inventory that make_inventory() rebuilds.
#include <catch2/catch.hpp>

#include <chrono>

#include "core/diagnostics.hpp"
#include "inventory/builder.hpp"
#include "inventory/host_pattern.hpp"
#include "inventory/pattern_glob.hpp"
#include "inventory/pattern_split.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using inventory::match_hosts;
using Names = std::vector<std::string>;

namespace {

// inv.ini:
//   [web]  web1 web2 web3 db1     [db] db1 db2      [web:children] edge
//   [edge] edge1 web2             [solo] lonely     [both] x1       [app] both a1
model::Inventory make_inventory()
{
    model::Inventory inv;
    core::Diagnostics diagnostics;
    inventory::InventoryBuilder builder(inv, diagnostics);
    const core::Location at{"inv.ini", 1, 1};
    auto group = [&](const std::string& name, std::initializer_list<const char*> hosts) {
        const auto id = builder.add_group(name, at);
        for (const char* host : hosts) {
            builder.add_host(host, id, at);
        }
        return id;
    };
    const auto web = group("web", {"web1", "web2", "web3", "db1"});
    group("db", {"db1", "db2"});
    const auto edge = group("edge", {});
    builder.add_child_group(web, edge, at);
    group("edge", {"edge1", "web2"});
    group("solo", {"lonely"});
    group("both", {"x1"});
    group("app", {"both", "a1"});
    builder.reconcile();
    return inv;
}

Names names(const model::Inventory& inv, const core::Result<std::vector<model::HostId>>& hosts)
{
    Names out;
    if (!hosts) {
        out.push_back("error: " + hosts.error().message);
        return out;
    }
    for (auto id : *hosts) {
        out.push_back(inv.host(id).name);
    }
    return out;
}

Names hosts(const model::Inventory& inv, std::string_view pattern, std::string_view limit = "")
{
    return names(inv, match_hosts(inv, pattern, limit));
}

const Names k_all = {"web1", "web2", "web3", "db1", "db2", "lonely", "x1", "both", "a1", "edge1"};

} // namespace

TEST_CASE("all, '*' and an empty pattern list every host in the order of group all", "[pattern]")
{
    const auto inv = make_inventory();
    CHECK(hosts(inv, "all") == k_all);
    CHECK(hosts(inv, "*") == k_all);
    CHECK(hosts(inv, "") == k_all);
    CHECK(hosts(inv, ",") == k_all);
    CHECK(hosts(inv, "al*") == k_all);
    CHECK(hosts(inv, "all[0]") == Names{"web1"});
}

TEST_CASE("unions keep first-seen order and drop duplicates", "[pattern]")
{
    const auto inv = make_inventory();
    CHECK(hosts(inv, "web") == Names{"web1", "web2", "web3", "db1", "edge1"});
    CHECK(hosts(inv, "web:db") == Names{"web1", "web2", "web3", "db1", "edge1", "db2"});
    CHECK(hosts(inv, "db,web") == Names{"db1", "db2", "web1", "web2", "web3", "edge1"});
    CHECK(hosts(inv, "edge:web") == Names{"edge1", "web2", "web1", "web3", "db1"});
    CHECK(hosts(inv, "db web") == Names{"db1", "db2", "web1", "web2", "web3", "edge1"});
    CHECK(hosts(inv, "ungrouped").empty());
    CHECK(hosts(inv, "nosuch").empty());
}

TEST_CASE("intersections and exclusions apply after unions wherever they appear", "[pattern]")
{
    const auto inv = make_inventory();
    CHECK(hosts(inv, "web:&db") == Names{"db1"});
    CHECK(hosts(inv, "!db:web") == Names{"web1", "web2", "web3", "edge1"});
    CHECK(hosts(inv, "web:!edge") == Names{"web1", "web3", "db1"});
    CHECK(hosts(inv, "web:!db:&edge") == Names{"web2", "edge1"});
    CHECK(hosts(inv, "!db:&web") == Names{"web1", "web2", "web3", "edge1"});
    CHECK(hosts(inv, "&db") == Names{"db1", "db2"});
    CHECK(hosts(inv, "!db") == Names{"web1", "web2", "web3", "lonely", "x1", "both", "a1", "edge1"});
}

TEST_CASE("a name that is both a host and a group means the host, except after & or !", "[pattern]")
{
    const auto inv = make_inventory();
    CHECK(hosts(inv, "both") == Names{"both"});
    CHECK(hosts(inv, "&both") == Names{"x1"});
    CHECK(hosts(inv, "app:&both").empty());
    CHECK(hosts(inv, "app:!both") == Names{"both", "a1"});
}

TEST_CASE("globs match group names and host names with fnmatch rules", "[pattern]")
{
    const auto inv = make_inventory();
    CHECK(hosts(inv, "w*") == Names{"web1", "web2", "web3", "db1", "edge1"});
    CHECK(hosts(inv, "we?1") == Names{"web1"});
    CHECK(hosts(inv, "e*") == Names{"edge1", "web2"});
    CHECK(hosts(inv, "*1") == Names{"web1", "db1", "edge1", "x1", "a1"});
    CHECK(hosts(inv, "so*:e*") == Names{"lonely", "edge1", "web2"});
    CHECK(hosts(inv, "[ew]*") == Names{"web1", "web2", "web3", "db1", "edge1"});
    CHECK(hosts(inv, "[!w]*") == k_all);
    CHECK(hosts(inv, "W*").empty());
}

TEST_CASE("~regex matches at the start of names and bad regexes are usage errors", "[pattern]")
{
    const auto inv = make_inventory();
    CHECK(hosts(inv, "~web") == Names{"web1", "web2", "web3", "db1", "edge1"});
    CHECK(hosts(inv, "~eb").empty());
    CHECK(hosts(inv, "~un").empty());
    CHECK(hosts(inv, "~.*1") == Names{"web1", "db1", "edge1", "x1", "a1"});
    CHECK(hosts(inv, "~[") == k_all); // splits to '~': the empty regex matches everything
    CHECK(hosts(inv, "all", "~web[12]") == Names{"web1", "web2"});
    CHECK(hosts(inv, "~web[12]\\Z") == Names{"web1", "web2"});
    auto bad = match_hosts(inv, "~(a");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().kind == core::ErrorKind::usage);
    CHECK_THAT(bad.error().message, Catch::Contains("'~(a'"));
}

TEST_CASE("a catastrophic regex stops at the match limit instead of hanging", "[pattern]")
{
    model::Inventory inv;
    core::Diagnostics diagnostics;
    inventory::InventoryBuilder builder(inv, diagnostics);
    builder.add_host(std::string(40, 'a') + "!", std::nullopt, {});
    builder.reconcile();
    const auto start = std::chrono::steady_clock::now();
    auto result = match_hosts(inv, "~(a|aa)+$");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == core::ErrorKind::usage);
}

TEST_CASE("subscripts index the matched list with Ansible's inclusive slices", "[pattern]")
{
    const auto inv = make_inventory();
    CHECK(hosts(inv, "web[0]") == Names{"web1"});
    CHECK(hosts(inv, "web[-1]") == Names{"edge1"});
    CHECK(hosts(inv, "web[1:3]") == Names{"web2", "web3", "db1"});
    CHECK(hosts(inv, "web[1:]") == Names{"web2", "web3", "db1", "edge1"});
    CHECK(hosts(inv, "web[1-2]") == Names{"web2", "web3"});
    CHECK(hosts(inv, "web[2:0]") == Names{"web3"});
    CHECK(hosts(inv, "web[01]") == Names{"web2"});
    CHECK(hosts(inv, "w?b[1]") == Names{"web2"});
    CHECK(hosts(inv, "web*[1:2]") == Names{"web2", "web3"});
    CHECK(hosts(inv, "web[1:2]:db[0]") == Names{"web2", "web3", "db1"});
    CHECK(hosts(inv, "web[9:]").empty());
    CHECK(hosts(inv, "nosuch[5]").empty());
    for (const char* bad : {"web[9]", "web[-9]", "db[2]"}) {
        auto result = match_hosts(inv, bad);
        REQUIRE_FALSE(result);
        CHECK(result.error().message == std::string("no hosts matched the subscripted pattern '") + bad + "'");
    }
}

TEST_CASE("a subscript counts duplicates from overlapping groups as Ansible does", "[pattern]")
{
    // 'e*' matches group edge (edge1, web2) and then host edge1 again: [2] is edge1.
    const auto inv = make_inventory();
    CHECK(hosts(inv, "e*[2]") == Names{"edge1"});
    CHECK(hosts(inv, "e*[1:]") == Names{"web2", "edge1"});
}

TEST_CASE("--limit restricts with the same grammar, and @file reads one pattern per line", "[pattern]")
{
    const auto inv = make_inventory();
    scsctl::testing::TempDir dir;
    CHECK(hosts(inv, "all", "web") == Names{"web1", "web2", "web3", "db1", "edge1"});
    CHECK(hosts(inv, "web", "!edge1") == Names{"web1", "web2", "web3", "db1"});
    CHECK(hosts(inv, "web", "db,lonely") == Names{"db1"});
    CHECK(hosts(inv, "all", "&db") == Names{"db1", "db2"});
    CHECK(hosts(inv, "all", ",") == k_all);
    CHECK(hosts(inv, "all", "nomatch").empty());
    CHECK(hosts(inv, "all", "@" + dir.write("lim.txt", "db\r\n\n  !db2  \nlonely\n")) == Names{"db1", "lonely"});
    CHECK(hosts(inv, "all", "@" + dir.write("comma.txt", "a,b\n")).empty());
    CHECK(hosts(inv, "all", "@" + dir.write("empty.txt", "")) == k_all);
    auto missing = match_hosts(inv, "all", "@" + (dir.path() / "missing.txt").string());
    REQUIRE_FALSE(missing);
    CHECK_THAT(missing.error().message, Catch::StartsWith("unable to find limit file"));
    auto directory = match_hosts(inv, "all", "@" + dir.path().string());
    REQUIRE_FALSE(directory);
    CHECK_THAT(directory.error().message, Catch::Contains("must be a file, not a directory"));
}

TEST_CASE("the implicit localhost is refused where it would be selected, ignored elsewhere", "[pattern]")
{
    auto inv = make_inventory();
    auto result = match_hosts(inv, "localhost");
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == core::ErrorKind::usage);
    CHECK_THAT(result.error().message, Catch::Contains("implicit localhost"));
    CHECK_FALSE(match_hosts(inv, "web:127.0.0.1"));
    CHECK(hosts(inv, "all:!localhost") == k_all);
    CHECK(hosts(inv, "web", "localhost").empty());
    CHECK(hosts(inv, "web", "!localhost") == Names{"web1", "web2", "web3", "db1", "edge1"});

    core::Diagnostics diagnostics;
    inventory::InventoryBuilder builder(inv, diagnostics);
    builder.add_host("localhost", std::nullopt, {});
    builder.reconcile();
    CHECK(hosts(inv, "localhost") == Names{"localhost"});
}

TEST_CASE("malformed patterns are usage errors, never crashes", "[pattern]")
{
    const auto inv = make_inventory();
    for (const char* bad : {"web:&", "!", "~a)", "\xff"}) {
        auto result = match_hosts(inv, bad);
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == core::ErrorKind::usage);
    }
    CHECK_FALSE(match_hosts(inv, "all", "\xc3"));
}

TEST_CASE("split_host_pattern keeps addresses and ranges whole and splits on ':' otherwise", "[pattern]")
{
    using inventory::split_host_pattern;
    CHECK(split_host_pattern("a b") == Names{"a", "b"});
    CHECK(split_host_pattern("a:b") == Names{"a", "b"});
    CHECK(split_host_pattern("a:1:2") == Names{"a", "1", "2"});
    CHECK(split_host_pattern("web:22") == Names{"web:22"});
    CHECK(split_host_pattern("db::web") == Names{"db::web"});
    CHECK(split_host_pattern("ab::zz:q") == Names{"ab::zz:q"});
    CHECK(split_host_pattern("fe80::1") == Names{"fe80::1"});
    CHECK(split_host_pattern("[::1]:22") == Names{"[::1]:22"});
    CHECK(split_host_pattern("host[1:3]") == Names{"host[1:3]"});
    CHECK(split_host_pattern("10.0.0.[1:3]") == Names{"10.0.0.[1:3]"});
    CHECK(split_host_pattern("x.example.com:8080") == Names{"x.example.com:8080"});
    CHECK(split_host_pattern("web[0]:db[1]") == Names{"web[0]", "db[1]"});
    CHECK(split_host_pattern("web [0]") == Names{"web", "[0]"});
    CHECK(split_host_pattern(" a , ,b ") == Names{"a", "b"});
    CHECK(split_host_pattern("web:!db:&edge") == Names{"web", "!db", "&edge"});
}

TEST_CASE("glob classes follow fnmatch.translate, quirks included", "[pattern]")
{
    auto glob = [](const char* pattern) { return inventory::PatternGlob::compile(pattern).value(); };
    CHECK(glob("[b-a-c]").matches("-"));
    CHECK(glob("[b-a-c]").matches("c"));
    CHECK_FALSE(glob("[b-a-c]").matches("b"));
    CHECK(glob("[!]").matches("[!]"));
    CHECK_FALSE(glob("[z-a]").matches("a"));
    CHECK(glob("[]a]").matches("]"));
    CHECK_FALSE(glob("[]a]").matches("b"));
    CHECK(glob("[a-c-e]").matches("-"));
    CHECK_FALSE(glob("[a-c-e]").matches("d"));
    CHECK_FALSE(glob("[!a-c]").matches("b"));
    CHECK(glob("[---]").matches("-"));
    CHECK(glob("a*b?c").matches("aXXbYc"));
    CHECK_FALSE(glob("a*b?c").matches("abc"));
    CHECK_FALSE(glob("*.example.com").matches("example.com"));
    CHECK(glob("h?st").matches("h\xc3\xb6st"));
}

TEST_CASE("patterns over 10,000 hosts in 1,000 groups stay fast", "[pattern]")
{
    model::Inventory inv;
    core::Diagnostics diagnostics;
    inventory::InventoryBuilder builder(inv, diagnostics);
    std::vector<model::GroupId> groups;
    for (int g = 0; g < 1000; ++g) {
        groups.push_back(builder.add_group("g" + std::to_string(g), {}));
        if (g > 0) {
            builder.add_child_group(groups[static_cast<std::size_t>(g / 10)], groups.back(), {});
        }
    }
    for (int h = 0; h < 10000; ++h) {
        builder.add_host("h" + std::to_string(h), groups[static_cast<std::size_t>(h % 1000)], {});
    }
    builder.reconcile();
    const auto start = std::chrono::steady_clock::now();
    CHECK(match_hosts(inv, "*").value().size() == 10000);
    CHECK(match_hosts(inv, "g*:~h.*5:!g1:&g0").value().size() == 8890);
    CHECK(match_hosts(inv, "g9*").value().size() == 1110);
    CHECK(match_hosts(inv, "all", "g1*:!g10").value().size() == 1000);
    // The raw list behind a subscript holds every matched group's hosts, 38,890 here.
    // (Ansible's order inside deep subtrees varies per run, so only the ends are checked.)
    CHECK(names(inv, match_hosts(inv, "g*[0]")) == Names{"h0"});
    CHECK(names(inv, match_hosts(inv, "g*[-1]")) == Names{"h9999"});
    CHECK(match_hosts(inv, "g*[38889]").value().size() == 1);
    CHECK_FALSE(match_hosts(inv, "g*[38890]"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
}
