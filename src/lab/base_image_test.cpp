// The base image recipe: flavors' packages, and a cache key that changes with anything
// that changes the image.
#include <catch2/catch.hpp>

#include <algorithm>

#include "lab/base_image.hpp"

using namespace scsctl::lab;

namespace {

bool has(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

TEST_CASE("the full base holds the layers' packages, the minimal one only systemd and sshd", "[lab]")
{
    const auto minimal = flavor_packages(BaseFlavor::minimal);
    const auto full = flavor_packages(BaseFlavor::full);
    for (const char* package : {"systemd", "dbus", "openssh-server", "iproute2", "ethtool"}) {
        CHECK(has(minimal, package));
        CHECK(has(full, package));
    }
    for (const char* package : {"qemu-system-x86", "libvirt-daemon-system", "ceph-osd", "ovn-central", "openvswitch-switch"}) {
        CHECK(has(full, package));
        CHECK_FALSE(has(minimal, package));
    }
    CHECK(parse_flavor("minimal").value() == BaseFlavor::minimal);
    CHECK(parse_flavor("tiny").error().message == "--base must be 'full' or 'minimal', not 'tiny'");
}

TEST_CASE("the cache key changes with the packages, options and sources", "[lab]")
{
    BaseRecipe recipe;
    recipe.flavor = BaseFlavor::minimal;
    recipe.packages = flavor_packages(BaseFlavor::minimal);
    const auto key = recipe_key(recipe);
    CHECK(key.size() == 16);
    CHECK(recipe_key(recipe) == key);
    auto more = recipe;
    more.packages.push_back("curl");
    CHECK(recipe_key(more) != key);
    auto option = recipe;
    option.apt_options.push_back("Acquire::http::Proxy \"http://proxy:3128\"");
    CHECK(recipe_key(option) != key);
    auto sources = recipe;
    sources.sources_text = "deb http://mirror.example/debian bookworm main\n";
    CHECK(recipe_key(sources) != key);
    auto full = recipe;
    full.flavor = BaseFlavor::full;
    CHECK(recipe_key(full) != key);
}

TEST_CASE("the customize hooks remove host keys, disable services and mask nvmf-autoconnect", "[lab]")
{
    std::string hooks;
    for (const auto& hook : customize_hooks()) {
        hooks += hook + "\n";
    }
    CHECK(hooks.find("ssh_host_") != std::string::npos);
    CHECK(hooks.find("disable") != std::string::npos);
    CHECK(hooks.find("mask --quiet nvmf-autoconnect.service") != std::string::npos);
    CHECK(hooks.find("Install-Recommends \"false\"") != std::string::npos);
}
