// Tests of shlex_split and parse_ssh_args: every accepted option form, first-value-wins,
// the ProxyCommand shape kolla/OSISM inventories use, and the malformed inputs.
#include <catch2/catch.hpp>

#include "transport/ssh_args.hpp"
#include "transport/ssh_values.hpp"

using namespace scsctl::transport;
using Words = std::vector<std::string>;

namespace {

SshArgs parse(std::string_view text)
{
    auto result = parse_ssh_args(text, "/home/op");
    if (!result) {
        FAIL("unexpected error: " << result.error().message);
    }
    return *result;
}

std::string error_of(std::string_view text)
{
    auto result = parse_ssh_args(text, "/home/op");
    REQUIRE_FALSE(result);
    CHECK(result.error().kind == scsctl::core::ErrorKind::config);
    CHECK(result.error().message.find('\n') == std::string::npos);
    return result.error().message;
}

Hop hop(std::string address, int port, std::string user)
{
    Hop h;
    h.address = std::move(address);
    h.port = port;
    h.user = std::move(user);
    return h;
}

} // namespace

TEST_CASE("shlex_split follows Python's shlex.split", "[ssh_args]")
{
    CHECK(*shlex_split("") == Words{});
    CHECK(*shlex_split("  a   b\tc\n") == Words{"a", "b", "c"});
    CHECK(*shlex_split("-o 'A B' \"C D\"") == Words{"-o", "A B", "C D"});
    CHECK(*shlex_split("x='a b'\"c\"d") == Words{"x=a bcd"});
    CHECK(*shlex_split("'' \"\"") == Words{"", ""});
    CHECK(*shlex_split(R"(a\ b c\"d)") == Words{"a b", "c\"d"});
    CHECK(*shlex_split(R"("a\"b\\c\d")") == Words{"a\"b\\c\\d"});
    CHECK(*shlex_split(R"('a\b')") == Words{"a\\b"});
    CHECK(*shlex_split("#not-a-comment") == Words{"#not-a-comment"});
    CHECK_FALSE(shlex_split("'open"));
    CHECK_FALSE(shlex_split("a \"open"));
    CHECK_FALSE(shlex_split("trailing\\"));
}

TEST_CASE("-o accepts Key=Value, 'Key Value', -oKey=Value, case-insensitive keys", "[ssh_args]")
{
    CHECK(parse("-o Port=2222").port == 2222);
    CHECK(parse("-o 'Port 2222'").port == 2222);
    CHECK(parse("-o 'Port = 2222'").port == 2222);
    CHECK(parse("-oPort=2222").port == 2222);
    CHECK(parse("-o pORT=2222").port == 2222);
    CHECK(parse("-o User=deploy").user == "deploy");
    CHECK(parse("-o ConnectTimeout=30").connect_timeout == std::chrono::seconds(30));
    CHECK(parse("-o ConnectTimeout=1m30s").connect_timeout == std::chrono::seconds(90));
    CHECK(parse("-o ServerAliveInterval=15").keepalive_interval == std::chrono::seconds(15));
    const auto none = parse("");
    CHECK(none == SshArgs{});
}

TEST_CASE("StrictHostKeyChecking values", "[ssh_args]")
{
    CHECK(parse("-o StrictHostKeyChecking=yes").host_key_policy == HostKeyPolicy::strict);
    CHECK(parse("-o StrictHostKeyChecking=ask").host_key_policy == HostKeyPolicy::strict);
    CHECK(parse("-o StrictHostKeyChecking=accept-new").host_key_policy == HostKeyPolicy::accept_new);
    CHECK(parse("-o StrictHostKeyChecking=no").host_key_policy == HostKeyPolicy::off);
    CHECK(parse("-o stricthostkeychecking=OFF").host_key_policy == HostKeyPolicy::off);
    CHECK(error_of("-o StrictHostKeyChecking=maybe").find("StrictHostKeyChecking=maybe") != std::string::npos);
}

