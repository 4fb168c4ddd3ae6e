// Layer deployments in both run stores: the same rows written to the SQLite journal and
// to a real etcd read back the same, oldest first; the fold per layer and host keeps the
// newest row and whether any succeeded; a version 3 journal is upgraded to hold them;
// latest_unfinished_run tells deploy runs from run runs.
#include <catch2/catch.hpp>

#include "etcd_fixture.hpp"
#include "state/etcd_rows.hpp"
#include "state/journal.hpp"
#include "state/run_store_backend.hpp"
#include "state/schema.hpp"
#include "temp_dir.hpp"

using namespace scsctl;
using namespace scsctl::state;

namespace {

RunRow deploy_run(const std::string& kind = "deploy")
{
    RunRow run;
    run.kind = kind;
    run.command_line = "scsctl deploy";
    run.user = "alice";
    run.started_at = 1714557603.25;
    run.inventory_paths = "/p/inv";
    run.inventory_hash = "inv-hash";
    run.playbook_paths = "/p/kvm/deploy.yml";
    run.playbook_hash = "pb-hash";
    run.pid = 4242;
    return run;
}

/// Two deploys: kvm ok on a and b, then kvm failed on b and ceph ok on b.
std::vector<LayerRow> write_history(RunStore& store)
{
    const RunId first = *store.begin_run(deploy_run());
    REQUIRE(store.record_layers({{first, "kvm", "0.1.0", "a", k_layer_ok, 100}, {first, "kvm", "0.1.0", "b", k_layer_ok, 100}}));
    REQUIRE(store.finish_run(first, k_run_finished, 0));
    const RunId second = *store.begin_run(deploy_run());
    REQUIRE(store.record_layers({{second, "kvm", "0.2.0", "b", k_layer_failed, 200}}));
    REQUIRE(store.record_layers({{second, "ceph", "0.1.0", "b", k_layer_gate_failed, 201}}));
    auto rows = store.layer_rows();
    REQUIRE(rows);
    return *rows;
}

std::string shown(const std::vector<LayerRow>& rows)
{
    std::string out;
    for (const auto& row : rows) {
        out += std::to_string(row.run) + " " + row.layer + " " + row.version + " " + row.host + " " + row.result + "\n";
    }
    return out;
}

} // namespace

TEST_CASE("layer rows: recorded and read back oldest first, folded per layer and host", "[state]")
{
    testing::TempDir dir;
    auto store = open_run_store((dir.path() / "state.db").string());
    REQUIRE(store);
    const auto rows = write_history(**store);
    CHECK(shown(rows) == "1 kvm 0.1.0 a ok\n1 kvm 0.1.0 b ok\n2 kvm 0.2.0 b failed\n2 ceph 0.1.0 b gate_failed\n");
    const auto folded = latest_per_host(rows);
    REQUIRE(folded.size() == 3); // ceph b, kvm a, kvm b
    CHECK(folded[0].last.layer == "ceph");
    CHECK_FALSE(folded[0].ever_ok);
    CHECK(folded[2].last.host == "b");
    CHECK(folded[2].last.result == "failed");
    CHECK(folded[2].last.version == "0.2.0");
    CHECK(folded[2].ever_ok);
}

TEST_CASE("layer rows: the last successful deployment of a layer, and its hosts", "[state]")
{
    const std::vector<LayerRow> rows = {
        {1, "kvm", "0.1.0", "a", k_layer_ok, 100, "i1", "p1"},
        {1, "kvm", "0.1.0", "b", k_layer_ok, 100, "i1", "p1"},
        {2, "kvm", "0.2.0", "b", k_layer_ok, 200, "i2", "p2"},
        {3, "kvm", "0.3.0", "c", k_layer_failed, 300, "i3", "p3"},
        {3, "ceph", "0.1.0", "c", k_layer_gate_failed, 300, "i3", "p3"},
    };
    const auto kvm = last_deployment(rows, "kvm");
    REQUIRE(kvm);
    CHECK(kvm->last_ok.run == 2); // the failed run 3 is not a deployment
    CHECK(kvm->last_ok.version == "0.2.0");
    CHECK(kvm->last_ok.playbooks_sha256 == "p2");
    CHECK(kvm->hosts == std::set<std::string, std::less<>>{"a", "b"});
    CHECK_FALSE(last_deployment(rows, "ceph")); // only a gate failure
    CHECK_FALSE(last_deployment(rows, "ovn"));
}

TEST_CASE("layer rows: the latest unfinished run is looked up per kind", "[state]")
{
    testing::TempDir dir;
    auto store = open_run_store((dir.path() / "state.db").string());
    REQUIRE(store);
    const RunId deploy = *(*store)->begin_run(deploy_run("deploy"));
    const RunId run = *(*store)->begin_run(deploy_run("run"));
    CHECK(*(*store)->latest_unfinished_run("/p/kvm/deploy.yml", "/p/inv", "deploy") == deploy);
    CHECK(*(*store)->latest_unfinished_run("/p/kvm/deploy.yml", "/p/inv") == run);
}

TEST_CASE("layer rows: a version 3 journal is upgraded to hold them", "[state]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    {
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(migrate(*db, 3));
        REQUIRE(*schema_version(*db) == 3);
    }
    auto journal = Journal::open(path);
    REQUIRE(journal);
    CHECK(*(*journal)->read([](Database& db) { return schema_version(db); }) == k_schema_version);
    CHECK(shown(write_history(**journal)).size() > 0);
}

