// Drift output: the text report (layers, notes about changed inputs, hosts, tasks with
// their diffs indented, the summary), the exit code rule (drift or failure 1, unreachable
// only 3, else 0), and the JUnit document's counts and escaping.
#include <catch2/catch.hpp>

#include "report/drift_output.hpp"

using namespace scsctl;

namespace {

model::DriftReport sample()
{
    model::DriftLayer kvm;
    kvm.name = "kvm";
    kvm.version = "0.2.0";
    kvm.deployed = true;
    kvm.last_run = 4;
    kvm.last_version = "0.1.0";
    kvm.last_deployed_at = 1764000000;
    kvm.inputs = {false, true};
    kvm.hosts = {
        {"h1", model::DriftHostStatus::drifted, {{"write config", "copy", "--- before\n+++ after\n-a\n+b <&>\n", false}}, "", true},
        {"h2", model::DriftHostStatus::in_line, {}, "", true},
        {"h3", model::DriftHostStatus::unreachable, {}, "connection refused", false},
    };
    model::DriftLayer ceph;
    ceph.name = "ceph";
    return model::DriftReport{{kvm, ceph}};
}

} // namespace

TEST_CASE("drift text: per layer and host, diffs indented under their task, a summary", "[drift]")
{
    const std::string text = report::drift_text(sample());
    INFO(text);
    CHECK(text.find("DRIFT [kvm 0.2.0] last deployed by run 4 (version 0.1.0, ") != std::string::npos);
    CHECK(text.find("  note: the layer's playbooks have changed since that deploy: a difference may be the new "
                    "intent") != std::string::npos);
    CHECK(text.find("  h1: drifted, 1 task would change\n    ~ write config (copy)\n      --- before\n"
                    "      +++ after\n      -a\n      +b <&>\n") != std::string::npos);
    CHECK(text.find("  h2: no drift\n") != std::string::npos);
    CHECK(text.find("  h3: unreachable: connection refused (the layer was never deployed on this host)\n") !=
          std::string::npos);
    CHECK(text.find("DRIFT [ceph] not deployed (per the journal): skipped\n") != std::string::npos);
    CHECK(text.find("drift: 1 host drifted, 1 without drift, 1 unreachable, 0 not checked (a task failed); 1 layer "
                    "not deployed") != std::string::npos);
}

TEST_CASE("drift text and JSON: a no_log task says its diff is hidden", "[drift]")
{
    auto report = sample();
    report.layers[0].hosts[0].tasks.push_back({"write token", "copy", "", true});
    CHECK(report::drift_text(report).find("    ~ write token (copy) (no_log: diff hidden)\n") != std::string::npos);
    const auto json = report::drift_layer_json(report.layers[0]);
    CHECK(json["hosts"][0]["tasks"][1]["censored"] == true);
    CHECK_FALSE(json["hosts"][0]["tasks"][1].contains("diff"));
    CHECK_FALSE(json["hosts"][0]["tasks"][0].contains("censored"));
}

TEST_CASE("drift text: a checked layer without hosts says so", "[drift]")
{
    auto report = sample();
    report.layers[0].hosts.clear();
    CHECK(report::drift_text(report).find("  no hosts to check (") != std::string::npos);
    CHECK(report::drift_exit_code(report) == 0);
}

TEST_CASE("drift text: unknown input hashes are said to be unknown", "[drift]")
{
    auto report = sample();
    report.layers[0].inputs = {};
    const std::string text = report::drift_text(report);
    CHECK(text.find("recorded no input hashes") != std::string::npos);
    CHECK(text.find("have changed since") == std::string::npos);
}

TEST_CASE("drift exit code: drift or a failure 1, only unreachable 3, else 0", "[drift]")
{
    auto report = sample();
    CHECK(report::drift_exit_code(report) == 1);
    report.layers[0].hosts[0].status = model::DriftHostStatus::in_line;
    CHECK(report::drift_exit_code(report) == 3);
    report.layers[0].hosts[2].status = model::DriftHostStatus::failed;
    CHECK(report::drift_exit_code(report) == 1);
    report.layers[0].hosts[2].status = model::DriftHostStatus::in_line;
    CHECK(report::drift_exit_code(report) == 0);
    CHECK(report::drift_exit_code(model::DriftReport{}) == 0);
}

TEST_CASE("drift JUnit: a suite per layer, drift a failure, unreachable an error, not deployed skipped", "[drift]")
{
    const std::string xml = report::drift_junit_xml(sample(), "scsctl drift", "ctl", 1764000000, 1.5);
    INFO(xml);
    CHECK(xml.find("<testsuites name=\"scsctl drift\" tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\" "
                   "time=\"1.500\" timestamp=\"2025-11-24T16:00:00Z\">") != std::string::npos);
    CHECK(xml.find("<testsuite name=\"drift kvm\" id=\"0\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\"") !=
          std::string::npos);
    CHECK(xml.find("<failure message=\"1 task(s) would change\" type=\"drift\">    ~ write config (copy)\n") !=
          std::string::npos);
    CHECK(xml.find("+b &lt;&amp;&gt;") != std::string::npos);
    CHECK(xml.find("<error message=\"connection refused\" type=\"unreachable\">") != std::string::npos);
    CHECK(xml.find("<testcase name=\"[ceph] not deployed\" classname=\"drift.ceph\" time=\"0\">\n      <skipped") !=
          std::string::npos);
}

TEST_CASE("drift JSON: one drift_layer object per layer", "[drift]")
{
    const auto report = sample();
    const auto kvm = report::drift_layer_json(report.layers[0]);
    CHECK(kvm["event"] == "drift_layer");
    CHECK(kvm["last_deploy"]["run"] == 4);
    CHECK(kvm["inventory_changed"] == false);
    CHECK(kvm["playbooks_changed"] == true);
    CHECK(kvm["hosts"][0]["status"] == "drifted");
    CHECK(kvm["hosts"][0]["tasks"][0]["diff"] == "--- before\n+++ after\n-a\n+b <&>\n");
    CHECK(kvm["hosts"][2]["error"] == "connection refused");
    CHECK(kvm["hosts"][2]["deployed_here"] == false);
    CHECK_FALSE(kvm["hosts"][1].contains("error"));
    const auto ceph = report::drift_layer_json(report.layers[1]);
    CHECK(ceph["deployed"] == false);
    CHECK(ceph["last_deploy"].is_null());
    CHECK(ceph["hosts"].empty());
}