TEST_CASE("UserKnownHostsFile: several files, ~ and %d expansion, /dev/null", "[ssh_args]")
{
    CHECK(parse("-o UserKnownHostsFile=~/.ssh/kh").known_hosts_files == Words{"/home/op/.ssh/kh"});
    CHECK(parse("-o 'UserKnownHostsFile ~/a /etc/b %d/c'").known_hosts_files ==
          Words{"/home/op/a", "/etc/b", "/home/op/c"});
    CHECK(parse("-o 'UserKnownHostsFile=\"/x y/kh\" ~'").known_hosts_files == Words{"/x y/kh", "/home/op"});
    CHECK(parse("-o UserKnownHostsFile=/dev/null").known_hosts_files == Words{});
    CHECK(parse("-o 'UserKnownHostsFile=/dev/null /a'").known_hosts_files == Words{"/a"});
    CHECK(parse("-o UserKnownHostsFile=none").known_hosts_files == Words{});
    CHECK(parse("-o UserKnownHostsFile=~root/kh").known_hosts_files == Words{"/root/kh"});
    const auto per_host = parse("-o UserKnownHostsFile=~/.ssh/kh_%h");
    CHECK_FALSE(per_host.known_hosts_files);
    CHECK(per_host.unsupported == Words{"-o UserKnownHostsFile=~/.ssh/kh_%h"});
}

TEST_CASE("IdentityFile and -i accumulate in order", "[ssh_args]")
{
    const auto args = parse("-i ~/.ssh/id_a -o IdentityFile=/k/b -i/k/c -oidentityfile=%d/d");
    CHECK(args.identity_files == Words{"/home/op/.ssh/id_a", "/k/b", "/k/c", "/home/op/d"});
}

TEST_CASE("short flags -p -l -J, bundled as getopt reads them", "[ssh_args]")
{
    const auto args = parse("-p 2200 -l admin -J jump@bastion:2022");
    CHECK(args.port == 2200);
    CHECK(args.user == "admin");
    CHECK(args.jumps == std::vector<Hop>{hop("bastion", 2022, "jump")});
    const auto bundled = parse("-qCp2201 -Ai key");
    CHECK(bundled.port == 2201);
    CHECK(bundled.identity_files == Words{"key"});
    CHECK(bundled.unsupported == Words{"-q", "-C", "-A"});
}

TEST_CASE("the first value given wins, as in ssh", "[ssh_args]")
{
    const auto args = parse("-o Port=1 -p 2 -o User=a -l b -o StrictHostKeyChecking=no "
                            "-o StrictHostKeyChecking=yes -J one -o ProxyJump=two "
                            "-o UserKnownHostsFile=/a -o UserKnownHostsFile=/b");
    CHECK(args.port == 1);
    CHECK(args.user == "a");
    CHECK(args.host_key_policy == HostKeyPolicy::off);
    CHECK(args.jumps == std::vector<Hop>{hop("one", 22, "")});
    CHECK(args.known_hosts_files == Words{"/a"});
    CHECK(args.unsupported.empty());
}

TEST_CASE("ProxyJump chains, IPv6, ssh:// and none", "[ssh_args]")
{
    CHECK(parse("-o ProxyJump=a@b1:2200,c2,[fd00::1]:2201,d@[fd00::2],ssh://e@f3:23").jumps ==
          std::vector<Hop>{hop("b1", 2200, "a"), hop("c2", 22, ""), hop("fd00::1", 2201, ""),
                           hop("fd00::2", 22, "d"), hop("f3", 23, "e")});
    CHECK(parse("-J fd00::9").jumps == std::vector<Hop>{hop("fd00::9", 22, "")});
    CHECK(parse("-o ProxyJump=none").jumps == std::vector<Hop>{});
    CHECK(error_of("-J bastion:99999").find("99999") != std::string::npos);
    CHECK(error_of("-J @bastion").find("empty user") != std::string::npos);
    CHECK_FALSE(parse_proxy_jump("a,,b"));
    CHECK_FALSE(parse_proxy_jump("[fd00::1"));
}

