// Tests for the template engine; expected values checked against ansible-core 2.14.18
// and its Jinja2 (see native_types.cpp for the native-conversion findings).
// Depends on vars and Catch2 only.
#include <catch2/catch.hpp>

#include "vars/engine.hpp"

using scsctl::core::Value;
using scsctl::vars::Engine;
using scsctl::vars::ValueScope;

namespace {

const Value& vars()
{
    static const Value v = Value::parse(R"({
        "lst": [1, "a"], "n": 3, "f": 1.5, "t": true, "nonev": null, "s": "abc", "sfalse": "false",
        "d": {"k": "{{ sfalse }}", "n": 1}, "nested": "{{ lst }}", "vfalse": "{{ 1 == 2 }}",
        "vzero": "{{ 0 }}", "emptys": "", "a": "{{ b }}", "b": "{{ a }}", "names": ["x", "y", "z"],
        "self_ref": "{{ self_ref }}", "num_str": "{{ n }}"
    })");
    return v;
}

std::string text(std::string_view tmpl)
{
    Engine engine;
    ValueScope scope(vars());
    auto out = engine.render_text(tmpl, scope);
    if (!out) {
        FAIL(out.error().message);
    }
    return *out;
}

Value render(std::string_view tmpl)
{
    Engine engine;
    ValueScope scope(vars());
    auto out = engine.render(Value(std::string(tmpl)), scope);
    if (!out) {
        FAIL(out.error().message);
    }
    return *out;
}

std::string error_of(std::string_view tmpl)
{
    Engine engine;
    ValueScope scope(vars());
    auto out = engine.render(Value(std::string(tmpl)), scope);
    REQUIRE_FALSE(out.has_value());
    return out.error().message;
}

bool when(std::string_view expr)
{
    Engine engine;
    ValueScope scope(vars());
    auto out = engine.condition(expr, scope);
    if (!out) {
        FAIL(out.error().message);
    }
    return *out;
}

} // namespace

TEST_CASE("plain strings pass through", "[template]")
{
    CHECK(render("hello") == Value("hello"));
    CHECK(render("[1, 2]") == Value("[1, 2]"));
    CHECK(render("a { b } %") == Value("a { b } %"));
    CHECK_FALSE(Engine::is_template("{ x }"));
    CHECK(Engine::is_template("{# c #}"));
}

TEST_CASE("native conversion follows ansible 2.14", "[template]")
{
    CHECK(render("{{ 1 + 1 }}") == Value("2"));
    CHECK(render("{{ lst }}") == Value::parse(R"([1, "a"])"));
    CHECK(render("[{{ 1 }}, 2]") == Value::parse("[1, 2]"));
    CHECK(render("{{ true }}") == Value(true));
    CHECK(render("{{ 'True' }}") == Value(true));
    CHECK(render("{{ 'yes' }}") == Value("yes"));
    CHECK(render("{{ 'None' }}") == Value("None"));
    CHECK(render(" {{ lst }}") == Value(" [1, 'a']"));
    CHECK(render("{{ lst }} ") == Value::parse(R"([1, "a"])"));
    CHECK(render("{{ '{' }}") == Value("{"));
    CHECK(render("{{ {1: 'a'} }}") == Value::parse(R"({"1": "a"})"));
    CHECK(render("{{ 1.5 }}") == Value("1.5"));
    CHECK(render("{{ none }}") == Value(""));
    CHECK(render("{{ n }}") == Value(3));
    CHECK(render("{{ nonev }}") == Value(nullptr));
    CHECK(render("{{ t }}") == Value(true));
    CHECK(render("{{ num_str }}") == Value("3")); // lazily 3, then printed as a string
    CHECK(render("{{ vzero }}") == Value("0"));
    CHECK(render("a{{ nonev }}b") == Value("ab"));
}

