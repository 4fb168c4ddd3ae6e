// CommandCheck's verdicts on host outcomes (exit status, stdout regex, unreachable,
// timeouts, a regex that does not compile) and the reachable check's target groups.
#include <catch2/catch.hpp>

#include "health/command_check.hpp"
#include "health/runner.hpp"
#include "layers/registry.hpp"

using namespace scsctl::health;
using scsctl::model::CommandOutcome;
using scsctl::model::HostStatus;

namespace {

scsctl::layers::DeclaredCheck declared(int rc, std::string regex)
{
    scsctl::layers::DeclaredCheck check;
    check.name = "c";
    check.hosts = "kvm";
    check.command = "x";
    check.expect_rc = rc;
    check.stdout_regex = std::move(regex);
    return check;
}

CommandOutcome outcome(int rc, std::string out, std::string err = "")
{
    CommandOutcome result;
    result.host = "h1";
    result.rc = rc;
    result.status = rc == 0 ? HostStatus::ok : HostStatus::failed;
    result.stdout_text = std::move(out);
    result.stderr_text = std::move(err);
    result.duration_ms = 12;
    return result;
}

} // namespace

TEST_CASE("a command check passes on the expected status and stdout", "[health]")
{
    const CommandCheck check("ntp", declared(0, "^synced$"));
    const auto pass = check.judge(outcome(0, "header\nsynced\n"));
    CHECK(pass.status == CheckStatus::pass);
    CHECK(pass.detail == "exit status 0, stdout matches '^synced$'");
    CHECK(pass.layer == "ntp");
    CHECK(pass.host == "h1");
    CHECK(pass.duration == std::chrono::milliseconds(12));

    const auto wrong_out = check.judge(outcome(0, "drifting\n"));
    CHECK(wrong_out.status == CheckStatus::fail);
    CHECK(wrong_out.detail == "stdout 'drifting' does not match '^synced$'");

    const auto wrong_rc = check.judge(outcome(3, "", "\nchronyc: not found\nmore"));
    CHECK(wrong_rc.status == CheckStatus::fail);
    CHECK(wrong_rc.detail == "exit status 3, expected 0: chronyc: not found");
}

TEST_CASE("a command check may expect a non-zero status", "[health]")
{
    const CommandCheck check("ntp", declared(1, ""));
    CHECK(check.judge(outcome(1, "")).status == CheckStatus::pass);
    CHECK(check.judge(outcome(0, "")).detail == "exit status 0, expected 1");
}

TEST_CASE("unreachable hosts and killed commands fail with the transport's words", "[health]")
{
    const CommandCheck check("ntp", declared(0, ""));
    auto gone = outcome(-1, "");
    gone.status = HostStatus::unreachable;
    gone.error = "h1: connection refused (127.0.0.1:1)";
    const auto verdict = check.judge(gone);
    CHECK(verdict.status == CheckStatus::fail);
    CHECK(verdict.detail == "unreachable: h1: connection refused (127.0.0.1:1)");

    auto killed = outcome(-1, "");
    killed.exit_signal = "KILL";
    killed.error = "h1: command killed by signal KILL";
    CHECK(check.judge(killed).detail == "h1: command killed by signal KILL");
}

TEST_CASE("a regex that does not compile is an error on every host, nothing runs", "[health]")
{
    const CommandCheck check("ntp", declared(0, "(unclosed"));
    scsctl::transport::Pool pool; // never used: no host is contacted
    const std::vector<scsctl::exec::AdhocHost> hosts{{"h1", {}}, {"h2", {}}};
    const auto results = check.run(CheckContext{pool, hosts, 1});
    REQUIRE(results.size() == 2);
    CHECK(results[1].status == CheckStatus::error);
    CHECK(results[1].host == "h2");
    CHECK(results[0].detail.starts_with("expect.stdout '(unclosed' is not a valid regex: "));
}

TEST_CASE("a layer's checks: reachable over the groups that have hosts, then the layer's own", "[health]")
{
    scsctl::model::Inventory inventory;
    scsctl::model::Group mon;
    mon.name = "ceph_mon";
    const auto group = inventory.add_group(mon);
    scsctl::model::Host host;
    host.name = "node1";
    const auto id = inventory.add_host(host);
    inventory.group(group).hosts.push_back(id);
    scsctl::model::Group empty;
    empty.name = "ceph_osd";
    inventory.add_group(empty);

    scsctl::layers::BuiltinLayer ceph(*scsctl::layers::find_builtin("ceph"));
    auto checks = layer_checks(ceph, inventory);
    REQUIRE(checks);
    REQUIRE(checks->size() == 3);
    CHECK((*checks)[0]->name() == "reachable");
    CHECK((*checks)[0]->hosts() == "ceph_mon");
    CHECK((*checks)[1]->name() == "ceph-cluster");
    CHECK((*checks)[1]->hosts() == "ceph_mon");
    CHECK((*checks)[2]->name() == "ceph-capacity");
    CHECK((*checks)[2]->hosts() == "ceph_mon");
    CHECK(layer_hosts(ceph.descriptor(), inventory) == std::vector<scsctl::model::HostId>{id});

    scsctl::layers::BuiltinLayer kvm(*scsctl::layers::find_builtin("kvm"));
    auto none = layer_checks(kvm, inventory);
    REQUIRE(none);
    CHECK(none->empty());
}
