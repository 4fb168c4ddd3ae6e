// Change detection for `health --watch`: new hosts and checks, status flips both ways,
// checks that disappear, and details alone changing counting as nothing.
#include <catch2/catch.hpp>

#include "health/round_changes.hpp"

using namespace scsctl::health;

namespace {

CheckResult result(const std::string& host, CheckStatus status, const std::string& detail = "d",
                   const std::string& check = "reachable")
{
    return {"kvm", check, host, status, detail, std::chrono::milliseconds(5)};
}

std::vector<LayerSummary> round(std::vector<CheckResult> results)
{
    return {LayerSummary{"kvm", std::move(results)}};
}

} // namespace

TEST_CASE("identical rounds and rounds differing only in details have no changes", "[health_watch]")
{
    const auto a = round({result("h1", CheckStatus::pass, "took 1 ms"), result("h2", CheckStatus::fail, "down")});
    const auto b = round({result("h1", CheckStatus::pass, "took 9 ms"), result("h2", CheckStatus::fail, "still down")});
    CHECK(round_changes(a, a).empty());
    CHECK(round_changes(a, b).empty());
}

TEST_CASE("a check that turns fail and one that recovers are changes, in the current round's order",
          "[health_watch]")
{
    const auto a = round({result("h1", CheckStatus::pass), result("h2", CheckStatus::fail, "down")});
    const auto b = round({result("h1", CheckStatus::fail, "unreachable: refused"), result("h2", CheckStatus::pass, "ok")});
    const auto changes = round_changes(a, b);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].kind == ChangeKind::changed);
    CHECK(describe_change(changes[0]) == "kvm reachable h1: pass -> fail: unreachable: refused");
    CHECK(describe_change(changes[1]) == "kvm reachable h2: fail -> pass: ok");
    // pass -> error is a change too.
    const auto c = round({result("h1", CheckStatus::error, "no hosts"), result("h2", CheckStatus::pass, "ok")});
    REQUIRE(round_changes(b, c).size() == 1);
    CHECK(describe_change(round_changes(b, c)[0]) == "kvm reachable h1: fail -> error: no hosts");
}

TEST_CASE("a new host, a new check and a vanished host are reported", "[health_watch]")
{
    const auto a = round({result("h1", CheckStatus::pass), result("h2", CheckStatus::fail)});
    const auto b = round({result("h1", CheckStatus::pass), result("h3", CheckStatus::pass, "ok"),
                          result("h1", CheckStatus::fail, "no domain", "kvm-libvirt")});
    const auto changes = round_changes(a, b);
    REQUIRE(changes.size() == 3);
    CHECK(changes[0].kind == ChangeKind::appeared);
    CHECK(describe_change(changes[0]) == "kvm reachable h3: new: pass: ok");
    CHECK(describe_change(changes[1]) == "kvm kvm-libvirt h1: new: fail: no domain");
    CHECK(changes[2].kind == ChangeKind::vanished);
    CHECK_FALSE(changes[2].after.has_value());
    CHECK(describe_change(changes[2]) == "kvm reachable h2: gone (was fail)");
}

TEST_CASE("the first round against nothing makes every result appear; a result without a host reads '-'",
          "[health_watch]")
{
    const auto b = round({result("", CheckStatus::error, "hosts 'x' match no host")});
    const auto changes = round_changes({}, b);
    REQUIRE(changes.size() == 1);
    CHECK(describe_change(changes[0]) == "kvm reachable -: new: error: hosts 'x' match no host");
}
