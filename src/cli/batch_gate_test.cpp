// The gate between upgrade batches: retried until it passes, progress shown only when
// what blocks changes, and a timeout that names the check and the reason.
#include <catch2/catch.hpp>

#include "cli/batch_gate.hpp"

using namespace scsctl::cli;

TEST_CASE("batch gate: waits until the gate passes, noting each new reason once", "[upgrade]")
{
    std::vector<GateResult> answers = {{false, "ceph-cluster", "12 pgs peering"},
                                       {false, "ceph-cluster", "12 pgs peering"},
                                       {false, "ceph-cluster", "3 pgs degraded"},
                                       {true, "", ""}};
    std::size_t asked = 0;
    std::vector<std::string> notes;
    const auto stopped = wait_for_gate([&] { return answers.at(asked++); },
                                       [&](const std::string& note) { notes.push_back(note); }, "batch 2/3",
                                       BatchGateTiming{std::chrono::seconds(30), std::chrono::milliseconds(1)});
    CHECK_FALSE(stopped);
    CHECK(asked == 4);
    REQUIRE(notes.size() == 3);
    CHECK(notes[0] == "batch 2/3: waiting for the health gate (0 s): ceph-cluster: 12 pgs peering");
    CHECK(notes[1].ends_with("ceph-cluster: 3 pgs degraded"));
    CHECK(notes[2].starts_with("batch 2/3: health gate passed after "));
}

TEST_CASE("batch gate: a gate that never passes stops the upgrade after the timeout", "[upgrade]")
{
    std::size_t asked = 0;
    const auto stopped = wait_for_gate(
        [&] {
            ++asked;
            return GateResult{false, "ovn-chassis", "n2: chassis not registered"};
        },
        [](const std::string&) {}, "batch 1/3", BatchGateTiming{std::chrono::milliseconds(50), std::chrono::milliseconds(5)});
    REQUIRE(stopped);
    CHECK(stopped->starts_with("health gate 'ovn-chassis' did not pass within "));
    CHECK(stopped->ends_with(": n2: chassis not registered"));
    CHECK(asked >= 2);
}
