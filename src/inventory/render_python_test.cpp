// Python text forms against what Python 3.11 (ansible-core 2.14's interpreter) prints.
#include <catch2/catch.hpp>

#include "inventory/render_python.hpp"

using scsctl::core::Value;
using namespace scsctl::inventory;

TEST_CASE("floats print as Python's repr", "[render]")
{
    CHECK(python_float_repr(1e16) == "1e+16");
    CHECK(python_float_repr(1e15) == "1000000000000000.0");
    CHECK(python_float_repr(1e-5) == "1e-05");
    CHECK(python_float_repr(0.0001) == "0.0001");
    CHECK(python_float_repr(1.5e300) == "1.5e+300");
    CHECK(python_float_repr(-0.0) == "-0.0");
    CHECK(python_float_repr(123456789.123) == "123456789.123");
    CHECK(python_float_repr(1e22) == "1e+22");
    CHECK(python_float_repr(5e-324) == "5e-324");
    CHECK(python_float_repr(0.1 + 0.2) == "0.30000000000000004");
    CHECK(python_float_repr(123.0) == "123.0");
    CHECK(python_float_repr(1.5e-7) == "1.5e-07");
    CHECK(python_float_repr(-2.5e20) == "-2.5e+20");
}

TEST_CASE("str() of values matches Python", "[render]")
{
    // str(['a', "it's", 'q"\'', '\n\t\x01é\xa0\u2028', {'k': None, 'x': True}, 1.0, 1e16])
    Value list = Value::array();
    list.push_back("a");
    list.push_back("it's");
    list.push_back("q\"'");
    list.push_back("\n\t\x01\xc3\xa9\xc2\xa0\xe2\x80\xa8");
    Value map = Value::object();
    map["k"] = nullptr;
    map["x"] = true;
    list.push_back(map);
    list.push_back(1.0);
    list.push_back(1e16);
    CHECK(python_str(list) ==
          "['a', \"it's\", 'q\"\\'', '\\n\\t\\x01\xc3\xa9\\xa0\\u2028', {'k': None, 'x': True}, 1.0, 1e+16]");
    CHECK(python_str(Value("plain 'text'")) == "plain 'text'");
    CHECK(python_str(Value(false)) == "False");
    CHECK(python_str(Value::object()) == "{}");
    CHECK(python_str(Value::array()) == "[]");
}

TEST_CASE("json.dumps with sort_keys, indent=4 and ensure_ascii=False", "[render]")
{
    Value value = Value::object();
    value["z"] = Value::array();
    value["a"] = Value::object();
    value["c"] = "\x7f\x01\xe2\x80\xa8\xc3\xa9\"\\";
    value["b"] = Value::array({1, 2.5});
    // Captured from: json.dumps(..., sort_keys=True, indent=4, ensure_ascii=False)
    CHECK(python_json_dumps(value) == "{\n"
                                      "    \"a\": {},\n"
                                      "    \"b\": [\n"
                                      "        1,\n"
                                      "        2.5\n"
                                      "    ],\n"
                                      "    \"c\": \"\x7f\\u0001\xe2\x80\xa8\xc3\xa9\\\"\\\\\",\n"
                                      "    \"z\": []\n"
                                      "}");
    CHECK(python_json_dumps(Value::object()) == "{}");
}
