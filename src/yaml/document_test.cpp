// Tests for located YAML parsing and conversion: errors and their places, merge keys,
// duplicate keys, typed keys, hostile input. Behaviours marked "ansible:" were checked
// with ansible-inventory (ansible-core 2.14) on the same text.
#include <catch2/catch.hpp>

#include <cmath>

#include "yaml/document.hpp"

using scsctl::core::Diagnostics;
using scsctl::core::Value;
using namespace scsctl::yaml;

namespace {

const std::string k_file = "f.yml";

/// Parses and converts `text`; REQUIREs that parsing succeeds.
Value load(std::string_view text, Diagnostics& diagnostics)
{
    const auto root = parse(k_file, text, diagnostics);
    REQUIRE(root.has_value());
    return to_value(k_file, *root, diagnostics);
}

Value load_clean(std::string_view text)
{
    Diagnostics diagnostics;
    Value value = load(text, diagnostics);
    CHECK(diagnostics.items().empty());
    return value;
}

std::string only_error(std::string_view text)
{
    Diagnostics diagnostics;
    const auto root = parse(k_file, text, diagnostics);
    if (root) {
        to_value(k_file, *root, diagnostics);
    }
    REQUIRE(diagnostics.error_count() == 1);
    return diagnostics.items().front().str();
}

} // namespace

TEST_CASE("plain, quoted and tagged scalars in a document", "[yaml]")
{
    const Value v = load_clean("a: yes\nb: 'yes'\nc: \"1.5\"\nd: 0x10\ne: !!str 12\nf:\ng: ~\nh: !unsafe '{{ x }}'\n"
                               "i: 2001-12-14\nj: |\n  line\n");
    CHECK(v["a"] == Value(true));
    CHECK(v["b"] == Value("yes"));
    CHECK(v["c"] == Value("1.5"));
    CHECK(v["d"] == Value(16));
    CHECK(v["e"] == Value("12"));
    CHECK(v["f"].is_null());
    CHECK(v["g"].is_null());
    CHECK(v["h"] == Value("{{ x }}"));
    CHECK(v["i"] == Value("2001-12-14"));
    CHECK(v["j"] == Value("line\n"));
}

TEST_CASE("an empty document is null", "[yaml]")
{
    CHECK(load_clean("").is_null());
    CHECK(load_clean("# only a comment\n").is_null());
    CHECK(load_clean("---\n").is_null());
}

TEST_CASE("a second document is an error at its marker (ansible refuses it too)", "[yaml]")
{
    CHECK(only_error("a: 1\n---\nb: 2\n") == "f.yml:2:1: expected a single document, found another one");
    CHECK(only_error("---\na: 1\n--- \nb: 2\n") == "f.yml:3:1: expected a single document, found another one");
}

TEST_CASE("tabs in indentation are reported where they are", "[yaml]")
{
    CHECK(only_error("a:\n\tb: 1\n") == "f.yml:2:1: tab character in indentation");
    CHECK(only_error("a:\n  b: 1\n  c:\n  \td: 1\n") == "f.yml:4:3: tab character in indentation");
    // A tab inside a block scalar is content, not indentation.
    CHECK(load_clean("a: |\n  x\n  \ty\n")["a"] == Value("x\n\ty\n"));
}

