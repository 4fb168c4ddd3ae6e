// Free-form argument parsing; expectations captured from ansible-core 2.14's
// parse_kv/split_args on the same strings.
#include <catch2/catch.hpp>

#include "playbook/module_args.hpp"

using namespace scsctl::playbook;
using scsctl::core::Value;

namespace {

Value kv(std::string_view text, bool raw)
{
    auto parsed = parse_kv(text, raw);
    REQUIRE(parsed.has_value());
    return *parsed;
}

} // namespace

TEST_CASE("command free-form keeps the command and extracts chdir/creates", "[playbook]")
{
    CHECK(kv("ls -l chdir=/tmp creates=/x", true) ==
          Value::parse(R"({"chdir":"/tmp","creates":"/x","_raw_params":"ls -l"})"));
    CHECK(kv("echo a=b chdir=/tmp", true) == Value::parse(R"({"chdir":"/tmp","_raw_params":"echo a=b"})"));
    CHECK(kv("executable=/bin/bash echo", true) ==
          Value::parse(R"({"executable":"/bin/bash","_raw_params":"echo"})"));
}

TEST_CASE("k=v arguments: quotes removed, values stay strings", "[playbook]")
{
    CHECK(kv("src=a dest=\"b c\" mode=0644", false) == Value::parse(R"({"src":"a","dest":"b c","mode":"0644"})"));
    CHECK(kv("msg='hello world' x={{ a }}", false) == Value::parse(R"({"msg":"hello world","x":"{{ a }}"})"));
    CHECK(kv("a=1 a=2", false) == Value::parse(R"({"a":"2"})"));
    CHECK(kv("msg=x=y", false) == Value::parse(R"({"msg":"x=y"})"));
    CHECK(kv("k='x'y", false) == Value::parse(R"({"k":"'x'y"})"));
    CHECK(kv("a=\"b c\"d", false) == Value::parse(R"({"a":"\"b c\"d"})"));
}

TEST_CASE("jinja blocks and quotes keep spaces inside one token", "[playbook]")
{
    CHECK(kv("echo {{ x | default('a b') }} removes=/y", true) ==
          Value::parse(R"({"removes":"/y","_raw_params":"echo {{ x | default('a b') }}"})"));
    CHECK(kv("echo 'a  b' x", true) == Value::parse(R"({"_raw_params":"echo 'a  b' x"})"));
}

TEST_CASE("spacing and newlines of the raw command are preserved", "[playbook]")
{
    CHECK(kv("ls  -l   chdir=/tmp", true) == Value::parse(R"({"chdir":"/tmp","_raw_params":"ls  -l  "})"));
    CHECK(kv("echo hi\nsecond line chdir=/t", true) ==
          Value::parse(R"({"chdir":"/t","_raw_params":"echo hi\nsecond line"})"));
    CHECK(kv("echo hi\n\nthere", true) == Value::parse(R"({"_raw_params":"echo hi\n\nthere"})"));
    CHECK(kv("ls\t-l", true) == Value::parse(R"({"_raw_params":"ls\t-l"})"));
}

TEST_CASE("escapes are decoded in values, escaped = is not a separator", "[playbook]")
{
    CHECK(kv(R"(a=x\ny)", false) == Value::parse(R"({"a":"x\ny"})"));
    CHECK(kv(R"(a="x\"y")", false) == Value::parse(R"({"a":"x\"y"})"));
    CHECK(kv(R"(a=\u00e9)", false) == Value::parse(R"({"a":"é"})"));
    CHECK(kv(R"(a\=b c=d)", false) == Value::parse(R"({"c":"d","_raw_params":"a\\=b"})"));
    CHECK(kv(R"(echo a\tb)", true) == Value::parse(R"({"_raw_params":"echo a\\tb"})"));
}

TEST_CASE("tokens without a key stay raw", "[playbook]")
{
    CHECK(kv("hello", false) == Value::parse(R"({"_raw_params":"hello"})"));
    CHECK(kv("a = b", false) == Value::parse(R"({"_raw_params":"a = b"})"));
    CHECK(kv("=x", false) == Value::parse(R"({"_raw_params":"=x"})"));
    CHECK(kv("", false) == Value::object());
}

TEST_CASE("unbalanced quotes or jinja blocks fail", "[playbook]")
{
    CHECK_FALSE(parse_kv("a='b", false).has_value());
    CHECK_FALSE(parse_kv("echo {{ a", true).has_value());
    CHECK(parse_kv("a='b", false).error().starts_with("failed at splitting arguments"));
}

TEST_CASE("which modules take free-form text", "[playbook]")
{
    CHECK(is_freeform_action("command"));
    CHECK(is_freeform_action("ansible.builtin.shell"));
    CHECK_FALSE(is_freeform_action("copy"));
    CHECK(accepts_raw_params("set_fact"));
    CHECK(accepts_raw_params("include_tasks"));
    CHECK_FALSE(accepts_raw_params("debug"));
}
