// Tests of parse_python_literal against what Python 3.11's ast.literal_eval and
// ansible-inventory 2.14 (INI host variables) really produce.
#include "inventory/python_literal.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using scsctl::core::Value;
using scsctl::inventory::LiteralKind;
using scsctl::inventory::parse_python_literal;

namespace {

Value literal(const std::string& text)
{
    const auto result = parse_python_literal(text);
    INFO("text: " << text << " reason: " << result.reason);
    REQUIRE(result.kind == LiteralKind::value);
    return result.value;
}

LiteralKind kind_of(const std::string& text)
{
    return parse_python_literal(text).kind;
}

} // namespace

TEST_CASE("integers follow Python's literal rules", "[python_literal]")
{
    CHECK(literal("1") == Value(1));
    CHECK(literal("0x10") == Value(16));
    CHECK(literal("0XFF") == Value(255));
    CHECK(literal("0o17") == Value(15));
    CHECK(literal("-0o17") == Value(-15));
    CHECK(literal("0b101") == Value(5));
    CHECK(literal("1_000") == Value(1000));
    CHECK(literal("0x_1") == Value(1));
    CHECK(literal("00") == Value(0));
    CHECK(literal("0_0") == Value(0));
    CHECK(literal("+4") == Value(4));
    CHECK(literal("- 1") == Value(-1));
    CHECK(literal("-(1)") == Value(-1));
    CHECK(literal("-9223372036854775808") == Value(INT64_MIN));
    CHECK(literal("18446744073709551615") == Value(UINT64_MAX));
    CHECK(literal("1 # comment") == Value(1));
    CHECK(literal(" \t 5") == Value(5));
    CHECK(literal("\f1") == Value(1));
    for (const char* bad : {"010", "0_1", "1__0", "1_", "0x", "0o", "0b2", "1e", "1e+", "1._5", "--1", "-(-1)", "1+2",
                            "+True", "1abc", "\v1", "1 2", "1;"}) {
        INFO(bad);
        CHECK(kind_of(bad) == LiteralKind::not_literal);
    }
    CHECK(kind_of(std::string(4301, '4')) == LiteralKind::not_literal); // int_max_str_digits
}

TEST_CASE("integers beyond 64 bits are reported as unrepresentable", "[python_literal]")
{
    CHECK(kind_of("99999999999999999999") == LiteralKind::unrepresentable);
    CHECK(kind_of("-18446744073709551615") == LiteralKind::unrepresentable);
    CHECK(kind_of("0xfffffffffffffffff") == LiteralKind::unrepresentable);
}

TEST_CASE("floats follow Python's literal rules", "[python_literal]")
{
    CHECK(literal("1.5") == Value(1.5));
    CHECK(literal("1e3") == Value(1000.0));
    CHECK(literal("1e3").is_number_float());
    CHECK(literal(".5") == Value(0.5));
    CHECK(literal("1.") == Value(1.0));
    CHECK(literal("1.e5") == Value(100000.0));
    CHECK(literal("09.5") == Value(9.5));
    CHECK(literal("09e1") == Value(90.0));
    CHECK(literal("1_0.0_1") == Value(10.01));
    CHECK(literal("1.0e-400") == Value(0.0));
    CHECK(std::isinf(literal("1e999").get<double>()));
    CHECK(std::signbit(literal("-0.0").get<double>()));
    CHECK(kind_of("inf") == LiteralKind::not_literal);
    CHECK(kind_of("1.5e308*10") == LiteralKind::not_literal);
}

TEST_CASE("strings, escapes and implicit concatenation", "[python_literal]")
{
    CHECK(literal("'s'") == Value("s"));
    CHECK(literal("\"s\"") == Value("s"));
    CHECK(literal("'a' \"b\"") == Value("ab"));
    CHECK(literal("'a''b'") == Value("ab"));
    CHECK(literal("'''a'b'''") == Value("a'b"));
    CHECK(literal("\"\"\"x\"\"\"") == Value("x"));
    CHECK(literal("'\\x41\\u00e9\\101\\d'") == Value("A\xC3\xA9" "A\\d"));
    CHECK(literal("'\\777'") == Value("\xC7\xBF"));
    CHECK(literal("'\\101\\1010'") == Value("AA0"));
    CHECK(literal("'\\8'") == Value("\\8"));
    CHECK(literal("r'\\n'") == Value("\\n"));
    CHECK(literal("r'\\''") == Value("\\'"));
    CHECK(literal("u'x'") == Value("x"));
    CHECK(literal("'a'#x") == Value("a"));
    CHECK(literal("b'xy'") == Value("xy")); // Ansible decodes a bytes result
    CHECK(literal("Rb'x'") == Value("x"));
    CHECK(literal("b'\\u0041'") == Value("\\u0041"));
    CHECK(literal("'\\\n'") == Value(""));
    for (const char* bad : {"ur'x'", "'a' b'x'", "'\\x4'", "'\\U00110000'", "r'\\'", "'abc", "f'x'", "'a' f'b'",
                            "b'\xC3\xA9'", "'\\N{'", "''' x"}) {
        INFO(bad);
        CHECK(kind_of(bad) == LiteralKind::not_literal);
    }
    CHECK(kind_of("'\\N{EM DASH}'") == LiteralKind::unrepresentable);
    CHECK(kind_of("'\\ud800'") == LiteralKind::unrepresentable);
}