TEST_CASE("render walks lists and mappings", "[template]")
{
    const Value in = Value::parse(R"({"x": ["{{ n }}", "plain"], "{{ s }}": "{{ n + 1 }}"})");
    Engine engine;
    ValueScope scope(vars());
    CHECK(engine.render(in, scope).value() == Value::parse(R"({"x": [3, "plain"], "abc": "4"})"));
}

TEST_CASE("output uses python str", "[template]")
{
    CHECK(text("{{ [nonev] }}|{{ d }}|{{ 1.0 }}|{{ 'a' ~ 1 ~ none }}") == "[None]|{'k': 'false', 'n': 1}|1.0|a1None");
    CHECK(text("{{ t }} {{ lst }}") == "True [1, 'a']");
}

TEST_CASE("arithmetic has python semantics", "[template]")
{
    CHECK(text("{{ 7 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 'ab' * 2 }} {{ 4 / 2 }}") ==
          "3.5 3 -4 2 1024 abab 2.0");
    CHECK(text("{{ -3 // 2 }} {{ 5 / 2 * 2 }} {{ not 0 }} {{ 0 or 'b' }} {{ 1 and 2 }}") == "-2 5.0 True b 2");
    CHECK(text("{{ 2 ** 3 ** 2 }} {{ 10 / 4 }} {{ 7.0 // 2 }} {{ 2 ** -1 }}") == "64 2.5 3.0 0.5");
    CHECK(text("{{ [1] + [2] }} {{ 's' + 't' }} {{ true + 1 }}") == "[1, 2] st 2");
    CHECK(text("{{ 0x10 }} {{ 1_000 }} {{ 1e3 }}") == "16 1000 1000.0");
}

TEST_CASE("comparisons and membership", "[template]")
{
    CHECK(text("{{ [1, 2] == [1, 2.0] }} {{ 1 == True }} {{ 1 < 2 < 3 }} {{ 'a' < 'b' }}") == "True True True True");
    CHECK(text("{{ 'x' in d }} {{ 'k' in d }} {{ 'b' in s }} {{ 5 not in lst }}") == "False True True True");
}

TEST_CASE("literals and access", "[template]")
{
    CHECK(text("{{ 'it''s' }}") == "its");
    CHECK(text(R"({{ "q\"\n\x41\u00e9" }})") == "q\"\nAé");
    CHECK(text("{{ lst[-1] }} {{ 'abc'[1:] }} {{ [1,2,3][::-1] }} {{ names.1 }} {{ d['n'] + 1 }} {{ d.k }}") ==
          "a bc [3, 2, 1] y 2 false");
    CHECK(text("{{ (1) }} {{ (1, 2) }}") == "1 [1, 2]");
}

TEST_CASE("methods on values", "[template]")
{
    CHECK(text("{{ d.keys() | list }}") == "['k', 'n']");
    CHECK(text("{{ d.get('zz', 3) }} {{ 'a,b'.split(',') }} {{ ' a '.strip() }}|") == "3 ['a', 'b'] a|");
    CHECK(text("{{ 'a.b.c'.split('.', 1) }} {{ 'x'.startswith(('y', 'x')) }} {{ '{}-{}'.format(1, 'x') }}") ==
          "['a', 'b.c'] True 1-x");
    CHECK(text("{{ 'Ab'.lower() }}{{ 'Ab'.upper() }} {{ 'aaa'.replace('a', 'b', 2) }} {{ names.index('y') }}") ==
          "abAB bba 1");
}

TEST_CASE("undefined values", "[template]")
{
    CHECK(error_of("{{ zzz }}") == "'zzz' is undefined");
    CHECK(error_of("{{ zzz.x }}") == "'zzz' is undefined");
    CHECK(error_of("{{ lst.foo }}") == "'list object' has no attribute 'foo'");
    CHECK(error_of("{{ d.nope.x }}") == "'dict object' has no attribute 'nope'");
    CHECK(error_of("{{ [1,2][5] }}") == "list object has no element 5");
    CHECK(error_of("{{ zz + 1 }}") == "'zz' is undefined");
    CHECK(text("{{ [1,2][5] is defined }} {{ zzz.x is defined }} {{ zzz is undefined }}") == "False False True");
    CHECK(text("{{ zzz | default('d') }} {{ zzz | d(5) }} {{ '' | default('e', true) }} {{ n | default(1) }}") ==
          "d 5 e 3");
    CHECK(text("{{ 1 if zzz is defined else 2 }}") == "2");
}

