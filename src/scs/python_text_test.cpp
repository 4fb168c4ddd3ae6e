// Tests of Python's repr() of str and float (expected values printed by CPython 3.11).
#include <catch2/catch.hpp>

#include "scs/python_text.hpp"

using namespace scsctl::scs;

TEST_CASE("python_str_repr quotes and escapes as CPython 3.11 does", "[scs]")
{
    CHECK(python_str_repr("") == "''");
    CHECK(python_str_repr("hh") == "'hh'");
    CHECK(python_str_repr("it'") == "\"it'\"");
    CHECK(python_str_repr("a\"b'") == "'a\"b\\''");
    CHECK(python_str_repr("\\") == "'\\\\'");
    // 'a\x00\t\r\n\x7f\x80é\xa0\xad\u2028\ue000😀"\'\\'
    CHECK(python_str_repr(std::string("a\0\t\r\n\x7f\xc2\x80\xc3\xa9\xc2\xa0\xc2\xad\xe2\x80\xa8\xee\x80\x80"
                                      "\xf0\x9f\x98\x80\"'\\",
                                      27)) ==
          "'a\\x00\\t\\r\\n\\x7f\\x80\xc3\xa9\\xa0\\xad\\u2028\\ue000\xf0\x9f\x98\x80\"\\'\\\\'");
    // undecodable bytes are surrogate escapes, as in sys.argv
    CHECK(python_str_repr("\xff\xc3") == "'\\udcff\\udcc3'");
    CHECK(python_str_repr("\xed\xa0\x80") == "'\\udced\\udca0\\udc80'"); // an encoded surrogate
    CHECK(python_str_repr("\xe0\x80\xaf") == "'\\udce0\\udc80\\udcaf'"); // overlong
    CHECK(python_str_repr("\xf4\x90\x80\x80") == "'\\udcf4\\udc90\\udc80\\udc80'"); // above U+10FFFF
    CHECK(python_str_repr("\xf3\xb0\x80\x80") == "'\\U000f0000'"); // private use plane 15
}

TEST_CASE("python_printable follows str.isprintable", "[scs]")
{
    CHECK(python_printable('a'));
    CHECK_FALSE(python_printable(0x7f));
    CHECK_FALSE(python_printable(0xa0));
    CHECK(python_printable(0xe9));
    CHECK_FALSE(python_printable(0x378)); // unassigned
    CHECK(python_printable(0x1F600));
    CHECK_FALSE(python_printable(0x10FFFF));
}

TEST_CASE("python_float_repr gives CPython's shortest repr", "[scs]")
{
    CHECK(python_float_repr(0.0) == "0.0");
    CHECK(python_float_repr(0.25) == "0.25");
    CHECK(python_float_repr(0.3) == "0.3");
    CHECK(python_float_repr(1.0 / 3) == "0.3333333333333333");
    CHECK(python_float_repr(0.0001) == "0.0001");
    CHECK(python_float_repr(1e-05) == "1e-05");
    CHECK(python_float_repr(4.0) == "4.0");
    CHECK(python_float_repr(1234567890123456.0) == "1234567890123456.0");
    CHECK(python_float_repr(1e16) == "1e+16");
    CHECK(python_float_repr(11111111111111111111.0) == "1.111111111111111e+19");
    CHECK(python_float_repr(1e308) == "1e+308");
    CHECK(python_float_repr(5e-324) == "5e-324");
    CHECK(python_float_repr(1.0 / 0.0) == "inf");
}

TEST_CASE("python_int_limit_message is int()'s ValueError", "[scs]")
{
    CHECK(python_int_limit_message(4301) ==
          "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use "
          "sys.set_int_max_str_digits() to increase the limit");
}