TEST_CASE("constants, lists, tuples and dicts", "[python_literal]")
{
    CHECK(literal("True") == Value(true));
    CHECK(literal("False") == Value(false));
    CHECK(literal("None") == Value(nullptr));
    CHECK(literal("True\t") == Value(true));
    CHECK(kind_of("true") == LiteralKind::not_literal);
    CHECK(kind_of("Truex") == LiteralKind::not_literal);
    CHECK(literal("[1,(2,3)]") == Value::parse("[1,[2,3]]"));
    CHECK(literal("[1,\n2]") == Value::parse("[1,2]"));
    CHECK(literal("(1,)") == Value::parse("[1]"));
    CHECK(literal("()") == Value::array());
    CHECK(literal("1,2") == Value::parse("[1,2]"));
    CHECK(literal("1,") == Value::parse("[1]"));
    CHECK(literal("(1)") == Value(1));
    CHECK(literal("[]") == Value::array());
    CHECK(literal("{}") == Value::object());
    CHECK(literal("{'a':1}") == Value::parse(R"({"a":1})"));
    CHECK(literal("{'a': [1, {'b': None}],}") == Value::parse(R"({"a":[1,{"b":null}]})"));
    CHECK(literal("{1:2, True:3}") == Value::parse(R"({"1":3})"));
    CHECK(literal("{1:2,1.0:3}") == Value::parse(R"({"1":3})"));
    CHECK(literal("{'a':1,'a':2}") == Value::parse(R"({"a":2})"));
    CHECK(literal("{None: 1, False: 2, 1.5: 3}") == Value::parse(R"({"null":1,"false":2,"1.5":3})"));
    CHECK(literal("{'b':1,'a':2}").begin().key() == "b"); // insertion order, as Python dicts
    for (const char* bad : {"{,}", "(,)", "[,]", "[1,,]", "# c", "[1][0]", "{**a}", "[*a]", "x", "1 if 1 else 2",
                            "{1:2, 3}", "{1, 2:3}", "[1", "set(1)", "not True"}) {
        INFO(bad);
        CHECK(kind_of(bad) == LiteralKind::not_literal);
    }
}

TEST_CASE("literals without a JSON form and TypeErrors", "[python_literal]")
{
    // ansible-inventory crashes serialising these ("Object of type set is not JSON serializable").
    for (const char* text : {"{1,2}", "set()", "set( )", "1j", "1+2j", "-1+2j", "[1, 2J]", "...", "[b'x']",
                             "{(1,2):3}", "{1}"}) {
        INFO(text);
        CHECK(kind_of(text) == LiteralKind::unrepresentable);
    }
    // Python raises TypeError, which fails the whole INI source in Ansible.
    CHECK(kind_of("{[1]:2}") == LiteralKind::type_error);
    CHECK(kind_of("{[1,2]}") == LiteralKind::type_error);
    CHECK(kind_of("{(1,[2]):3}") == LiteralKind::type_error);
}

TEST_CASE("nesting is bounded as in Python's tokenizer", "[python_literal]")
{
    const auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    CHECK(parse_python_literal(nested(200)).kind == LiteralKind::value);
    CHECK(kind_of(nested(201)) == LiteralKind::not_literal);
    CHECK(kind_of(std::string(100000, '[')) == LiteralKind::not_literal);
    CHECK(kind_of(std::string(100000, '(')) == LiteralKind::not_literal);
    CHECK(kind_of(std::string(100000, '-') + "1") == LiteralKind::not_literal);
}

TEST_CASE("empty and blank text is not a literal", "[python_literal]")
{
    CHECK(kind_of("") == LiteralKind::not_literal);
    CHECK(kind_of("   ") == LiteralKind::not_literal);
    CHECK(kind_of("'unterminated") == LiteralKind::not_literal);
}
