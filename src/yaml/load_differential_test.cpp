// Differential tests: load_value (libyaml Tree) against the yaml-cpp path it replaced
// (parse + to_value), on inline cases and on every YAML fuzz corpus input. Values and
// error presence must agree; the cases where they do not are listed in k_differences,
// each checked with PyYAML's CSafeLoader (libyaml, as Ansible loads YAML) and agreeing
// with it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text_file.hpp"
#include "yaml/document.hpp"

using scsctl::core::Diagnostics;
using scsctl::core::Location;
using scsctl::core::Value;
using namespace scsctl::yaml;

namespace {

struct Outcome {
    std::optional<Value> value;
    std::vector<std::string> errors;
    Location root;
};

/// The old load_value: yaml-cpp parsing, then the same conversion rules.
Outcome load_with_yaml_cpp(std::string_view text)
{
    Outcome out;
    Diagnostics diagnostics;
    const std::string path = "f.yml";
    const Typing typing = typing_of(text);
    Diagnostics parse_diagnostics;
    const auto root = parse(path, text, parse_diagnostics);
    if (!root) {
        if (typing == Typing::json) {
            out.value = Value::parse(text); // JSON yaml-cpp cannot read: json.loads reads it
        } else {
            diagnostics.merge(parse_diagnostics);
        }
    } else {
        out.root = location_of(path, *root);
        out.value = to_value(path, *root, diagnostics, typing);
    }
    for (const auto& item : diagnostics.items()) {
        out.errors.push_back(item.str());
    }
    return out;
}

Outcome load_with_libyaml(std::string_view text)
{
    Outcome out;
    Diagnostics diagnostics;
    out.value = load_value("f.yml", text, diagnostics, &out.root);
    for (const auto& item : diagnostics.items()) {
        out.errors.push_back(item.str());
    }
    return out;
}

bool same_value(const std::optional<Value>& a, const std::optional<Value>& b)
{
    if (a.has_value() != b.has_value()) {
        return false;
    }
    return !a || *a == *b || a->dump() == b->dump(); // dump: NaN != NaN
}

bool is_parser_error(const std::string& message)
{
    return message.find("invalid yaml") != std::string::npos || message.find("nesting is too deep") != std::string::npos;
}

/// Syntax errors differ in wording and place between the parsers (yaml-cpp reports where
/// its lookahead stopped, libyaml where the problem is), and so does the depth at which
/// nesting is refused (yaml-cpp counted nodes, the Tree counts collections); all other
/// messages must match exactly.
bool same_errors(const Outcome& a, const Outcome& b)
{
    if (a.errors.size() != b.errors.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.errors.size(); ++i) {
        const bool parser = is_parser_error(a.errors[i]) && is_parser_error(b.errors[i]);
        if (!parser && a.errors[i] != b.errors[i]) {
            return false;
        }
    }
    return true;
}

std::string show(const Outcome& outcome)
{
    std::string out = outcome.value ? outcome.value->dump() : "(no value)";
    for (const auto& error : outcome.errors) {
        out += " | " + error;
    }
    return out;
}

struct Difference {
    std::string_view text;
    std::string_view libyaml; ///< what load_value gives now (show()), as PyYAML does
};

/// Inputs where libyaml and yaml-cpp disagree; in each case PyYAML's CSafeLoader (what
/// Ansible uses; python3 -c 'import yaml; yaml.load(TEXT, Loader=yaml.CSafeLoader)')
/// gives the libyaml result. yaml-cpp accepted all of these.
const std::vector<Difference> k_differences = {
    // PyYAML: {'a': ''}; yaml-cpp dropped the tag of an empty node and made it null.
    {"a: !!str\n", R"({"a":""})"},
    // PyYAML: "did not find expected <document start>"; yaml-cpp ignored the rest after '...'.
    {"a: 1\n...\nb: 2\n", "(no value) | f.yml:3:1: invalid yaml: did not find expected <document start>"},
    // PyYAML: "found duplicate anchor"; yaml-cpp let the second anchor win.
    {"a: &x 1\nb: &x 2\nc: *x\n", "(no value) | f.yml:2:4: invalid yaml: duplicate anchor 'x' (first at line 1)"},
    // PyYAML: "found unexpected end of stream"; yaml-cpp ended the string at the end of input.
    {"a: 'unterminated\n",
     "(no value) | f.yml:2:1: invalid yaml: found unexpected end of stream (while scanning a quoted scalar at line 1 column 4)"},
    // PyYAML: "did not find expected '-' indicator"; yaml-cpp dropped 'b: c'.
    {"- a\nb: c\n", "(no value) | f.yml:2:1: invalid yaml: did not find expected '-' indicator (while parsing a block "
                    "collection at line 1 column 1)"},
    // PyYAML: "could not find expected ':'"; yaml-cpp made b a second key.
    {"- a:\n  b\n", "(no value) | f.yml:3:1: invalid yaml: could not find expected ':' (while scanning a simple key at "
                    "line 2 column 3)"},
    // PyYAML: "did not find expected node content"; yaml-cpp read null.
    {"...\n", "(no value) | f.yml:1:1: invalid yaml: did not find expected node content (while parsing a block node at "
              "line 1 column 1)"},
    // PyYAML: "did not find expected whitespace or line break"; yaml-cpp read the tag '!_P'
    // (and refused it as unknown).
    {"!_P,_", "(no value) | f.yml:1:4: invalid yaml: did not find expected whitespace or line break (while scanning a "
              "tag at line 1 column 1)"},
    {",", "(no value) | f.yml:1:1: invalid yaml: did not find expected node content (while parsing a block node at line "
          "1 column 1)"},
};

void check_same(std::string_view text)
{
    const Outcome old_way = load_with_yaml_cpp(text);
    const Outcome new_way = load_with_libyaml(text);
    INFO("input: " << text);
    INFO("yaml-cpp: " << show(old_way));
    INFO("libyaml:  " << show(new_way));
    for (const auto& difference : k_differences) {
        if (difference.text == text) {
            CHECK(show(new_way) == difference.libyaml);
            return;
        }
    }
    CHECK(old_way.errors.empty() == new_way.errors.empty());
    if (old_way.errors.empty() || new_way.errors.empty()) {
        CHECK(same_value(old_way.value, new_way.value)); // with errors the load fails: values do not matter
    }
    CHECK(same_errors(old_way, new_way));
    if (new_way.errors.empty() && new_way.value && !new_way.value->is_null()) {
        CHECK(old_way.root.line == new_way.root.line);
    }
}

const std::vector<std::string_view> k_cases = {
    "", "# only a comment\n", "---\n", "---\na: 1\n", "a: 1\n---\nb: 2\n", "---\na: 1\n--- \nb: 2\n",
    "a: yes\nb: 'yes'\nc: \"1.5\"\nd: 0x10\ne: !!str 12\nf:\ng: ~\nh: !unsafe '{{ x }}'\ni: 2001-12-14\nj: |\n  line\n",
    "a:\n\tb: 1\n", "a:\n  b: 1\n  c:\n  \td: 1\n", "a: |\n  x\n  \ty\n", "a: [1, 2\nb: 3\n", "a: *nope\n",
    "a: 1\nb: 2\na: 3\n", "m:\n  1: a\n  1.0: b\n", "1: a\nnull: c\n1.5: d\n0x10: g\nfalse: f\n.inf: i\n'1e3': s\n",
    "[1, 2]: x\n", "{a: 1}: x\n", "? [a]\n: b\n",
    "base: &b {x: 1, y: 1}\nother: &o {y: 2, z: 2}\none: {<<: *b, y: 9}\nlist: {<<: [*b, *o], w: 0}\n'<<': literal\n",
    "a: {<<: 3}\n", "a: {<<: [1, {x: 1}]}\n", "a: &x [1, {k: v}]\nb: *x\n", "&a [*a]\n", "&a {k: *a}\n",
    "a: 1\nb: !foo x\n", "a: 0x_\n", "a: 2001-02-30\n", "a: =\n", "a: !!set {x}\n", "= : 1\n",
    R"({"a": 1e3, "b": [true, null]})", "a: 1e3\n", "\n\n- x\n", "[1, 2, 3]", "{\"a\": [1, 2,]}",
    "a: !!int '12'\nb: !!float '1'\nc: !!bool 'yes'\nd: !!null ''\ne: !!timestamp 2001-12-14t21:59:43.10-05:00\n",
    "a: !!map {x: 1}\nb: !!seq [1]\nc: !!str [1]\nd: !!omap [a: 1]\n", "a: ! 12\nb: !unsafe 12\nc: !vault x\n",
    "a: 0b101\nb: 0o17\nc: 017\nd: 1_000\ne: 190:20:30\nf: -0x1F\ng: +12\nh: 1.5e3\ni: 6.8523015e+5\nj: .NaN\n",
    "a: Yes\nb: NO\nc: on\nd: Off\ne: y\nf: n\ng: TRUE\nh: tRUE\n", "a: 'it''s'\nb: \"tab\\tnew\\nline \\u00e9\"\n",
    "a: >\n  folded\n  text\n\n  more\nb: |-\n  keep\n  \nc: |+\n  x\n\n", "key with spaces: v\n\"quoted key\": v\n",
    "a:\n  - b\n  - c: d\n    e: f\n  -\n  - - x\n    - y\n", "- &a a\n- *a\n- &b {x: *a}\n- *b\n",
    "a: b: c\n", "a: 'unterminated\n", "- a\nb: c\n", "a:\n- b\n  c\n", "{a: 1, b}\n", "[a, b]: c\n",
    "a: @x\n", "a: `x\n", "%YAML 1.1\n---\na: 1\n", "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
    "a: !<tag:yaml.org,2002:str> 12\n", "\xef\xbb\xbf" "a: 1\n", "a: 1\r\nb: 2\r\n", "a: 1 # comment\n#c\n",
    "a: [1, [2, [3, {b: [4]}]]]\n", "? a\n? b\n", "a:\n  ? x\n  : y\n", "...\n", "a\n", "'a'\n", "- 1\n- 2\n",
    "all:\n  hosts:\n    web[01:03].example.com:\n      ansible_port: 22\n  children:\n    db:\n      hosts:\n        db1:\n",
    "a: 2001-12-14 21:59:43.10 -5\nb: 2002-12-14\nc: 2001-12-14T21:59:43Z\n", "a: 12:30\nb: 1:2:3\nc: 99:99\n",
    "a: 1.\nb: .5\nc: -.inf\nd: 1e5\ne: 1.0e+5\nf: 0.\ng: 00\nh: 08\ni: 0x\nj: +.5\n",
    "a: {b: 1, b: 2}\n", "a: &anchor\nb: *anchor\n", "? !!str\n: x\n", "<<: {a: 1}\nb: 2\n",
    "a: [1, 2]\n...\n", "a: \"multi\n  line\"\nb: 'x\n\n  y'\n", "a: - b\n", "- a:\n  b\n",
};

std::string read_file(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

} // namespace

TEST_CASE("load_value with libyaml agrees with the yaml-cpp path on inline cases", "[yaml][differential]")
{
    for (auto text : k_cases) {
        check_same(text);
    }
    for (const auto& difference : k_differences) {
        check_same(difference.text);
    }
}

TEST_CASE("load_value with libyaml agrees with the yaml-cpp path on the fuzz corpora", "[yaml][differential]")
{
    const std::filesystem::path corpus = std::filesystem::path(SCSCTL_SOURCE_DIR) / "tests/fuzz/corpus";
    std::size_t inputs = 0;
    for (const char* kind : {"yaml", "playbook"}) {
        for (const auto& entry : std::filesystem::directory_iterator(corpus / kind)) {
            if (!entry.is_regular_file()) {
                continue;
            }
            const std::string text = read_file(entry.path());
            if (scsctl::core::first_invalid_text_byte(text) != std::string_view::npos) {
                continue; // read_text_file refuses these before any YAML parser sees them
            }
            INFO("file: " << entry.path().string());
            check_same(text);
            ++inputs;
        }
    }
    CHECK(inputs > 100);
}

TEST_CASE("load_value refuses deep nesting where the yaml-cpp path did", "[yaml][differential]")
{
    for (std::size_t depth = 495; depth < 503; ++depth) {
        check_same(std::string(depth, '[') + std::string(depth, ']'));
        check_same(std::string(depth, '[') + "x" + std::string(depth, ']'));
    }
}
