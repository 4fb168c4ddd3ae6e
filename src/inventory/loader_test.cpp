// load_inventory on inventories on disk: directory order and ignore rules, several -i
// sources, format detection and located errors. Expected outputs were captured from
// ansible-inventory 2.14 on the same files.
#include <catch2/catch.hpp>

#include <filesystem>

#include "inventory/loader.hpp"
#include "inventory/render_inventory.hpp"
#include "inventory/source_file.hpp"
#include "temp_dir.hpp"

using namespace scsctl::inventory;
using scsctl::testing::TempDir;

namespace {

LoadResult load(std::vector<std::string> sources)
{
    LoadOptions options;
    options.sources = std::move(sources);
    return load_inventory(options);
}

std::string messages(const scsctl::core::Diagnostics& diagnostics)
{
    std::string out;
    for (const auto& item : diagnostics.items()) {
        out += item.str() + "\n";
    }
    return out;
}

} // namespace

TEST_CASE("directories load in sorted order, skipping ignored entries", "[loader]")
{
    TempDir dir;
    dir.write("inv/b.yml", "all:\n  children:\n    web:\n      hosts:\n        w1:\n        w2:\n");
    dir.write("inv/a", "[db]\nd1\n[web]\nw0\n");
    dir.write("inv/c.ini", "[bad]\nx1\n");
    dir.write("inv/README.md", "r1\n");
    dir.write("inv/.hidden", "h1\n");
    dir.write("inv/notes~", "n1\n");
    dir.write("inv/sub/z.yml", "all:\n  hosts:\n    z1:\n");
    dir.write("inv/sub/group_vars/all.yml", "from_sub: 1\n");
    dir.write("inv/group_vars/web.yml", "web_var: 1\n");
    dir.write("other/hosts", "[extra]\ne1 x=1\n");
    const auto root = dir.path().string();
    auto result = load({root + "/inv", root + "/other/hosts"});
    INFO(messages(result.diagnostics));
    REQUIRE_FALSE(result.diagnostics.has_errors());
    // ansible-inventory -i inv -i other/hosts --list
    CHECK(render_list(result.inventory) == R"({
    "_meta": {
        "hostvars": {
            "e1": {
                "x": 1
            },
            "w0": {
                "web_var": 1
            },
            "w1": {
                "web_var": 1
            },
            "w2": {
                "web_var": 1
            }
        }
    },
    "all": {
        "children": [
            "ungrouped",
            "web",
            "db",
            "extra"
        ]
    },
    "db": {
        "hosts": [
            "d1"
        ]
    },
    "extra": {
        "hosts": [
            "e1"
        ]
    },
    "ungrouped": {
        "hosts": [
            "z1"
        ]
    },
    "web": {
        "hosts": [
            "w0",
            "w1",
            "w2"
        ]
    }
}
)");
}

TEST_CASE("executable files starting with #! are refused as scripts", "[loader]")
{
    TempDir dir;
    const auto script = dir.write("inventory.py", "#!/usr/bin/env python3\nprint('{}')\n");
    std::filesystem::permissions(script, std::filesystem::perms::owner_exec, std::filesystem::perm_options::add);
    auto result = load({script});
    REQUIRE(result.diagnostics.error_count() == 1);
    CHECK(result.diagnostics.items().front().where.file == script);
    CHECK(result.diagnostics.items().front().message.starts_with("dynamic inventory scripts are not supported"));
}

TEST_CASE("an executable file without #! is read as data, as Ansible falls back", "[loader]")
{
    TempDir dir;
    const auto file = dir.write("exe.yml", "all:\n  hosts:\n    x1:\n");
    std::filesystem::permissions(file, std::filesystem::perms::owner_exec, std::filesystem::perm_options::add);
    auto result = load({file});
    INFO(messages(result.diagnostics));
    REQUIRE_FALSE(result.diagnostics.has_errors());
    CHECK(result.inventory.find_host("x1").has_value());
}

TEST_CASE("YAML files that are not mappings fall back to INI", "[loader]")
{
    TempDir dir;
    // ansible-inventory: an empty .yml is an empty inventory; a lone scalar is an INI host.
    auto empty = load({dir.write("empty.yml", "")});
    CHECK_FALSE(empty.diagnostics.has_errors());
    CHECK(empty.inventory.hosts().empty());
    auto scalar = load({dir.write("scalar.yml", "foo\n")});
    INFO(messages(scalar.diagnostics));
    REQUIRE_FALSE(scalar.diagnostics.has_errors());
    CHECK(scalar.inventory.find_host("foo").has_value());
    auto noext = load({dir.write("noext", "foo\nbar\n")});
    REQUIRE_FALSE(noext.diagnostics.has_errors());
    CHECK(noext.inventory.hosts().size() == 2);
    auto ini_yml = load({dir.write("ini.yml", "[g]\nh1\n")});
    REQUIRE_FALSE(ini_yml.diagnostics.has_errors());
    CHECK(ini_yml.inventory.find_group("g").has_value());
}

TEST_CASE("a YAML list in a .yml file is a located structure error", "[loader]")
{
    TempDir dir;
    const auto file = dir.write("list.yml", "- a\n- b c\n");
    auto result = load({file});
    REQUIRE(result.diagnostics.error_count() == 1);
    CHECK(result.diagnostics.items().front().str() ==
          file + ":1:1: a YAML inventory must be a mapping of group names, got a sequence");
}

TEST_CASE("YAML syntax errors in .yml files are reported located", "[loader]")
{
    TempDir dir;
    const auto file = dir.write("bad.yml", "all:\n  hosts: [\n");
    auto result = load({file});
    REQUIRE(result.diagnostics.has_errors());
    CHECK(result.diagnostics.items().front().where.file == file);
    CHECK(result.diagnostics.items().front().where.line > 0);
}

TEST_CASE("inventory plugin configuration files are refused", "[loader]")
{
    TempDir dir;
    const auto file = dir.write("aws_ec2.yml", "plugin: amazon.aws.aws_ec2\n");
    auto result = load({file});
    REQUIRE(result.diagnostics.error_count() == 1);
    CHECK(result.diagnostics.items().front().str() ==
          file + ":1:1: inventory plugin configuration files are not supported (plugin: amazon.aws.aws_ec2)");
}

TEST_CASE("text that clearly is YAML is told apart from INI", "[loader]")
{
    CHECK(looks_like_yaml("# c\nall:\n  hosts:\n"));
    CHECK(looks_like_yaml("---\n"));
    CHECK(looks_like_yaml("web: {hosts: {}}\n"));
    CHECK_FALSE(looks_like_yaml("[web]\nw1\n"));
    CHECK_FALSE(looks_like_yaml("w1:2222 ansible_user=x\n"));
    CHECK_FALSE(looks_like_yaml("w1 a=b: c\n"));
}
