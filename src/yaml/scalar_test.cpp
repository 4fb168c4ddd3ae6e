// Tests for YAML 1.1 scalar typing. Expected values were checked against
// ansible-inventory --host (ansible-core 2.14, PyYAML 6.0) on the same scalars.
#include <catch2/catch.hpp>

#include <cmath>

#include "yaml/number.hpp"
#include "yaml/scalar.hpp"
#include "yaml/timestamp.hpp"

using scsctl::core::Value;
using namespace scsctl::yaml;

namespace {

Value plain(std::string_view text)
{
    auto result = resolve_plain(text);
    REQUIRE(result.has_value());
    return *result;
}

} // namespace

TEST_CASE("plain booleans follow PyYAML's resolver exactly", "[yaml]")
{
    for (const char* word : {"yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"}) {
        CHECK(plain(word) == Value(true));
    }
    for (const char* word : {"no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"}) {
        CHECK(plain(word) == Value(false));
    }
    for (const char* word : {"y", "n", "Y", "oFF", "tRUE", "yEs"}) {
        CHECK(plain(word) == Value(word));
    }
}

TEST_CASE("plain integers: binary, hex, octal, underscores, sexagesimal", "[yaml]")
{
    CHECK(plain("0b101") == Value(5));
    CHECK(plain("0x1F") == Value(31));
    CHECK(plain("017") == Value(15));
    CHECK(plain("1_000") == Value(1000));
    CHECK(plain("1:30") == Value(90));
    CHECK(plain("190:20:30") == Value(685230));
    CHECK(plain("-0x_1") == Value(-1));
    CHECK(plain("-0b11") == Value(-3));
    CHECK(plain("+12") == Value(12));
    CHECK(plain("-0") == Value(0));
    CHECK(plain("0_") == Value(0));
    CHECK(plain("-9223372036854775808") == Value(INT64_MIN));
    CHECK(plain("9223372036854775808").is_number_unsigned());
    // Not integers in YAML 1.1.
    CHECK(plain("0o17") == Value("0o17"));
    CHECK(plain("08") == Value("08"));
    CHECK(plain("1:60") == Value("1:60"));
    CHECK(plain("1e3") == Value("1e3"));
}

TEST_CASE("constructing impossible integers fails as PyYAML does", "[yaml]")
{
    CHECK_FALSE(resolve_plain("0x_").has_value());
    CHECK_FALSE(resolve_plain("0b_").has_value());
}

TEST_CASE("plain floats need a dot; exponents need a sign", "[yaml]")
{
    CHECK(plain("1.5") == Value(1.5));
    CHECK(plain("1.") == Value(1.0));
    CHECK(plain(".5") == Value(0.5));
    CHECK(plain("1.0e+3") == Value(1000.0));
    CHECK(plain("1:30.5") == Value(90.5));
    CHECK(plain("1__000.5") == Value(1000.5));
    CHECK(plain("1.0e3") == Value("1.0e3"));
    CHECK(plain("+.5") == Value("+.5"));
    CHECK(std::isinf(plain(".inf").get<double>()));
    CHECK(plain("-.Inf").get<double>() < 0);
    CHECK(std::isnan(plain(".NaN").get<double>()));
    CHECK(plain(".nAn") == Value(".nAn"));
}

TEST_CASE("plain nulls and specials", "[yaml]")
{
    for (const char* word : {"", "~", "null", "Null", "NULL"}) {
        CHECK(plain(word).is_null());
    }
    CHECK(plain("nULL") == Value("nULL"));
    CHECK_FALSE(resolve_plain("=").has_value());
    CHECK_FALSE(resolve_plain("<<").has_value());
}