TEST_CASE("errors are one line", "[template]")
{
    CHECK(error_of("{{ 1 + 'a' }}") == "unsupported operand type(s) for +: 'int' and 'str'");
    CHECK(error_of("{{ 'a' < 1 }}") == "'<' not supported between instances of 'str' and 'int'");
    CHECK(error_of("{{ 3 % 0 }}") == "integer modulo by zero");
    CHECK(error_of("{{ 1 + }}") == "template error while templating '{{ 1 + }}': expected an expression, got 'end of print statement'");
    CHECK(error_of("{{ 1 }").ends_with("unexpected '}'"));
    CHECK(error_of("{% if %}").ends_with("expected an expression, got 'end of statement block'"));
    CHECK(error_of("{% if 1 %}").ends_with("unexpected end of template, expected 'elif'"));
    CHECK(error_of("{% endif %}").ends_with("encountered unknown tag 'endif'"));
    CHECK(error_of("{{ \"abc }}").ends_with("unexpected char '\"' at 3"));
    CHECK(error_of("{{ foo(1) }}") == "'foo' is undefined");
    CHECK(error_of("{{ x | nofilterzz }}") == "'x' is undefined");
    CHECK(error_of("{{ 1 | nofilterzz }}").starts_with("no filter named 'nofilterzz'"));
    CHECK(error_of("{{ 1 is notestzz }}").starts_with("no test named 'notestzz'"));
}

TEST_CASE("lazy variables and recursion", "[template]")
{
    CHECK(render("{{ nested }}") == Value::parse(R"([1, "a"])"));
    CHECK(render("{{ d }}") == Value::parse(R"({"k": "false", "n": 1})"));
    CHECK(error_of("{{ a }}") == "recursive loop detected in template string: {{ b }}");
    CHECK(error_of("{{ self_ref }}") == "recursive loop detected in template string: {{ self_ref }}");
}

TEST_CASE("deep nesting fails cleanly", "[template]")
{
    CHECK_FALSE(error_of("{{ " + std::string(500, '(') + "1" + std::string(500, ')') + " }}").empty());
    CHECK_FALSE(error_of("{{ " + std::string(500, '[') + std::string(500, ']') + " }}").empty());
    std::string ifs;
    for (int i = 0; i < 300; ++i) {
        ifs += "{% if true %}";
    }
    CHECK_FALSE(error_of(ifs).empty());
    CHECK_FALSE(error_of("{{ " + std::string(1000, '-') + "1 }}").empty());
    CHECK_FALSE(error_of("{{ " + std::string(1000, 'n').insert(0, "not ") + " }}").empty());
}

