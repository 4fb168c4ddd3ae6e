// drift's reading of the journal: which selected layers were deployed and by which run,
// the input hashes compared with the plan's (unknown when the deploy recorded none), and
// the hosts without a successful deploy of the layer.
#include <catch2/catch.hpp>

#include "cli/drift_history.hpp"
#include "layers/registry.hpp"

using namespace scsctl;

namespace {

std::vector<state::LayerRow> history()
{
    return {
        {1, "kvm", "0.1.0", "h1", state::k_layer_ok, 100, "inv-1", "kvm-1"},
        {1, "kvm", "0.1.0", "h2", state::k_layer_failed, 100, "inv-1", "kvm-1"},
        {2, "ceph", "0.1.0", "h2", state::k_layer_gate_failed, 200, "inv-1", "ceph-1"},
        {3, "ovn", "0.1.0", "h1", state::k_layer_ok, 300}, // an older scsctl: no hashes
    };
}

std::vector<const layers::LayerDescriptor*> selected(std::initializer_list<const char*> names)
{
    std::vector<const layers::LayerDescriptor*> out;
    for (const char* name : names) {
        const auto* descriptor = layers::find_builtin(name);
        REQUIRE(descriptor != nullptr);
        out.push_back(descriptor);
    }
    return out;
}

} // namespace

TEST_CASE("drift history: deployed layers and their last deploy; others skipped", "[drift]")
{
    const auto layers = selected({"kvm", "ceph", "ovn"});
    const auto drift = cli::drift_layers(layers, history());
    REQUIRE(drift.size() == 3);
    CHECK(drift[0].name == "kvm");
    CHECK(drift[0].deployed);
    CHECK(drift[0].last_run == 1);
    CHECK(drift[0].last_deployed_at == 100);
    CHECK_FALSE(drift[1].deployed); // a gate failure is no deployment
    CHECK(drift[2].deployed);
    const auto deployed = cli::deployed_only(layers, drift);
    REQUIRE(deployed.size() == 2);
    CHECK(deployed[0]->name == "kvm");
    CHECK(deployed[1]->name == "ovn");
    CHECK(cli::drift_layers(layers, {})[0].deployed == false); // no journal: nothing deployed
}

TEST_CASE("drift history: inputs compared with the plan, unknown without recorded hashes", "[drift]")
{
    plan::Plan plan;
    plan.inventory_sha256 = "inv-1";
    plan::LayerPlan kvm_now;
    kvm_now.name = "kvm";
    kvm_now.version = "0.2.0";
    kvm_now.playbooks_sha256 = "kvm-2";
    auto drift = cli::drift_layers(selected({"kvm", "ovn"}), history());
    cli::compare_inputs(drift[0], plan, kvm_now, history());
    CHECK(drift[0].version == "0.2.0");
    CHECK(drift[0].inputs.inventory_changed == false);
    CHECK(drift[0].inputs.playbooks_changed == true);
    plan.inventory_sha256 = "inv-2";
    plan::LayerPlan ovn_now;
    ovn_now.name = "ovn";
    ovn_now.playbooks_sha256 = "x";
    cli::compare_inputs(drift[1], plan, ovn_now, history());
    CHECK_FALSE(drift[1].inputs.inventory_changed.has_value());
    CHECK_FALSE(drift[1].inputs.playbooks_changed.has_value());
}

TEST_CASE("drift history: hosts without a successful deploy of the layer are marked", "[drift]")
{
    auto drift = cli::drift_layers(selected({"kvm"}), history());
    drift[0].hosts = {{"h1", model::DriftHostStatus::in_line, {}, "", true},
                      {"h2", model::DriftHostStatus::drifted, {}, "", true},
                      {"h3", model::DriftHostStatus::in_line, {}, "", true}};
    cli::mark_deployed_hosts(drift[0], history());
    CHECK(drift[0].hosts[0].deployed_here);
    CHECK_FALSE(drift[0].hosts[1].deployed_here); // its deploy failed
    CHECK_FALSE(drift[0].hosts[2].deployed_here);
}