TEST_CASE("layer rows: the input hashes are kept, and rows from before them read as unknown", "[state]")
{
    testing::TempDir dir;
    const std::string path = (dir.path() / "state.db").string();
    {
        // A version 4 journal with one deployment, as an older scsctl wrote it.
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(migrate(*db, 4));
        REQUIRE(db->exec("INSERT INTO runs (kind, command_line, user, started_at, inventory_paths, inventory_hash, "
                         "playbook_paths, playbook_hash, status, pid) VALUES ('deploy', 'scsctl deploy', 'alice', 1, "
                         "'/p/inv', 'h', '/p/kvm', 'h', 'finished', 1)"));
        REQUIRE(db->exec("INSERT INTO layer_deployments (run_id, layer, version, host, result, finished_at) "
                         "VALUES (1, 'kvm', '0.1.0', 'a', 'ok', 100)"));
    }
    auto journal = Journal::open(path);
    REQUIRE(journal);
    LayerRow row{1, "kvm", "0.1.0", "b", k_layer_ok, 200, std::string(64, 'a'), std::string(64, 'b')};
    REQUIRE((*journal)->record_layers({row}));
    auto rows = (*journal)->layer_rows();
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    CHECK((*rows)[0].inventory_sha256.empty());
    CHECK((*rows)[0].playbooks_sha256.empty());
    CHECK((*rows)[1].inventory_sha256 == std::string(64, 'a'));
    CHECK((*rows)[1].playbooks_sha256 == std::string(64, 'b'));
}

TEST_CASE("layer rows: an etcd record from before the hashes reads with empty hashes", "[state]")
{
    const auto old = parse_layer_record(
        R"({"run":1,"layer":"kvm","version":"0.1.0","host":"a","result":"ok","finished_at":100.5})");
    REQUIRE(old);
    CHECK(old->inventory_sha256.empty());
    CHECK(old->host == "a");
    LayerRow row{2, "kvm", "0.1.0", "b", k_layer_ok, 200, "inv", "pb"};
    const auto round_trip = parse_layer_record(layer_record(row));
    REQUIRE(round_trip);
    CHECK(round_trip->playbooks_sha256 == "pb");
    CHECK_FALSE(parse_layer_record(R"({"run":1,"layer":"kvm","version":"0.1.0","host":"a","result":"ok",)"
                                   R"("finished_at":1,"playbooks_sha256":7})"));
}

TEST_CASE("layer rows: etcd answers as the SQLite journal does", "[etcd][state]")
{
    SCSCTL_SKIP_WITHOUT_ETCD();
    testing::EtcdServer server;
    testing::TempDir dir;
    auto sqlite = open_run_store((dir.path() / "state.db").string());
    auto etcd = open_run_store(server.url("ci/prod"));
    REQUIRE(sqlite);
    REQUIRE(etcd);
    const auto expected = shown(write_history(**sqlite));
    CHECK(shown(write_history(**etcd)) == expected);
    LayerRow hashed{3, "ovn", "0.1.0", "c", k_layer_ok, 300, "inv", "pb"};
    REQUIRE((*etcd)->record_layers({hashed}));
    auto rows = (*etcd)->layer_rows();
    REQUIRE(rows);
    CHECK(rows->back().inventory_sha256 == "inv");
    CHECK(rows->back().playbooks_sha256 == "pb");
    CHECK(*(*etcd)->latest_unfinished_run("/p/kvm/deploy.yml", "/p/inv", "deploy") == 2);
    CHECK_FALSE(*(*etcd)->latest_unfinished_run("/p/kvm/deploy.yml", "/p/inv", "run"));
}

TEST_CASE("layer rows: a destroyed layer is no longer deployed until deployed again", "[state]")
{
    const std::vector<LayerRow> rows = {{1, "ovn", "0.1.0", "a", k_layer_ok, 100},
                                        {2, "ovn", "0.1.0", "a", k_layer_destroyed, 200},
                                        {1, "kvm", "0.1.0", "a", k_layer_ok, 100}};
    auto folded = latest_per_host(rows);
    REQUIRE(folded.size() == 2);
    CHECK(folded[0].last.layer == "kvm");
    CHECK(folded[0].ever_ok);
    CHECK(folded[1].last.result == k_layer_destroyed);
    CHECK_FALSE(folded[1].ever_ok);

    auto again = rows;
    again.push_back({3, "ovn", "0.1.0", "a", k_layer_ok, 300});
    CHECK(latest_per_host(again)[1].ever_ok);
}

TEST_CASE("layer rows: the last deployment forgets a destroyed layer and keeps hashes across upgrade rows", "[state]")
{
    std::vector<LayerRow> rows = {{1, "ovn", "0.1.0", "a", k_layer_ok, 100, "inv1", "pb1"},
                                  {2, "ovn", "0.1.0", "a", k_layer_ok, 200}}; // an upgrade's batch
    auto deployed = last_deployment(rows, "ovn");
    REQUIRE(deployed);
    CHECK(deployed->last_ok.run == 2);
    CHECK(deployed->last_ok.inventory_sha256 == "inv1");
    CHECK(deployed->last_ok.playbooks_sha256 == "pb1");

    rows.push_back({3, "ovn", "0.1.0", "a", k_layer_destroyed, 300});
    CHECK_FALSE(last_deployment(rows, "ovn"));
    rows.push_back({4, "ovn", "0.1.0", "b", k_layer_ok, 400, "inv2", "pb2"});
    deployed = last_deployment(rows, "ovn");
    REQUIRE(deployed);
    CHECK(deployed->hosts == std::set<std::string, std::less<>>{"b"});
}
