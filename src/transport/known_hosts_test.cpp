// Tests of KnownHosts against the real OpenSSH tools: keys from ssh-keygen, hashed files
// from ssh-keygen -H, lookups compared with ssh-keygen -F, fingerprints with ssh-keygen -lf.
// Needs ssh-keygen on PATH (openssh-client).
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "temp_dir.hpp"
#include "transport/known_hosts.hpp"

using namespace scsctl::transport;
using scsctl::testing::TempDir;

namespace {

struct Command {
    int status = -1;
    std::string output;
};

Command run(const std::string& command)
{
    Command result;
    FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        result.output.append(buffer, n);
    }
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string read_text(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// A fresh key pair from ssh-keygen; returns "type base64" of its public half.
std::string generate(const TempDir& dir, const std::string& name, const std::string& type)
{
    const auto path = (dir.path() / name).string();
    const auto bits = type == "rsa" ? std::string(" -b 2048") : std::string();
    REQUIRE(run("ssh-keygen -q -t " + type + bits + " -N '' -C test -f " + path).status == 0);
    auto line = read_text(path + ".pub");
    std::istringstream fields(line);
    std::string key_type, base64;
    fields >> key_type >> base64;
    REQUIRE(!base64.empty());
    return key_type + " " + base64;
}

HostKey key_of(const std::string& type_and_base64)
{
    const auto parsed = KnownHosts::from_text("h " + type_and_base64 + "\n", "inline");
    REQUIRE(parsed.entries().size() == 1);
    return parsed.entries()[0].key;
}

/// Line numbers ssh-keygen -F reports for `name` in `file`.
std::set<int> keygen_lines(const std::string& file, const std::string& name)
{
    std::set<int> lines;
    const auto result = run("ssh-keygen -F '" + name + "' -f " + file);
    std::istringstream in(result.output);
    std::string line;
    while (std::getline(in, line)) {
        const auto at = line.find(" found: line ");
        if (line.starts_with("# Host ") && at != std::string::npos) {
            lines.insert(std::stoi(line.substr(at + 13)));
        }
    }
    return lines;
}

std::set<int> our_lines(const KnownHosts& hosts, const std::string& host, int port)
{
    std::set<int> lines;
    for (const auto& entry : hosts.entries_for(host, port)) {
        lines.insert(entry.line);
    }
    return lines;
}

struct Query {
    std::string host;
    int port;
};

} // namespace

TEST_CASE("known_hosts_name writes port 22 bare and lowercases", "[known_hosts]")
{
    CHECK(known_hosts_name("web1", 22) == "web1");
    CHECK(known_hosts_name("Web1.Example.COM", 22) == "web1.example.com");
    CHECK(known_hosts_name("10.0.0.5", 2222) == "[10.0.0.5]:2222");
    CHECK(known_hosts_name("::1", 22) == "::1");
    CHECK(known_hosts_name("fe80::1", 2200) == "[fe80::1]:2200");
}

TEST_CASE("fingerprint agrees with ssh-keygen -lf", "[known_hosts]")
{
    TempDir dir;
    for (const std::string type : {"ed25519", "ecdsa", "rsa"}) {
        const auto key = key_of(generate(dir, "id_" + type, type));
        const auto listed = run("ssh-keygen -lf " + (dir.path() / ("id_" + type + ".pub")).string());
        REQUIRE(listed.status == 0);
        std::istringstream fields(listed.output);
        std::string bits, expected;
        fields >> bits >> expected;
        INFO(type);
        CHECK(fingerprint(key) == expected);
        CHECK(fingerprint(key).find('=') == std::string::npos);
    }
}

TEST_CASE("plain patterns match as ssh-keygen -F does", "[known_hosts]")
{
    TempDir dir;
    const auto key = generate(dir, "a", "ed25519");
    const auto file = dir.write("known_hosts",
                                "# comment\n"
                                "\n"
                                "   *.example.com,!bad.example.com " + key + " comment here\n"
                                "[*.internal]:2222 " + key + "\n"
                                "db?.lan,10.0.0.* " + key + "\n"
                                "Mixed.Case.Org\t" + key + "\n"
                                "@cert-authority *.ca.org " + key + "\n"
                                "@revoked revoked.example.net " + key + "\n"
                                "[plain.host]:2200,plain.host " + key + "\n");
    const auto hosts = KnownHosts::load({file});
    CHECK(hosts.entries().size() == 7);
    const std::vector<Query> queries = {
        {"web.example.com", 22}, {"bad.example.com", 22}, {"example.com", 22},     {"a.b.example.com", 22},
        {"x.internal", 2222},    {"x.internal", 22},      {"x.internal", 2223},    {"db1.lan", 22},
        {"db12.lan", 22},        {"10.0.0.17", 22},       {"10.0.1.17", 22},       {"mixed.case.org", 22},
        {"a.ca.org", 22},        {"revoked.example.net", 22}, {"plain.host", 2200}, {"plain.host", 22},
        {"plain.host", 2201},    {"web.example.com", 2222},
    };
    int matched = 0;
    for (const auto& query : queries) {
        const auto name = known_hosts_name(query.host, query.port);
        INFO(name);
        const auto expected = keygen_lines(file, name);
        CHECK(our_lines(hosts, query.host, query.port) == expected);
        matched += expected.empty() ? 0 : 1;
    }
    CHECK(matched >= 10); // the comparison is not vacuous
    CHECK(our_lines(hosts, "bad.example.com", 22).empty());
    CHECK(our_lines(hosts, "MIXED.case.ORG", 22) == std::set<int>{6});
}

TEST_CASE("hashed entries written by ssh-keygen -H match as ssh-keygen -F does", "[known_hosts]")
{
    TempDir dir;
    const auto key = generate(dir, "a", "ed25519");
    const auto other = generate(dir, "b", "ecdsa");
    const auto file = dir.write("known_hosts", "host1.example.com,10.1.2.3 " + key + "\n" +
                                                   "[host2.example.com]:2222 " + other + "\n" +
                                                   "::1 " + key + "\n" + "[fe80::5]:2200 " + other + "\n");
    REQUIRE(run("ssh-keygen -q -H -f " + file).status == 0);
    const auto text = read_text(file);
    REQUIRE(text.find("host1") == std::string::npos);
    const auto hosts = KnownHosts::load({file});
    REQUIRE(hosts.entries().size() == 5);
    for (const auto& entry : hosts.entries()) {
        CHECK(entry.hashed);
        CHECK(entry.salt.size() == 20);
    }
    const std::vector<Query> queries = {{"host1.example.com", 22}, {"10.1.2.3", 22},   {"host2.example.com", 2222},
                                        {"host2.example.com", 22}, {"::1", 22},        {"fe80::5", 2200},
                                        {"host1.example.co", 22},  {"10.1.2.3", 2222}, {"HOST1.example.com", 22}};
    for (const auto& query : queries) {
        const auto name = known_hosts_name(query.host, query.port);
        INFO(name);
        CHECK(our_lines(hosts, query.host, query.port) == keygen_lines(file, name));
    }
    CHECK(hosts.check("host2.example.com", 2222, key_of(other)).result == KeyMatch::match);
    CHECK(hosts.check("host2.example.com", 22, key_of(other)).result == KeyMatch::unknown);
}

TEST_CASE("check follows OpenSSH for match, change, other types, revoked, CA", "[known_hosts]")
{
    TempDir dir;
    const auto a = generate(dir, "a", "ed25519");
    const auto b = generate(dir, "b", "ed25519");
    const auto ec = generate(dir, "c", "ecdsa");
    const auto file = dir.write("kh", "web1 " + a + "\n" +             // 1
                                          "web2 " + b + "\n" +             // 2
                                          "web3 " + ec + "\n" +            // 3
                                          "@revoked web4 " + a + "\n" +    // 4
                                          "web4 " + a + "\n" +             // 5
                                          "@cert-authority web5 " + a + "\n" + // 6
                                          "web6 " + b + "\n" + "web6 " + a + "\n"); // 7, 8
    const auto hosts = KnownHosts::load({file});

    const auto match = hosts.check("web1", 22, key_of(a));
    CHECK(match.result == KeyMatch::match);
    CHECK(match.recorded == std::vector<HostKey>{key_of(a)});

    const auto changed = hosts.check("web2", 22, key_of(a));
    CHECK(changed.result == KeyMatch::mismatch);
    CHECK_FALSE(changed.revoked);
    CHECK(changed.where == file + ":2");
    CHECK(changed.recorded == std::vector<HostKey>{key_of(b)});

    const auto other_type = hosts.check("web3", 22, key_of(a));
    CHECK(other_type.result == KeyMatch::unknown);
    CHECK(other_type.recorded == std::vector<HostKey>{key_of(ec)});

    const auto revoked = hosts.check("web4", 22, key_of(a));
    CHECK(revoked.result == KeyMatch::mismatch);
    CHECK(revoked.revoked);
    CHECK(revoked.where == file + ":4");

    CHECK(hosts.check("web5", 22, key_of(a)).result == KeyMatch::unknown); // CA keys are not host keys
    CHECK(hosts.check("web6", 22, key_of(a)).result == KeyMatch::match);  // several keys in one file
    CHECK(hosts.check("nowhere", 22, key_of(a)).result == KeyMatch::unknown);
    CHECK(hosts.check("web1", 2222, key_of(a)).result == KeyMatch::unknown);
    CHECK(hosts.check("WEB1", 22, key_of(a)).result == KeyMatch::match);
}

TEST_CASE("a conflicting entry in another file wins over a match", "[known_hosts]")
{
    TempDir dir;
    const auto a = generate(dir, "a", "ed25519");
    const auto b = generate(dir, "b", "ed25519");
    const auto ec = generate(dir, "c", "ecdsa");
    const auto first = dir.write("one", "# header\nweb1 " + a + "\n");
    const auto second = dir.write("two", "web1 " + ec + "\nweb1 " + b + "\n");
    const auto both = KnownHosts::load({first, second, (dir.path() / "missing").string()});
    const auto result = both.check("web1", 22, key_of(a));
    CHECK(result.result == KeyMatch::mismatch);
    CHECK(result.where == second + ":2");
    CHECK(result.recorded.size() == 3);
    // Other types in the second file do not conflict.
    const auto only_type = dir.write("three", "web1 " + ec + "\n");
    CHECK(KnownHosts::load({first, only_type}).check("web1", 22, key_of(a)).result == KeyMatch::match);
    CHECK(KnownHosts::load({first, only_type}).known_types("web1", 22) ==
          std::vector<std::string>{"ssh-ed25519", "ecdsa-sha2-nistp256"});
}

TEST_CASE("malformed lines are skipped, the rest still parses", "[known_hosts]")
{
    TempDir dir;
    const auto a = generate(dir, "a", "ed25519");
    const auto ec = generate(dir, "c", "ecdsa");
    const auto ec_blob = ec.substr(ec.find(' ') + 1);
    const auto file = dir.write("kh", "web1\n"                                    // too few fields
                                      "web1 ssh-ed25519\n"                        // no key
                                      "web1 ssh-ed25519 not*base64\n"             // bad base64
                                      "web1 ssh-ed25519 " + ec_blob + "\n" +      // type differs from blob
                                      "@bogus web1 " + a + "\n" +                 // unknown marker
                                      "|1|c2FsdA==|aGFzaA== " + a + "\n" +        // hash of wrong length
                                      "|2|x|y " + a + "\n" +                      // unknown hash scheme
                                      "web1 " + a + "\r\n" +                      // CRLF is fine
                                      std::string("\x00\xff garbage", 10) + "\n" +
                                      "web1 " + ec);                              // no final newline
    const auto hosts = KnownHosts::load({file});
    REQUIRE(hosts.entries().size() == 2);
    CHECK(hosts.entries()[0].line == 8);
    CHECK(hosts.entries()[1].line == 10);
    CHECK(hosts.known_types("web1", 22) == std::vector<std::string>{"ssh-ed25519", "ecdsa-sha2-nistp256"});
    CHECK(KnownHosts::load({(dir.path() / "absent").string()}).entries().empty());
}

TEST_CASE("pin creates the file, is idempotent and readable by ssh-keygen", "[known_hosts]")
{
    TempDir dir;
    const auto a = key_of(generate(dir, "a", "ed25519"));
    const auto file = (dir.path() / "new" / "sub" / "known_hosts").string();
    auto pinned = KnownHosts::pin(file, "Web1.Example.com", 2222, a);
    REQUIRE(pinned);
    CHECK(*pinned);
    struct stat info{};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    REQUIRE(::stat((dir.path() / "new").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0700);
    CHECK(keygen_lines(file, "[web1.example.com]:2222") == std::set<int>{1});
    CHECK(KnownHosts::load({file}).check("web1.example.com", 2222, a).result == KeyMatch::match);

    const auto before = read_text(file);
    auto again = KnownHosts::pin(file, "web1.example.com", 2222, a);
    REQUIRE(again);
    CHECK_FALSE(*again);
    CHECK(read_text(file) == before);
    CHECK(*KnownHosts::pin(file, "web1.example.com", 22, a));
    CHECK(keygen_lines(file, "web1.example.com") == std::set<int>{2});
}

TEST_CASE("pin keeps existing lines and refuses revoked keys and bad names", "[known_hosts]")
{
    TempDir dir;
    const auto a_text = generate(dir, "a", "ed25519");
    const auto a = key_of(a_text);
    const auto b = key_of(generate(dir, "b", "ed25519"));
    const auto file = dir.write("kh", "# keep me\nold " + a_text); // no trailing newline
    ::chmod(file.c_str(), 0644);
    REQUIRE(*KnownHosts::pin(file, "new", 22, b));
    const auto text = read_text(file);
    CHECK(text.starts_with("# keep me\nold " + a_text + "\nnew ssh-ed25519 "));
    struct stat info{};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0644); // an existing file keeps its mode

    dir.write("revoked", "@revoked * " + a_text + "\n");
    const auto refused = KnownHosts::pin((dir.path() / "revoked").string(), "web", 22, a);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("@revoked") != std::string::npos);
    CHECK_FALSE(KnownHosts::pin(file, "a,b", 22, a));
    CHECK_FALSE(KnownHosts::pin(file, "a b", 22, a));
    CHECK_FALSE(KnownHosts::pin(file, "*.lan", 22, a));
    CHECK_FALSE(KnownHosts::pin(file, "web", 22, HostKey{"ssh-ed25519", "not a key blob"}));
    CHECK(read_text(file) == text);
}

