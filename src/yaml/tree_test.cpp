// Tests for libyaml Trees: node kinds, yaml-cpp-style tags, locations, shared alias
// nodes, and the located refusals (second document, undefined alias, deep nesting).
#include <catch2/catch.hpp>

#include "yaml/tree_value.hpp"

using scsctl::core::Diagnostics;
using scsctl::core::Value;
using namespace scsctl::yaml;

namespace {

std::string only_error(std::string_view text)
{
    Diagnostics diagnostics;
    CHECK_FALSE(parse_tree("f.yml", text, diagnostics).has_value());
    REQUIRE(diagnostics.error_count() == 1);
    return diagnostics.items().front().str();
}

} // namespace

TEST_CASE("a tree keeps kinds, tags and places of nodes", "[yaml][tree]")
{
    Diagnostics diagnostics;
    const auto tree = parse_tree("f.yml", "a: 1\nb: 'q'\nc: !!str x\nd:\n  - ~\n  - [x]\n", diagnostics);
    REQUIRE(tree);
    const TreeNode root = tree->root();
    REQUIRE(root.is_map());
    REQUIRE(root.child_count() == 8);
    CHECK(root.child(1).tag() == "?");
    CHECK(root.child(3).tag() == "!");
    CHECK(root.child(5).tag() == "tag:yaml.org,2002:str");
    const TreeNode list = root.child(7);
    CHECK(list.is_sequence());
    CHECK(location_of("f.yml", list).str() == "f.yml:5:3");
    CHECK(list.child(0).is_null());
    CHECK(list.child(1).tag() == "?");
    CHECK(location_of("f.yml", list.child(1)).str() == "f.yml:6:5");
}

TEST_CASE("aliases share their anchor's node", "[yaml][tree]")
{
    Diagnostics diagnostics;
    const auto tree = parse_tree("f.yml", "a: &x {k: v}\nb: *x\n", diagnostics);
    REQUIRE(tree);
    CHECK(tree->root().child(1).same(tree->root().child(3)));
    CHECK_FALSE(tree->root().child(0).same(tree->root().child(2)));
}

TEST_CASE("an empty stream has no root; an empty document is a null scalar", "[yaml][tree]")
{
    Diagnostics diagnostics;
    CHECK_FALSE(parse_tree("f.yml", "", diagnostics)->root().is_defined());
    CHECK_FALSE(parse_tree("f.yml", "# c\n", diagnostics)->root().is_defined());
    CHECK(parse_tree("f.yml", "---\n", diagnostics)->root().is_null());
    CHECK(diagnostics.items().empty());
}

TEST_CASE("trees refuse what Ansible's loader refuses, located", "[yaml][tree]")
{
    CHECK(only_error("a: 1\n---\nb: 2\n") == "f.yml:2:1: expected a single document, found another one");
    CHECK(only_error("a: *nope\n") == "f.yml:1:4: invalid yaml: undefined alias 'nope'");
    CHECK(only_error("a: &x 1\nb: &x 2\n") == "f.yml:2:4: invalid yaml: duplicate anchor 'x' (first at line 1)");
    CHECK(only_error("a:\n\tb: 1\n") == "f.yml:2:1: tab character in indentation");
    const std::string message = only_error("a: [1, 2\nb: 3\n");
    CHECK(message.starts_with("f.yml:"));
    CHECK(message.find("invalid yaml: ") != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("hostile nesting is refused instead of recursing", "[yaml][tree]")
{
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(only_error(deep).find("nesting is too deep") != std::string::npos);
    std::string block;
    for (int i = 0; i < 3000; ++i) {
        block += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
    }
    CHECK(only_error(block).find("nesting is too deep") != std::string::npos);
}

TEST_CASE("tree values follow PyYAML's rules like yaml-cpp's nodes do", "[yaml][tree]")
{
    Diagnostics diagnostics;
    const auto tree = parse_tree("f.yml", "b: &b {x: 1}\nm: {<<: *b, y: yes, z: '1'}\nd: 1\nd: 2\n", diagnostics);
    REQUIRE(tree);
    const Value value = to_value("f.yml", tree->root(), diagnostics);
    CHECK(value == Value::parse(R"({"b":{"x":1},"m":{"x":1,"y":true,"z":"1"},"d":2})"));
    REQUIRE(diagnostics.error_count() == 1);
    CHECK(diagnostics.items()[0].str() == "f.yml:4:1: duplicate key 'd' (first at line 3)");
    const auto entries = mapping_entries("f.yml", tree->root().child(3), diagnostics);
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].name == "x");
    CHECK(describe_node(entries[1].value) == "a boolean");
}
