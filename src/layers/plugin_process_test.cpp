// The plugin process and protocol against small real plugins (sh scripts written to a
// temp dir): a good exchange, and every way a plugin can misbehave giving one clear
// error, with its process group gone afterwards.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>

#include <fstream>
#include <thread>

#include "layers/catalogue.hpp"
#include "layers/plugin_layer.hpp"
#include "layers/plugin_process.hpp"
#include "layers/plugin_protocol.hpp"
#include "temp_dir.hpp"

using namespace scsctl::layers;
using scsctl::core::ErrorKind;
using scsctl::core::Value;

namespace {

const char* k_hello = R"(read -r line; echo '{"type":"hello","protocols":[1]}')";
const char* k_describe =
    R"(read -r line; echo '{"type":"describe","name":"demo","version":"1.0","depends_on":["kvm"],"groups":[{"name":"kvm","count":"odd"}],"variables":[{"name":"demo_mode","type":"enum","choices":["x","y"],"default":"x"}],"checks":["c1"]}')";

std::string plugin(const scsctl::testing::TempDir& dir, const std::string& name, const std::string& body)
{
    const auto path = dir.write("bin/scsctl-layer-" + name, "#!/bin/sh\n" + body + "\n");
    ::chmod(path.c_str(), 0755);
    return path;
}

/// A small line limit; the deadline short only where a test waits for it (hang).
PluginLimits quick(std::chrono::milliseconds timeout = std::chrono::seconds(10))
{
    PluginLimits limits;
    limits.timeout = timeout;
    limits.max_line = 4096;
    return limits;
}

std::string open_error(const std::string& path, const std::string& name,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10))
{
    auto opened = PluginLayer::open({name, path}, quick(timeout), "0.1.0");
    REQUIRE_FALSE(opened);
    CHECK(opened.error().kind == ErrorKind::plugin);
    return opened.error().message;
}

/// Running (a zombie waiting for init to reap it has ended).
bool alive(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

} // namespace

TEST_CASE("a plugin that follows the protocol is described", "[plugin]")
{
    scsctl::testing::TempDir dir;
    const auto path = plugin(dir, "demo", std::string(k_hello) + "\n" + k_describe +
                                              "\nread -r line; echo '{\"type\":\"checks\",\"checks\":[{\"name\":\"c1\","
                                              "\"hosts\":\"kvm\",\"command\":\"true\",\"expect\":{\"rc\":0,\"stdout\":"
                                              "\"ok\"},\"timeout\":2}]}'\ncat >/dev/null");
    auto opened = PluginLayer::open({"demo", path}, quick(), "0.1.0");
    REQUIRE(opened);
    const auto& layer = (*opened)->descriptor();
    CHECK(layer.name == "demo");
    CHECK(layer.version == "1.0");
    REQUIRE(layer.depends_on.size() == 1);
    CHECK(layer.depends_on[0] == "kvm");
    REQUIRE(layer.groups.size() == 1);
    CHECK(layer.groups[0].count == CountRule::odd);
    REQUIRE(layer.vars.size() == 1);
    CHECK(layer.vars[0].type == VarType::enumeration);
    CHECK(layer.vars[0].fallback == "x");
    REQUIRE(layer.vars[0].choices.size() == 2);
    CHECK(layer.vars[0].choices[1] == "y");
    CHECK((*opened)->source() == LayerSource::plugin);
    auto checks = (*opened)->checks();
    REQUIRE(checks);
    REQUIRE(checks->size() == 1);
    CHECK((*checks)[0].stdout_regex == "ok");
    CHECK((*checks)[0].timeout == std::chrono::milliseconds(2000));
}

TEST_CASE("a plugin that crashes at start is one clear error", "[plugin]")
{
    scsctl::testing::TempDir dir;
    const auto path = plugin(dir, "crash", "echo 'boom: no config' >&2; exit 3");
    CHECK(open_error(path, "crash") == "layer plugin 'crash' (" + path +
                                           "): exited with status 3 before answering 'hello' (stderr: boom: no config)");
}

TEST_CASE("a plugin killed by a signal mid-request is named", "[plugin]")
{
    scsctl::testing::TempDir dir;
    const auto path = plugin(dir, "sig", std::string(k_hello) + "\nread -r line; kill -SEGV $$");
    CHECK(open_error(path, "sig").ends_with("was killed by signal 11 before answering 'describe'"));
}