TEST_CASE("concurrent pinners from threads and processes never lose a line", "[known_hosts]")
{
    TempDir dir;
    const auto key = key_of(generate(dir, "a", "ed25519"));
    const auto file = (dir.path() / "ssh" / "known_hosts").string();
    constexpr int k_threads = 8, k_processes = 4, k_rounds = 10;
    std::vector<pid_t> children;
    for (int p = 0; p < k_processes; ++p) {
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            bool ok = true;
            for (int r = 0; r < k_rounds; ++r) {
                const auto done = KnownHosts::pin(file, "proc" + std::to_string(p) + "-" + std::to_string(r), 22, key);
                ok = ok && done && *done;
            }
            ::_exit(ok ? 0 : 1);
        }
        children.push_back(child);
    }
    std::vector<std::thread> threads;
    std::vector<int> failures(k_threads, 0);
    for (int t = 0; t < k_threads; ++t) {
        threads.emplace_back([&, t] {
            for (int r = 0; r < k_rounds; ++r) {
                const auto done = KnownHosts::pin(file, "thread" + std::to_string(t) + "-" + std::to_string(r), 22, key);
                failures[static_cast<std::size_t>(t)] += (done && *done) ? 0 : 1;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const pid_t child : children) {
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    }
    CHECK(std::all_of(failures.begin(), failures.end(), [](int f) { return f == 0; }));
    const auto hosts = KnownHosts::load({file});
    CHECK(hosts.entries().size() == (k_threads + k_processes) * k_rounds);
    for (int t = 0; t < k_threads; ++t) {
        CHECK(hosts.check("thread" + std::to_string(t) + "-9", 22, key).result == KeyMatch::match);
    }
    for (int p = 0; p < k_processes; ++p) {
        CHECK(hosts.check("proc" + std::to_string(p) + "-0", 22, key).result == KeyMatch::match);
    }
    int leftovers = 0;
    for (const auto& item : std::filesystem::directory_iterator(dir.path() / "ssh")) {
        leftovers += item.path().filename().string().starts_with("known_hosts.") &&
                     item.path().filename() != "known_hosts.lock";
    }
    CHECK(leftovers == 0);
}