TEST_CASE("statements", "[template]")
{
    CHECK(text("a {% if true %}x{% endif %}") == "a x");
    CHECK(text("{% if n > 5 %}big{% elif n > 2 %}mid{% else %}small{% endif %}") == "mid");
    CHECK(text("{% for x in [1,2] %}\n{{ x }}\n{% endfor %}") == "1\n2\n");
    CHECK(text("{% for k, v in d.items() %}{{ loop.index }}{{ k }}={{ v }},{{ loop.first }}{{ loop.last }}"
               "{{ loop.length }}{{ loop.revindex }};{% else %}none{% endfor %}{% for x in [] %}{% else %}E{% endfor %}"
               "{% for x in [1,2,3] if x > 1 %}{{ loop.index }}{{ x }}{% endfor %}") ==
          "1k=false,TrueFalse22;2n=1,FalseTrue21;E1223");
    CHECK(text("{% set z = 5 %}{{ z }}{% for x in [1] %}{% set z = 6 %}{% endfor %}{{ z }}{# c #}"
               "{% raw %}{{ x }}{% endraw %} {{- ' t' -}} !") == "55{{ x }} t!");
    CHECK(text("  {% if true %}x{% endif %}\n  {% if true %}\ny{% endif %}\n") == "  x  y\n");
    CHECK(text("{% for x in 'ab' %}{{ loop.index0 }}{{ x }}{% endfor %}") == "0a1b");
    // The loop filter's value may live in the item (an attribute): it is tested while the
    // item is still bound (once read after the frame was freed, and came out false).
    CHECK(text("{% for u in [{'n': 'a', 'on': true}, {'n': 'b', 'on': false}, {'n': 'c', 'on': 1}] if u.on %}"
               "{{ u.n }}{% endfor %}|{% for u in [{'k': [1]}, {'k': []}] if u['k'] %}{{ u.k }}{% endfor %}") ==
          "ac|[1]");
    CHECK(text("a\n\n") == "a\n\n");
}

TEST_CASE("str % args formats as Python does", "[template]")
{
    CHECK(text("{{ 'n%d' % 4 }} {{ '%s-%s' % ('a', 'b') }} {{ '%(a)s-%(b)03d' % {'a': 'x', 'b': 7} }}") ==
          "n4 a-b x-007");
    CHECK(text("{{ '%s' % [1, 2] }}|{{ '%5.1f%%' % 99.44 }}|{{ '% d' % 3 }}") == "[1, 2]| 99.4%| 3");
    CHECK(text("{{ 7 % 3 }}") == "1");
}

TEST_CASE("conditions follow ansible 2.14", "[template]")
{
    CHECK(when("sfalse"));
    CHECK_FALSE(when("{{ sfalse }}"));
    CHECK_FALSE(when("vfalse"));
    CHECK(when("vzero"));
    CHECK_FALSE(when("{{ emptys }}"));
    CHECK_FALSE(when("emptys"));
    CHECK_FALSE(when("nonev"));
    CHECK(when("'a' in 'abc'"));
    CHECK_FALSE(when("[]"));
    CHECK(when("nested"));
    CHECK(when(""));
    CHECK(when("zzz is not defined and n == 3"));
    Engine engine;
    ValueScope scope(vars());
    CHECK(engine.condition("zzz3", scope).error().message == "'zzz3' is undefined");
    CHECK(engine.condition("zzz3.foo", scope).error().message == "'zzz3' is undefined");
}

TEST_CASE("evaluate returns native values", "[template]")
{
    Engine engine;
    ValueScope scope(vars());
    CHECK(engine.evaluate("lst", scope).value() == Value::parse(R"([1, "a"])"));
    CHECK(engine.evaluate("n + 1", scope).value() == Value(4));
    CHECK(engine.evaluate("nested", scope).value() == Value::parse(R"([1, "a"])"));
    CHECK_FALSE(engine.evaluate("n +", scope).has_value());
}

TEST_CASE("overlay scope shadows", "[template]")
{
    Engine engine;
    ValueScope below(vars());
    const Value overlay = Value::parse(R"({"n": 10, "item": "i"})");
    scsctl::vars::OverlayScope scope(below, overlay);
    CHECK(engine.render(Value("{{ n }}-{{ item }}-{{ s }}"), scope).value() == Value("10-i-abc"));
}

TEST_CASE("parsed templates are cached and reused", "[template]")
{
    Engine engine;
    ValueScope scope(vars());
    for (int i = 0; i < 3; ++i) {
        CHECK(engine.render(Value("{{ n * 2 }}"), scope).value() == Value("6"));
        CHECK_FALSE(engine.render(Value("{{ n * }}"), scope).has_value());
    }
}