TEST_CASE("a plugin that hangs is killed with its whole process group", "[plugin]")
{
    scsctl::testing::TempDir dir;
    const auto pids = (dir.path() / "pids").string();
    const auto path = plugin(dir, "hang", std::string(k_hello) + "\nsleep 300 & echo $! >" + pids +
                                              "; echo $$ >>" + pids + "; read -r line; wait");
    const auto started = std::chrono::steady_clock::now();
    CHECK(open_error(path, "hang", std::chrono::milliseconds(700))
              .ends_with("did not answer 'describe' within 0.7 s; killed"));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
    std::ifstream in(pids);
    pid_t child = 0;
    pid_t shell = 0;
    in >> child >> shell;
    REQUIRE(child > 0);
    REQUIRE(shell > 0);
    // The sleep was in the plugin's process group: killed too (allow its reaping by init).
    for (int i = 0; i < 100 && alive(child); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK_FALSE(alive(child));
    CHECK_FALSE(alive(shell));
}

TEST_CASE("garbage, wrong shapes, versions and names are refused", "[plugin]")
{
    scsctl::testing::TempDir dir;
    SECTION("not JSON")
    {
        const auto path = plugin(dir, "garbage", "read -r line; echo 'hello there'");
        CHECK(open_error(path, "garbage").ends_with("answered 'hello' with a line that is not JSON: 'hello there'"));
    }
    SECTION("JSON but not an object")
    {
        const auto path = plugin(dir, "list", "read -r line; echo '[1,2]'");
        CHECK(open_error(path, "list").ends_with("answered 'hello' with JSON that is not an object: '[1,2]'"));
    }
    SECTION("wrong protocol version")
    {
        const auto path = plugin(dir, "v2", R"(read -r line; echo '{"type":"hello","protocols":[2]}')");
        CHECK(open_error(path, "v2").ends_with("speaks protocol [2], scsctl speaks [1]"));
    }
    SECTION("wrong shape")
    {
        const auto path = plugin(dir, "shape", std::string(k_hello) +
                                                   R"(
read -r line; echo '{"type":"describe","name":"shape","version":"1","groups":"kvm"}')");
        CHECK(open_error(path, "shape").ends_with("answered 'describe' with 'groups' that is not a list"));
    }
    SECTION("oversized line")
    {
        const auto path = plugin(dir, "big", std::string(k_hello) + "\nread -r line; head -c 10000 /dev/zero | tr '\\0' x; echo");
        CHECK(open_error(path, "big").ends_with("answered 'describe' with a line longer than 4096 bytes"));
    }
    SECTION("name mismatch")
    {
        const auto path = plugin(dir, "other", std::string(k_hello) + "\n" + k_describe);
        CHECK(open_error(path, "other").ends_with("describes itself as 'demo'; the file name says 'other'"));
    }
    SECTION("an error reply")
    {
        const auto path = plugin(dir, "err", R"(read -r line; echo '{"type":"error","message":"no license"}')");
        CHECK(open_error(path, "err").ends_with("failed 'hello': no license"));
    }
}

TEST_CASE("discovery: plugin path first, first found wins, built-in names refused", "[plugin]")
{
    scsctl::testing::TempDir dir;
    const auto first = dir.write("a/scsctl-layer-x", "#!/bin/sh\n");
    const auto second = dir.write("b/scsctl-layer-x", "#!/bin/sh\n");
    const auto plain = dir.write("b/scsctl-layer-noexec", "#!/bin/sh\n");
    ::chmod(first.c_str(), 0755);
    ::chmod(second.c_str(), 0755);
    const auto found = discover_plugins((dir.path() / "a").string(), (dir.path() / "b").string() + ":/nonexistent");
    REQUIRE(found.size() == 1);
    CHECK(found[0].path == first);

    const auto clash = dir.write("c/scsctl-layer-kvm", "#!/bin/sh\ntouch " + (dir.path() / "started").string() + "\n");
    ::chmod(clash.c_str(), 0755);
    CatalogueOptions options;
    options.plugin_path = (dir.path() / "c").string();
    auto catalogue = Catalogue::load(options);
    REQUIRE_FALSE(catalogue);
    CHECK(catalogue.error().kind == ErrorKind::config);
    CHECK(catalogue.error().message ==
          "layer plugin 'kvm' (" + clash + "): 'kvm' is a built-in layer; rename or remove the plugin");
    CHECK_FALSE(std::filesystem::exists(dir.path() / "started"));
}

TEST_CASE("the catalogue orders plugins among built-ins and refuses cycles", "[plugin]")
{
    scsctl::testing::TempDir dir;
    plugin(dir, "demo", std::string(k_hello) + "\n" + k_describe + "\ncat >/dev/null");
    CatalogueOptions options;
    options.plugin_path = (dir.path() / "bin").string();
    options.limits = quick();
    auto catalogue = Catalogue::load(options);
    REQUIRE(catalogue);
    std::vector<std::string> names;
    for (const auto* layer : catalogue->ordered()) {
        names.emplace_back(layer->descriptor().name);
    }
    // demo depends on kvm only: ready right after kvm, it still comes after the built-ins
    // that are ready at the same time (registry order, plugins last).
    CHECK(names == std::vector<std::string>{"baremetal", "kvm", "ceph", "ovn", "openstack", "kubernetes", "keycloak",
                                            "demo"});
    auto selected = catalogue->select("demo,kvm");
    REQUIRE(selected);
    REQUIRE(selected->size() == 2);
    CHECK((*selected)[1]->descriptor().name == "demo");

    scsctl::testing::TempDir cyclic;
    plugin(cyclic, "p", std::string(k_hello) +
                            R"(
read -r line; echo '{"type":"describe","name":"p","version":"1","depends_on":["q"]}'; cat >/dev/null)");
    plugin(cyclic, "q", std::string(k_hello) +
                            R"(
read -r line; echo '{"type":"describe","name":"q","version":"1","depends_on":["p","kvm"]}'; cat >/dev/null)");
    options.plugin_path = (cyclic.path() / "bin").string();
    auto cycle = Catalogue::load(options);
    REQUIRE_FALSE(cycle);
    CHECK(cycle.error().kind == ErrorKind::config);
    CHECK(cycle.error().message == "layer dependencies form a cycle among: p, q");
}

TEST_CASE("the inventory view never holds a secret", "[plugin]")
{
    scsctl::model::Inventory inventory;
    scsctl::model::Group kvm;
    kvm.name = "kvm";
    kvm.vars = {{"keystone_admin_password", "registry-secret"}, {"plain", "visible"}};
    const auto group = inventory.add_group(kvm);
    scsctl::model::Host host;
    host.name = "node1";
    host.vars = {{"ansible_become_password", "become-secret"},
                 {"wrapped", {{"deep", "store-secret-value"}}},
                 {"vaulted", "$ANSIBLE_VAULT;1.1;AES256\n6162"},
                 {"ok", 1}};
    host.groups = {scsctl::model::Inventory::k_all, group};
    const auto id = inventory.add_host(host);
    inventory.group(group).hosts.push_back(id);
    inventory.group(scsctl::model::Inventory::k_all).children.push_back(group);

    OwnedDescriptor layer;
    layer.set_name("demo");
    layer.add_group("kvm", CountRule::at_least_one, "");
    SecretFilter filter;
    filter.names = {"keystone_admin_password"};
    filter.holds_secret = [](std::string_view text) { return text.find("store-secret") != std::string_view::npos; };
    const auto view = inventory_view(inventory, layer.view(), filter);
    const auto text = view.dump();
    for (const char* secret : {"registry-secret", "become-secret", "store-secret-value", "ANSIBLE_VAULT"}) {
        CHECK(text.find(secret) == std::string::npos);
    }
    CHECK(view["groups"]["kvm"]["hosts"] == Value::array({"node1"}));
    CHECK(view["groups"]["kvm"]["vars"]["plain"] == "visible");
    CHECK(view["groups"]["kvm"]["secret_vars"] == Value::array({"keystone_admin_password"}));
    CHECK(view["hosts"]["node1"]["vars"]["ok"] == 1);
    CHECK(view["hosts"]["node1"]["secret_vars"].size() == 4);
}
