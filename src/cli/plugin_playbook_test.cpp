// A plugin's `plan` answer loaded as a playbook through the real loader and module
// table: the sample ntp plugin's plays load (apt, copy, service, a handler); a plugin
// that plans an unsupported module is refused with an error naming the plugin.
#include <catch2/catch.hpp>

#include <filesystem>

#include "cli/layer_catalogue.hpp"
#include "cli/run_inputs.hpp"
#include "inventory/loader.hpp"
#include "layers/plugin_playbook.hpp"
#include "temp_dir.hpp"

using namespace scsctl;

namespace {

const std::string k_root = std::string(SCSCTL_SOURCE_DIR) + "/";

model::Inventory load(const std::string& path)
{
    inventory::LoadOptions options;
    options.sources = {k_root + path};
    auto result = inventory::load_inventory(options);
    REQUIRE_FALSE(result.diagnostics.has_errors());
    return std::move(result.inventory);
}

std::unique_ptr<layers::PluginLayer> open(const std::string& name, const std::string& target,
                                          const testing::TempDir& dir)
{
    const auto link = dir.path() / ("scsctl-layer-" + name);
    std::filesystem::create_symlink(target, link);
    auto plugin = layers::PluginLayer::open({name, link.string()}, {}, "test");
    REQUIRE(plugin);
    return std::move(*plugin);
}

} // namespace

TEST_CASE("the sample plugin's plan loads as a playbook", "[plugin]")
{
    testing::TempDir dir;
    auto plugin = open("ntp", k_root + "examples/scsctl-layer-ntp", dir);
    const auto inventory = load("tests/layers/plugins/ntp_valid");
    playbook::LoadOptions options;
    options.modules = cli::module_catalog();
    auto loaded = layers::plugin_layer_playbook(*plugin, inventory, cli::plugin_secret_filter(), dir.path().string(),
                                                options);
    REQUIRE(loaded);
    CHECK(loaded->path == (dir.path() / "ntp.plugin.yml").string());
    REQUIRE(loaded->playbook.plays.size() == 1);
    const auto& play = loaded->playbook.plays[0];
    CHECK(play.hosts == "ntp");
    REQUIRE(play.tasks.size() == 3);
    CHECK(play.tasks[0].action == "apt");
    CHECK(play.tasks[1].action == "copy");
    CHECK(play.tasks[1].args["content"].get<std::string>().find("pool a.example iburst\npool b.example iburst\n") !=
          std::string::npos);
    REQUIRE(play.handlers.size() == 1);
    CHECK(play.handlers[0].name == "restart chrony");
}

TEST_CASE("a plugin that plans an unsupported module is refused, named", "[plugin]")
{
    testing::TempDir dir;
    auto plugin = open("bad-plan", k_root + "tests/layers/plugins/misbehave", dir);
    const auto inventory = load("tests/layers/minimal");
    playbook::LoadOptions options;
    options.modules = cli::module_catalog();
    auto loaded = layers::plugin_layer_playbook(*plugin, inventory, cli::plugin_secret_filter(), dir.path().string(),
                                                options);
    REQUIRE_FALSE(loaded);
    CHECK(cli::layer_exit_code(loaded.error()) == cli::k_exit_plugin);
    const auto& message = loaded.error().message;
    INFO(message);
    CHECK(message.starts_with("layer plugin 'bad-plan' (" + (dir.path() / "scsctl-layer-bad-plan").string() +
                              "): planned plays that do not load: " + (dir.path() / "bad-plan.plugin.yml").string()));
    CHECK(message.find("chrony_conf") != std::string::npos);
}