TEST_CASE("ProxyCommand 'ssh -W %h:%p' becomes one jump hop", "[ssh_args]")
{
    CHECK(parse(R"(-o ProxyCommand="ssh -W %h:%p -q dragon@bastion")").jumps ==
          std::vector<Hop>{hop("bastion", 22, "dragon")});
    CHECK(parse(R"(-o 'ProxyCommand=ssh -q -W %h:%p bastion -p 2222')").jumps ==
          std::vector<Hop>{hop("bastion", 2222, "")});
    CHECK(parse(R"(-o 'ProxyCommand="ssh -W %h:%p -l ops bastion"')").jumps ==
          std::vector<Hop>{hop("bastion", 22, "ops")});
    Hop keyed = hop("10.0.0.1", 22, "u");
    keyed.identity_files = {"/home/op/.ssh/b"};
    CHECK(parse(R"(-o "ProxyCommand /usr/bin/ssh -i ~/.ssh/b -W %h:%p u@10.0.0.1")").jumps ==
          std::vector<Hop>{keyed});
    CHECK(parse("-o ProxyCommand=none").jumps == std::vector<Hop>{});
    // ProxyJump given first wins over a later ProxyCommand.
    CHECK(parse(R"(-J first -o ProxyCommand="ssh -W %h:%p second")").jumps == std::vector<Hop>{hop("first", 22, "")});
}

TEST_CASE("other ProxyCommands are unsupported, not guessed at", "[ssh_args]")
{
    for (const std::string command :
         {"nc -X 5 -x proxy:1080 %h %p", "ssh -W %h:%p", "ssh bastion nc %h %p", "ssh -W %h:22 bastion",
          "ssh -A -W %h:%p bastion", "ssh -W %h:%p a b", "ssh -o User=x -W %h:%p bastion", "connect %h %p"}) {
        INFO(command);
        const auto args = parse("-o 'ProxyCommand=" + command + "'");
        CHECK_FALSE(args.jumps);
        CHECK(args.unsupported == Words{"-o ProxyCommand=" + command});
    }
}

TEST_CASE("unknown options and flags are listed, never dropped", "[ssh_args]")
{
    const auto args = parse("-o ControlMaster=auto -o ControlPersist=60s -C -F /etc/alt -Z -v host extra "
                            "-o ForwardAgent=yes -o User=ok");
    CHECK(args.user == "ok");
    CHECK(args.unsupported == Words{"-o ControlMaster=auto", "-o ControlPersist=60s", "-C", "-F /etc/alt", "-Z",
                                    "-v", "host", "extra", "-o ForwardAgent=yes"});
}

TEST_CASE("malformed arguments give one-line errors", "[ssh_args]")
{
    CHECK(error_of("-o 'Port=22").find("unbalanced") != std::string::npos);
    CHECK(error_of("-o \"Port=22").find("unbalanced") != std::string::npos);
    CHECK(error_of("-o").find("-o needs a value") != std::string::npos);
    CHECK(error_of("-i").find("-i needs a value") != std::string::npos);
    CHECK(error_of("-o Port").find("has no value") != std::string::npos);
    CHECK(error_of("-o Port=").find("has no value") != std::string::npos);
    CHECK(error_of("-o Port=abc").find("port") != std::string::npos);
    CHECK(error_of("-p 0").find("port") != std::string::npos);
    CHECK(error_of("-p 65536").find("port") != std::string::npos);
    CHECK(error_of("-p ''").find("empty") != std::string::npos);
    CHECK(error_of("-o ConnectTimeout=soon").find("ConnectTimeout=soon") != std::string::npos);
    CHECK(error_of("-o ServerAliveInterval=5x").find("time") != std::string::npos);
    CHECK(error_of("-o '=yes'").find("no value") != std::string::npos);
    CHECK(error_of("trailing\\").find("backslash") != std::string::npos);
}

TEST_CASE("ssh value syntaxes", "[ssh_args]")
{
    CHECK(parse_port("22") == 22);
    CHECK(parse_port("65535") == 65535);
    CHECK_FALSE(parse_port("-1"));
    CHECK_FALSE(parse_port("22a"));
    CHECK_FALSE(parse_port("000000022"));
    CHECK(parse_time("2h") == std::chrono::seconds(7200));
    CHECK(parse_time("1W") == std::chrono::seconds(604800));
    CHECK(parse_time("0") == std::chrono::seconds(0));
    CHECK_FALSE(parse_time(""));
    CHECK_FALSE(parse_time("s"));
    CHECK_FALSE(parse_time("99999999999999999999"));
    CHECK(expand_path("~", "/h") == "/h");
    CHECK(expand_path("a%%b", "/h") == "a%b");
    CHECK_FALSE(expand_path("%r/x", "/h"));
    CHECK_FALSE(expand_path("~no-such-user-xyz/x", "/h"));
}