TEST_CASE("timestamps become Python isoformat strings", "[yaml]")
{
    CHECK(plain("2001-12-14") == Value("2001-12-14"));
    CHECK(plain("2001-12-14t21:59:43.10-05:00") == Value("2001-12-14T21:59:43.100000-05:00"));
    CHECK(plain("2001-12-14 21:59:43.10") == Value("2001-12-14T21:59:43.100000"));
    CHECK(plain("2002-12-14T21:59:43Z") == Value("2002-12-14T21:59:43+00:00"));
    CHECK(plain("2001-01-02 1:02:03 +1") == Value("2001-01-02T01:02:03+01:00"));
    CHECK(plain("2001-01-02T01:02:03.1234567+01:75") == Value("2001-01-02T01:02:03.123456+02:15"));
    CHECK(plain("2001-01-02T01:02:03.000") == Value("2001-01-02T01:02:03"));
    CHECK(plain("2001-1-2") == Value("2001-1-2")); // a date alone needs two-digit month and day
    CHECK_FALSE(resolve_plain("2001-02-30").has_value());
    CHECK(plain("2000-02-29") == Value("2000-02-29"));
}

TEST_CASE("explicit tags", "[yaml]")
{
    CHECK(resolve_tagged("tag:yaml.org,2002:str", "123") == Value("123"));
    CHECK(resolve_tagged("tag:yaml.org,2002:int", "42") == Value(42));
    CHECK(resolve_tagged("tag:yaml.org,2002:int", "0o17") == Value(15));
    CHECK(resolve_tagged("tag:yaml.org,2002:float", "3") == Value(3.0));
    CHECK(resolve_tagged("tag:yaml.org,2002:float", "1e3") == Value(1000.0));
    CHECK(resolve_tagged("tag:yaml.org,2002:bool", "yes") == Value(true));
    CHECK(resolve_tagged("tag:yaml.org,2002:null", "x").value().is_null());
    CHECK(resolve_tagged("!unsafe", "{{ x }}") == Value("{{ x }}"));
    CHECK(resolve_tagged("!", "yes") == Value("yes"));
    CHECK_FALSE(resolve_tagged("tag:yaml.org,2002:bool", "y").has_value());
    CHECK_FALSE(resolve_tagged("tag:yaml.org,2002:int", "abc").has_value());
    CHECK(resolve_tagged("!foo", "x").error() == "unknown tag '!foo'");
    CHECK_FALSE(resolve_tagged("tag:yaml.org,2002:binary", "aGk=").has_value());
}

TEST_CASE("JSON typing reads exponents as floats", "[yaml]")
{
    CHECK(resolve_plain("1e3", Typing::json) == Value(1000.0));
    CHECK(resolve_plain("1.0", Typing::json) == Value(1.0));
    CHECK(resolve_plain("-7", Typing::json) == Value(-7));
    CHECK(resolve_plain("true", Typing::json) == Value(true));
    CHECK(is_json_number("0.5e-3"));
    CHECK_FALSE(is_json_number("01"));
    CHECK_FALSE(is_json_number("1."));
}

TEST_CASE("keys are stringified as Python's json does", "[yaml]")
{
    CHECK(key_to_string(Value(1)) == "1");
    CHECK(key_to_string(Value(nullptr)) == "null");
    CHECK(key_to_string(Value(false)) == "false");
    CHECK(key_to_string(Value(1.5)) == "1.5");
    CHECK(key_to_string(Value(1e20)) == "1e+20");
    CHECK(key_to_string(Value(0.00001)) == "1e-05");
    CHECK(key_to_string(Value(1e15)) == "1000000000000000.0");
    CHECK(key_to_string(Value(INFINITY)) == "Infinity");
    CHECK(key_identity(Value(1)) == key_identity(Value(true)));
    CHECK(key_identity(Value(1)) == key_identity(Value(1.0)));
    CHECK(key_identity(Value(1)) != key_identity(Value("1")));
    CHECK(python_float_repr(0.1) == "0.1");
    CHECK(python_float_repr(-2.5e-7) == "-2.5e-07");
    CHECK(python_float_repr(123456.0) == "123456.0");
}