TEST_CASE("syntax errors are one located line", "[yaml]")
{
    const std::string message = only_error("a: [1, 2\nb: 3\n");
    CHECK(message.starts_with("f.yml:"));
    CHECK(message.find("invalid yaml: ") != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
    CHECK(only_error("a: *nope\n").starts_with("f.yml:1:4: invalid yaml: "));
}

TEST_CASE("duplicate keys are errors at the second key, the last value is kept", "[yaml]")
{
    Diagnostics diagnostics;
    const Value v = load("a: 1\nb: 2\na: 3\n", diagnostics);
    REQUIRE(diagnostics.error_count() == 1);
    CHECK(diagnostics.items()[0].str() == "f.yml:3:1: duplicate key 'a' (first at line 1)");
    CHECK(v["a"] == Value(3));
    CHECK(v.begin().key() == "a"); // keeps its first position, as a Python dict does
    // ansible: 1 and 1.0 (and true) are the same dict key.
    CHECK(only_error("m:\n  1: a\n  1.0: b\n") == "f.yml:3:3: duplicate key '1.0' (first at line 2)");
}

TEST_CASE("non-string keys are stringified as ansible-inventory prints them", "[yaml]")
{
    // ansible: {"1": ..., "null": ..., "1.5": ..., "16": ..., "false": ..., "Infinity": ...}
    const Value v = load_clean("1: a\nnull: c\n1.5: d\n0x10: g\nfalse: f\n.inf: i\n'1e3': s\n");
    CHECK(v == Value::parse(R"({"1":"a","null":"c","1.5":"d","16":"g","false":"f","Infinity":"i","1e3":"s"})"));
    CHECK(only_error("[1, 2]: x\n") == "f.yml:1:1: a mapping key must be a scalar, got a sequence");
}

TEST_CASE("merge keys apply as in PyYAML", "[yaml]")
{
    const Value v = load_clean("base: &b {x: 1, y: 1}\nother: &o {y: 2, z: 2}\n"
                               "one: {<<: *b, y: 9}\n"
                               "list: {<<: [*b, *o], w: 0}\n"
                               "'<<': literal\n");
    CHECK(v["one"] == Value::parse(R"({"x":1,"y":9})"));
    // Earlier mappings in the list win; merged keys come first.
    CHECK(v["list"] == Value::parse(R"({"y":1,"z":2,"x":1,"w":0})"));
    CHECK(v["<<"] == Value("literal"));
    CHECK(only_error("a: {<<: 3}\n") == "f.yml:1:9: expected a mapping or a sequence of mappings for merging, got an integer");
}

TEST_CASE("anchors and aliases resolve; recursive aliases are errors", "[yaml]")
{
    const Value v = load_clean("a: &x [1, {k: v}]\nb: *x\n");
    CHECK(v["b"] == v["a"]);
    Diagnostics diagnostics;
    load("&a [*a]\n", diagnostics);
    CHECK(diagnostics.has_errors());
}

TEST_CASE("alias bombs are cut off with an error", "[yaml]")
{
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i) {
        const std::string prev = "*a" + std::to_string(i - 1);
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
        for (int j = 1; j < 10; ++j) {
            text += ", " + prev;
        }
        text += "]\n";
    }
    Diagnostics diagnostics;
    load(text, diagnostics);
    REQUIRE(diagnostics.error_count() == 1);
    CHECK(diagnostics.items()[0].message.find("alias bomb") != std::string::npos);
}

TEST_CASE("hostile nesting errors instead of crashing", "[yaml]")
{
    Diagnostics diagnostics;
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK_FALSE(parse(k_file, deep, diagnostics).has_value());
    REQUIRE(diagnostics.error_count() == 1);
    CHECK(diagnostics.items()[0].message.starts_with("nesting is too deep"));

    std::string block;
    for (int i = 0; i < 3000; ++i) {
        block += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
    }
    Diagnostics block_diagnostics;
    CHECK_FALSE(parse(k_file, block, block_diagnostics).has_value());
    CHECK(block_diagnostics.has_errors());
}

TEST_CASE("bad tags and values are located errors", "[yaml]")
{
    CHECK(only_error("a: 1\nb: !foo x\n") == "f.yml:2:4: unknown tag '!foo'");
    CHECK(only_error("a: 0x_\n") == "f.yml:1:4: invalid integer '0x_'");
    CHECK(only_error("a: 2001-02-30\n") == "f.yml:1:4: invalid date '2001-02-30'");
    CHECK(only_error("a: =\n") == "f.yml:1:4: a plain '=' is not a valid value (quote it)");
    CHECK(only_error("a: !!set {x}\n").find("unsupported tag") != std::string::npos);
}

TEST_CASE("load_value reads JSON as json.loads does, else YAML", "[yaml]")
{
    Diagnostics diagnostics;
    // ansible: a JSON file's 1e3 is 1000.0, a YAML file's is the string "1e3".
    CHECK(load_value(k_file, R"({"a": 1e3, "b": [true, null]})", diagnostics) == Value::parse(R"({"a":1000.0,"b":[true,null]})"));
    CHECK(load_value(k_file, "a: 1e3\n", diagnostics) == Value::parse(R"({"a":"1e3"})"));
    CHECK(load_value(k_file, "", diagnostics)->is_null());
    CHECK(diagnostics.items().empty());
    scsctl::core::Location where;
    CHECK_FALSE(load_value(k_file, "a: [\n", diagnostics, &where).has_value());
    CHECK(diagnostics.has_errors());
    CHECK(load_value(k_file, "\n\n- x\n", diagnostics, &where).has_value());
    CHECK(where.line == 3);
}

TEST_CASE("mapping_entries gives typed, located, merged entries", "[yaml]")
{
    Diagnostics diagnostics;
    const auto root = parse(k_file, "d: &d {h1: 1}\ng:\n  <<: *d\n  h2: 2\n  3: x\n", diagnostics);
    REQUIRE(root);
    const auto entries = mapping_entries(k_file, (*root)["g"], diagnostics);
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].name == "h1");
    CHECK(entries[1].name == "h2");
    CHECK(location_of(k_file, entries[1].key).str() == "f.yml:4:3");
    CHECK(entries[2].key_value == Value(3));
    CHECK(entries[2].name == "3");
    CHECK(describe_node((*root)["g"]) == "a mapping");
}
