// Regression tests for the fuzz findings in tests/fuzz/corpus/template/ (crash_* and slow_*):
// each input must give a value or a one-line error, never a crash, hang or exception.
// Depends on vars and Catch2 only.
#include <catch2/catch.hpp>

#include <string>

#include "vars/engine.hpp"
#include "vars/python_format.hpp"

using scsctl::core::Value;
using scsctl::vars::Engine;
using scsctl::vars::ValueScope;

namespace {

/// render_text's result, or "error: <message>".
std::string text(const std::string& tmpl)
{
    const Value none = Value::object();
    const ValueScope scope(none);
    const Engine engine;
    auto out = engine.render_text(tmpl, scope);
    return out ? *out : "error: " + out.error().message;
}

std::string nested_list_text(int depth)
{
    return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

} // namespace

TEST_CASE("radix literals: bad digits are syntax errors, huge ones floats", "[template]")
{
    CHECK(text("{{ 0b2 }}") == "error: template error while templating '{{ 0b2 }}': invalid digit '2' in binary literal");
    CHECK(text("{{ 0o8 }}").find("invalid digit '8' in octal literal") != std::string::npos);
    CHECK(text("{{ 0ba }}").find("invalid binary literal") != std::string::npos);
    CHECK(text("{{ 0x }}").find("invalid hexadecimal literal") != std::string::npos);
    CHECK(text("{{ 0xff }} {{ 0o17 }} {{ 0b101 }} {{ 0x_f_f }}") == "255 15 5 255");
    // Beyond int64 the engine has no bignums: floats, as for decimal literals.
    CHECK(text("{{ 0xffffffffffffffff }}") == "1.8446744073709552e+19");
    CHECK(text("{{ 0xfffffffffffffffffffff }}") == "1.9342813113834067e+25");
}

TEST_CASE("int64 floor division and modulo by -1", "[template]")
{
    CHECK(text("{{ (-9223372036854775807 - 1) % -1 }}") == "0");
    CHECK(text("{{ (-9223372036854775807 - 1) // -1 }}") == "9.223372036854776e+18");
    CHECK(text("{{ 7 // -1 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 % -3 }}") == "-7 -4 2 -2");
}

TEST_CASE("repeat: empty operands, huge counts and the size cap", "[template]")
{
    CHECK(text("{{ '' * 1000000000000000000 }}|{{ [] * 1000000000000000000 }}") == "|[]");
    CHECK(text("{{ 'abcd' * 4611686018427387904 }}") == "error: repeated string is too large");
    CHECK(text("{{ [1, 2] * 4611686018427387904 }}") == "error: repeated list is too large");
    CHECK(text("{{ 'ab' * 3 }} {{ [1] * 2 }} {{ 'x' * -1 }}") == "ababab [1, 1] ");
}

TEST_CASE("deeply nested values: parse limit and printer depth guard", "[template]")
{
    const std::string deep = nested_list_text(40000);
    CHECK(text("{{ '" + deep + "' | from_json }}") == "error: from_json: nesting is deeper than 200 levels");
    CHECK(text("{{ '" + deep + "' | from_yaml | to_json }}") == "error: from_yaml: nesting is deeper than 200 levels");
    CHECK(text("{{ '" + nested_list_text(200) + "' | from_json | to_json }}") == nested_list_text(200));

    Value value = Value::array();
    for (int i = 0; i < 5000; ++i) {
        value = Value::array({std::move(value)});
    }
    const std::string repr = scsctl::vars::python_repr(value);
    CHECK(repr.find("...") != std::string::npos);
    CHECK(scsctl::vars::python_json(value, false).find("\"...\"") != std::string::npos);
    CHECK(scsctl::vars::python_yaml(value, true).find("'...'") != std::string::npos);
    CHECK(scsctl::vars::python_yaml(value, false).find("'...'") != std::string::npos);
}

TEST_CASE("per-render work budget stops runaway loops", "[template]")
{
    CHECK(text("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}") ==
          "error: template exceeds 1000000 loop iterations");
    CHECK(text("{% for i in range(100000) %}{{ 'x' * 60000000 }}{% endfor %}") == "error: template output exceeds 64 MiB");
    CHECK(text("{% for i in range(100000) %}{% if 'x' * 60000000 %}{% endif %}{% endfor %}") ==
          "error: template builds more than 1024 MiB of text");
    // Loop state is per iteration: loop.* updates, sets do not carry over.
    CHECK(text("{% for i in [1, 2, 3] %}{{ loop.index }}{{ loop.last }}{{ x | default('-') }}{% set x = i %}{% endfor %}") ==
          "1False-2False-3True-");
    CHECK(text("{% for i in [1, 2] %}{% set loop = 5 %}{{ loop }}{% endfor %}{% for i in 'ab' %}{{ loop.revindex }}{% endfor %}") ==
          "5521");
}

TEST_CASE("range and abs at the int64 limits", "[template]")
{
    CHECK(text("{{ range(1, 9223372036854775807, 9223372036854775807) | list }}") == "[1]");
    CHECK(text("{{ range(-9223372036854775807, -9223372036854775807 - 1, -5) | list }}") == "[-9223372036854775807]");
    CHECK(text("{{ (-9223372036854775807 - 1) | abs }}") == "9.223372036854776e+18");
    CHECK(text("{{ -5 | abs }} {{ 5 | abs }}") == "5 5"); // Jinja: the filter applies to -5
}

TEST_CASE("integer power: signs, huge and negative exponents", "[template]")
{
    CHECK(text("{{ (-1) ** 3 }} {{ (-1) ** 4 }} {{ (-2) ** 63 }} {{ 2 ** 62 }}") ==
          "-1 1 -9223372036854775808 4611686018427387904");
    CHECK(text("{{ 2 ** 64 }} {{ 2 ** -1 }} {{ 1 ** 1000000000000000000 }}") == "1.8446744073709552e+19 0.5 1");
    CHECK(text("{{ 0 ** -1 }}") == "error: 0.0 cannot be raised to a negative power");
}
