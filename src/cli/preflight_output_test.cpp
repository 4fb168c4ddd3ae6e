// Preflight outputs: the exit code from the hosts' verdicts (failures beat unreachable
// hosts, warnings never fail), the summary counts, the table layout and the JUnit shape.
#include <catch2/catch.hpp>

#include "cli/preflight_output.hpp"

using namespace scsctl;
using namespace scsctl::cli;
using preflight::Status;

namespace {

PreflightHost host(const std::string& name, std::vector<std::pair<const char*, Status>> statuses)
{
    PreflightHost out;
    out.report.host = name;
    for (const auto& [check, status] : statuses) {
        out.report.checks.push_back({check, status, std::string(check) + " detail <&>"});
    }
    return out;
}

PreflightHost ready(const std::string& name)
{
    return host(name, {{"reachable", Status::pass}, {"sudo", Status::pass}, {"time", Status::pass}});
}

PreflightHost unreachable(const std::string& name)
{
    return host(name, {{"reachable", Status::fail}, {"sudo", Status::skip}, {"time", Status::skip}});
}

} // namespace

TEST_CASE("preflight exit code: 0 with warnings, 3 when only unreachable, 1 on any failure", "[preflight]")
{
    auto warned = ready("w");
    warned.report.checks[2].status = Status::warn;
    CHECK(preflight_exit_code({ready("a"), warned}) == 0);
    CHECK(preflight_exit_code({ready("a"), unreachable("b")}) == 3);
    auto broken = ready("c");
    broken.report.checks[1].status = Status::fail;
    CHECK(preflight_exit_code({ready("a"), unreachable("b"), broken}) == 1);
    CHECK(preflight_exit_code({broken}) == 1);

    const auto counts = preflight_counts({ready("a"), warned, unreachable("b"), broken});
    CHECK(counts.hosts == 4);
    CHECK(counts.ready == 1);
    CHECK(counts.warned == 1);
    CHECK(counts.unreachable == 1);
    CHECK(counts.failed == 1);
    CHECK(counts.checks_skipped == 2);
    CHECK(counts.checks_failed == 2);
}

TEST_CASE("preflight table and JSON", "[preflight]")
{
    const std::vector<PreflightHost> hosts{ready("node1"), unreachable("n2")};
    const auto text = preflight_text(hosts);
    CHECK(text.find("HOST   CHECK      RESULT  DETAIL\n") == 0);
    CHECK(text.find("\nnode1  reachable  pass    reachable detail <&>\n       sudo ") != std::string::npos);
    CHECK(preflight_summary_line(hosts) ==
          "preflight: 2 hosts: 1 ready, 0 with warnings, 0 failed, 1 unreachable (checks: 3 passed, 0 warned, 1 failed, 2 skipped)");
    const auto json = preflight_json(hosts);
    CHECK(json["ok"] == false);
    CHECK(json["exit_code"] == 3);
    CHECK(json["hosts"][1]["status"] == "unreachable");
    CHECK(json["hosts"][0]["checks"][1]["status"] == "pass");
    CHECK(json["hosts"][0]["requirements"]["min_disk_bytes"] == 10 * preflight::k_gib);
}

TEST_CASE("preflight JUnit: one testcase per host and check, escaped", "[preflight]")
{
    const auto xml = preflight_junit_xml({ready("node1"), unreachable("n2")});
    CHECK(xml.find("<testsuite name=\"preflight\" tests=\"6\" failures=\"1\" errors=\"0\" skipped=\"2\">") !=
          std::string::npos);
    CHECK(xml.find("<testcase classname=\"preflight.n2\" name=\"reachable\" time=\"0.000\">\n      <failure "
                   "type=\"preflight\" message=\"reachable detail &lt;&amp;&gt;\">") != std::string::npos);
    CHECK(xml.find("<skipped message=\"sudo detail &lt;&amp;&gt;\"/>") != std::string::npos);
}
