// Tests for Python-exact formatting: str/repr, json.dumps (to_json, to_nice_json) and
// PyYAML's dump (to_yaml, to_nice_yaml). Every expected string was produced by python3
// 3.11 with ansible-core 2.14.18's own filter functions (see the generator note below).
#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "vars/python_format.hpp"

using scsctl::core::Value;
using namespace scsctl::vars;

namespace {

struct FormatCase {
    const char* input; ///< JSON text of the value
    const char* str;
    const char* repr;
    const char* to_json;
    const char* to_nice_json;
    const char* to_yaml;
    const char* to_nice_yaml;
};

// Generated with /usr/bin/python3: for each input, str(v), repr(v) and
// ansible.plugins.filter.core.{to_json,to_nice_json,to_yaml,to_nice_yaml}(v).
const FormatCase k_cases[] = {
    {"{\"b\":1,\"a\":[1,2.5,\"x\"]}", "{'b': 1, 'a': [1, 2.5, 'x']}", "{'b': 1, 'a': [1, 2.5, 'x']}", "{\"b\": 1, \"a\": [1, 2.5, \"x\"]}", "{\012    \"a\": [\012        1,\012        2.5,\012        \"x\"\012    ],\012    \"b\": 1\012}", "a: [1, 2.5, x]\012b: 1\012", "a:\012- 1\012- 2.5\012- x\012b: 1\012"},
    {"{\"b\":[1,{\"c\":\"\303\251\"}],\"a\":true}", "{'b': [1, {'c': '\303\251'}], 'a': True}", "{'b': [1, {'c': '\303\251'}], 'a': True}", "{\"b\": [1, {\"c\": \"\\u00e9\"}], \"a\": true}", "{\012    \"a\": true,\012    \"b\": [\012        1,\012        {\012            \"c\": \"\\u00e9\"\012        }\012    ]\012}", "a: true\012b:\012- 1\012- {c: \303\251}\012", "a: true\012b:\012- 1\012-   c: \303\251\012"},
    {"[]", "[]", "[]", "[]", "[]", "[]\012", "[]\012"},
    {"{}", "{}", "{}", "{}", "{}", "{}\012", "{}\012"},
    {"null", "None", "None", "null", "null", "null\012", "null\012"},
    {"true", "True", "True", "true", "true", "true\012", "true\012"},
    {"1.0", "1.0", "1.0", "1.0", "1.0", "1.0\012", "1.0\012"},
    {"1e20", "1e+20", "1e+20", "1e+20", "1e+20", "1.0e+20\012", "1.0e+20\012"},
    {"0.1", "0.1", "0.1", "0.1", "0.1", "0.1\012", "0.1\012"},
    {"1e-05", "1e-05", "1e-05", "1e-05", "1e-05", "1.0e-05\012", "1.0e-05\012"},
    {"123456789012345678", "123456789012345678", "123456789012345678", "123456789012345678", "123456789012345678", "123456789012345678\012", "123456789012345678\012"},
    {"-0.0", "-0.0", "-0.0", "-0.0", "-0.0", "-0.0\012", "-0.0\012"},
    {"\"it's\"", "it's", "\"it's\"", "\"it's\"", "\"it's\"", "it's\012", "it's\012"},
    {"\"say \\\"hi\\\"\"", "say \"hi\"", "'say \"hi\"'", "\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"", "say \"hi\"\012", "say \"hi\"\012"},
    {"\"both ' and \\\"\"", "both ' and \"", "'both \\' and \"'", "\"both ' and \\\"\"", "\"both ' and \\\"\"", "both ' and \"\012", "both ' and \"\012"},
    {"\"tab\\there\\nnl\\r\"", "tab\011here\012nl\015", "'tab\\there\\nnl\\r'", "\"tab\\there\\nnl\\r\"", "\"tab\\there\\nnl\\r\"", "\"tab\\there\\nnl\\r\"\012", "\"tab\\there\\nnl\\r\"\012"},
    {"\"\\u0001\\u007f\\u0085\\u00a0\303\251\\u2028\303\274\360\237\230\200\"", "\001\177\302\205\302\240\303\251\342\200\250\303\274\360\237\230\200", "'\\x01\\x7f\\x85\\xa0\303\251\\u2028\303\274\360\237\230\200'", "\"\\u0001\\u007f\\u0085\\u00a0\\u00e9\\u2028\\u00fc\\ud83d\\ude00\"", "\"\\u0001\\u007f\\u0085\\u00a0\\u00e9\\u2028\\u00fc\\ud83d\\ude00\"", "\"\\x01\\x7F\\N\302\240\303\251\\L\303\274\\U0001F600\"\012", "\"\\x01\\x7F\\N\302\240\303\251\\L\303\274\\U0001F600\"\012"},
    {"[1, [2, 3], {\"a\": null}]", "[1, [2, 3], {'a': None}]", "[1, [2, 3], {'a': None}]", "[1, [2, 3], {\"a\": null}]", "[\012    1,\012    [\012        2,\012        3\012    ],\012    {\012        \"a\": null\012    }\012]", "- 1\012- [2, 3]\012- {a: null}\012", "- 1\012-   - 2\012    - 3\012-   a: null\012"},
    {"{\"k\": [[1, 2], [3]], \"e\": {}}", "{'k': [[1, 2], [3]], 'e': {}}", "{'k': [[1, 2], [3]], 'e': {}}", "{\"k\": [[1, 2], [3]], \"e\": {}}", "{\012    \"e\": {},\012    \"k\": [\012        [\012            1,\012            2\012        ],\012        [\012            3\012        ]\012    ]\012}", "e: {}\012k:\012- [1, 2]\012- [3]\012", "e: {}\012k:\012-   - 1\012    - 2\012-   - 3\012"},
    {"\"yes\"", "yes", "'yes'", "\"yes\"", "\"yes\"", "'yes'\012", "'yes'\012"},
    {"\"123\"", "123", "'123'", "\"123\"", "\"123\"", "'123'\012", "'123'\012"},
    {"\"a: b\"", "a: b", "'a: b'", "\"a: b\"", "\"a: b\"", "'a: b'\012", "'a: b'\012"},
    {"\" lead\"", " lead", "' lead'", "\" lead\"", "\" lead\"", "' lead'\012", "' lead'\012"},
    {"\"trail \"", "trail ", "'trail '", "\"trail \"", "\"trail \"", "'trail '\012", "'trail '\012"},
    {"\"-\"", "-", "'-'", "\"-\"", "\"-\"", "'-'\012", "'-'\012"},
    {"\"- x\"", "- x", "'- x'", "\"- x\"", "\"- x\"", "'- x'\012", "'- x'\012"},
    {"\"#x\"", "#x", "'#x'", "\"#x\"", "\"#x\"", "'#x'\012", "'#x'\012"},
    {"\"a #b\"", "a #b", "'a #b'", "\"a #b\"", "\"a #b\"", "'a #b'\012", "'a #b'\012"},
    {"\"a#b\"", "a#b", "'a#b'", "\"a#b\"", "\"a#b\"", "a#b\012", "a#b\012"},
    {"\"@x\"", "@x", "'@x'", "\"@x\"", "\"@x\"", "'@x'\012", "'@x'\012"},
    {"\"x,y\"", "x,y", "'x,y'", "\"x,y\"", "\"x,y\"", "x,y\012", "x,y\012"},
    {"\"null\"", "null", "'null'", "\"null\"", "\"null\"", "'null'\012", "'null'\012"},
    {"\"~\"", "~", "'~'", "\"~\"", "\"~\"", "'~'\012", "'~'\012"},
    {"\"\"", "", "''", "\"\"", "\"\"", "''\012", "''\012"},
    {"\"2001-12-14\"", "2001-12-14", "'2001-12-14'", "\"2001-12-14\"", "\"2001-12-14\"", "'2001-12-14'\012", "'2001-12-14'\012"},
    {"\"1.5\"", "1.5", "'1.5'", "\"1.5\"", "\"1.5\"", "'1.5'\012", "'1.5'\012"},
    {"\"0x1A\"", "0x1A", "'0x1A'", "\"0x1A\"", "\"0x1A\"", "'0x1A'\012", "'0x1A'\012"},
    {"\"on\"", "on", "'on'", "\"on\"", "\"on\"", "'on'\012", "'on'\012"},
    {"\"Off\"", "Off", "'Off'", "\"Off\"", "\"Off\"", "'Off'\012", "'Off'\012"},
    {"\"y\"", "y", "'y'", "\"y\"", "\"y\"", "y\012", "y\012"},
    {"\"=\" ", "=", "'='", "\"=\"", "\"=\"", "'='\012", "'='\012"},
    {"\"<<\"", "<<", "'<<'", "\"<<\"", "\"<<\"", "'<<'\012", "'<<'\012"},
    {"\"---\"", "---", "'---'", "\"---\"", "\"---\"", "'---'\012", "'---'\012"},
    {"\"line1\\nline2\\n\"", "line1\012line2\012", "'line1\\nline2\\n'", "\"line1\\nline2\\n\"", "\"line1\\nline2\\n\"", "'line1\012\012  line2\012\012  '\012", "'line1\012\012    line2\012\012    '\012"},
    {"\"ends with space \\n x\"", "ends with space \012 x", "'ends with space \\n x'", "\"ends with space \\n x\"", "\"ends with space \\n x\"", "\"ends with space \\n x\"\012", "\"ends with space \\n x\"\012"},
    {"\"key: value\"", "key: value", "'key: value'", "\"key: value\"", "\"key: value\"", "'key: value'\012", "'key: value'\012"},
    {"\"[x]\"", "[x]", "'[x]'", "\"[x]\"", "\"[x]\"", "'[x]'\012", "'[x]'\012"},
    {"\"{x}\"", "{x}", "'{x}'", "\"{x}\"", "\"{x}\"", "'{x}'\012", "'{x}'\012"},
    {"\"*star\"", "*star", "'*star'", "\"*star\"", "\"*star\"", "'*star'\012", "'*star'\012"},
    {"\"&amp\"", "&amp", "'&amp'", "\"&amp\"", "\"&amp\"", "'&amp'\012", "'&amp'\012"},
    {"\"!bang\"", "!bang", "'!bang'", "\"!bang\"", "\"!bang\"", "'!bang'\012", "'!bang'\012"},
    {"\"%pct\"", "%pct", "'%pct'", "\"%pct\"", "\"%pct\"", "'%pct'\012", "'%pct'\012"},
    {"\"|pipe\"", "|pipe", "'|pipe'", "\"|pipe\"", "\"|pipe\"", "'|pipe'\012", "'|pipe'\012"},
    {"\">gt\"", ">gt", "'>gt'", "\">gt\"", "\">gt\"", "'>gt'\012", "'>gt'\012"},
    {"\"`tick\"", "`tick", "'`tick'", "\"`tick\"", "\"`tick\"", "'`tick'\012", "'`tick'\012"},
    {"\"?q\"", "?q", "'?q'", "\"?q\"", "\"?q\"", "?q\012", "?q\012"},
    {"\"? q\"", "? q", "'? q'", "\"? q\"", "\"? q\"", "'? q'\012", "'? q'\012"},
    {"\":colon\"", ":colon", "':colon'", "\":colon\"", "\":colon\"", ":colon\012", ":colon\012"},
    {"\"a:b\"", "a:b", "'a:b'", "\"a:b\"", "\"a:b\"", "a:b\012", "a:b\012"},
    {"\"http://x.y/z\"", "http://x.y/z", "'http://x.y/z'", "\"http://x.y/z\"", "\"http://x.y/z\"", "http://x.y/z\012", "http://x.y/z\012"},
    {"{\"name\": \"web\", \"ports\": [80, 443], \"env\": {\"A\": \"1\", \"B\": \"yes\"}, \"list\": [{\"x\": 1, \"y\": [1, 2]}, \"s\"]}", "{'name': 'web', 'ports': [80, 443], 'env': {'A': '1', 'B': 'yes'}, 'list': [{'x': 1, 'y': [1, 2]}, 's']}", "{'name': 'web', 'ports': [80, 443], 'env': {'A': '1', 'B': 'yes'}, 'list': [{'x': 1, 'y': [1, 2]}, 's']}", "{\"name\": \"web\", \"ports\": [80, 443], \"env\": {\"A\": \"1\", \"B\": \"yes\"}, \"list\": [{\"x\": 1, \"y\": [1, 2]}, \"s\"]}", "{\012    \"env\": {\012        \"A\": \"1\",\012        \"B\": \"yes\"\012    },\012    \"list\": [\012        {\012            \"x\": 1,\012            \"y\": [\012                1,\012                2\012            ]\012        },\012        \"s\"\012    ],\012    \"name\": \"web\",\012    \"ports\": [\012        80,\012        443\012    ]\012}", "env: {A: '1', B: 'yes'}\012list:\012- x: 1\012  y: [1, 2]\012- s\012name: web\012ports: [80, 443]\012", "env:\012    A: '1'\012    B: 'yes'\012list:\012-   x: 1\012    y:\012    - 1\012    - 2\012- s\012name: web\012ports:\012- 80\012- 443\012"},
    {"\"word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word end\"", "word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word end", "'word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word end'", "\"word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word end\"", "\"word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word end\"", "word word word word word word word word word word word word word word word word word\012  word word word word word word word word word word word word word end\012", "word word word word word word word word word word word word word word word word word\012    word word word word word word word word word word word word word end\012"},
    {"{\"key\": \"long text long text long text long text long text long text long text long text long text long text long text long text \"}", "{'key': 'long text long text long text long text long text long text long text long text long text long text long text long text '}", "{'key': 'long text long text long text long text long text long text long text long text long text long text long text long text '}", "{\"key\": \"long text long text long text long text long text long text long text long text long text long text long text long text \"}", "{\012    \"key\": \"long text long text long text long text long text long text long text long text long text long text long text long text \"\012}", "{key: 'long text long text long text long text long text long text long text long\012    text long text long text long text long text '}\012", "key: 'long text long text long text long text long text long text long text long text\012    long text long text long text long text '\012"},
    {"[\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", \"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\", \"z\"]", "['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy', 'z']", "['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy', 'z']", "[\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", \"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\", \"z\"]", "[\012    \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\",\012    \"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\",\012    \"z\"\012]", "[xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx, yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy,\012  z]\012", "- xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\012- yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\012- z\012"},
    {"{\"a\": {\"b\": {\"c\": [1, {\"d\": \"e\"}]}}}", "{'a': {'b': {'c': [1, {'d': 'e'}]}}}", "{'a': {'b': {'c': [1, {'d': 'e'}]}}}", "{\"a\": {\"b\": {\"c\": [1, {\"d\": \"e\"}]}}}", "{\012    \"a\": {\012        \"b\": {\012            \"c\": [\012                1,\012                {\012                    \"d\": \"e\"\012                }\012            ]\012        }\012    }\012}", "a:\012  b:\012    c:\012    - 1\012    - {d: e}\012", "a:\012    b:\012        c:\012        - 1\012        -   d: e\012"},
    {"[[[]]]", "[[[]]]", "[[[]]]", "[[[]]]", "[\012    [\012        []\012    ]\012]", "- - []\012", "-   - []\012"},
    {"[1.5, -2, 1e100, 3.0]", "[1.5, -2, 1e+100, 3.0]", "[1.5, -2, 1e+100, 3.0]", "[1.5, -2, 1e+100, 3.0]", "[\012    1.5,\012    -2,\012    1e+100,\012    3.0\012]", "[1.5, -2, 1.0e+100, 3.0]\012", "- 1.5\012- -2\012- 1.0e+100\012- 3.0\012"},
    {"{\"\303\251\": \"\303\274\", \"Z\": 1, \"a\": 2, \"_\": 3}", "{'\303\251': '\303\274', 'Z': 1, 'a': 2, '_': 3}", "{'\303\251': '\303\274', 'Z': 1, 'a': 2, '_': 3}", "{\"\\u00e9\": \"\\u00fc\", \"Z\": 1, \"a\": 2, \"_\": 3}", "{\012    \"Z\": 1,\012    \"_\": 3,\012    \"a\": 2,\012    \"\\u00e9\": \"\\u00fc\"\012}", "{Z: 1, _: 3, a: 2, \303\251: \303\274}\012", "Z: 1\012_: 3\012a: 2\012\303\251: \303\274\012"},
    {"\"\\ttab start\"", "\011tab start", "'\\ttab start'", "\"\\ttab start\"", "\"\\ttab start\"", "\"\\ttab start\"\012", "\"\\ttab start\"\012"},
    {"\"multi\\n\\nblank\"", "multi\012\012blank", "'multi\\n\\nblank'", "\"multi\\n\\nblank\"", "\"multi\\n\\nblank\"", "'multi\012\012\012  blank'\012", "'multi\012\012\012    blank'\012"},
    {"\"qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\"", "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", "'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq'", "\"qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\"", "\"qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\"", "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\012", "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\012"},
    {"\"a  b\"", "a  b", "'a  b'", "\"a  b\"", "\"a  b\"", "a  b\012", "a  b\012"},
    {"{\"1\": 1, \"10\": 2, \"2\": 3}", "{'1': 1, '10': 2, '2': 3}", "{'1': 1, '10': 2, '2': 3}", "{\"1\": 1, \"10\": 2, \"2\": 3}", "{\012    \"1\": 1,\012    \"10\": 2,\012    \"2\": 3\012}", "{'1': 1, '10': 2, '2': 3}\012", "'1': 1\012'10': 2\012'2': 3\012"},
};

} // namespace

TEST_CASE("python str and repr match CPython", "[python_format]")
{
    for (const auto& c : k_cases) {
        INFO("input: " << c.input);
        const Value value = Value::parse(c.input);
        CHECK(python_str(value) == c.str);
        CHECK(python_repr(value) == c.repr);
    }
}

TEST_CASE("python_json matches ansible's to_json and to_nice_json", "[python_format]")
{
    for (const auto& c : k_cases) {
        INFO("input: " << c.input);
        const Value value = Value::parse(c.input);
        CHECK(python_json(value, false) == c.to_json);
        CHECK(python_json(value, true) == c.to_nice_json);
    }
}

TEST_CASE("python_yaml matches ansible's to_yaml and to_nice_yaml", "[python_format]")
{
    for (const auto& c : k_cases) {
        INFO("input: " << c.input);
        const Value value = Value::parse(c.input);
        CHECK(python_yaml(value, false, 2) == c.to_yaml);
        CHECK(python_yaml(value, true, 4) == c.to_nice_yaml);
    }
}

TEST_CASE("python_json with other indents", "[python_format]")
{
    // json.dumps({"b": [1], "a": {}}, indent=2, sort_keys=False, separators=(',', ': '))
    CHECK(python_json(Value::parse(R"({"b": [1], "a": {}})"), true, 2, false) == "{\n  \"b\": [\n    1\n  ],\n  \"a\": {}\n}");
    // json.dumps(float('inf')), json.dumps(float('nan'))
    CHECK(python_json(Value(std::numeric_limits<double>::infinity()), false) == "Infinity");
    CHECK(python_json(Value(-std::numeric_limits<double>::infinity()), false) == "-Infinity");
    CHECK(python_json(Value(std::nan("")), false) == "NaN");
    // repr(float('inf')), repr(1e16), repr(1e15), repr(-1.5e-7)
    CHECK(python_repr(Value(std::numeric_limits<double>::infinity())) == "inf");
    CHECK(python_repr(Value(1e16)) == "1e+16");
    CHECK(python_repr(Value(1e15)) == "1000000000000000.0");
    CHECK(python_repr(Value(-1.5e-7)) == "-1.5e-07");
    // yaml.dump(float('inf')) and 1e20 with ansible's to_nice_yaml
    CHECK(python_yaml(Value(std::numeric_limits<double>::infinity()), true) == ".inf\n");
    CHECK(python_yaml(Value(1e20), true) == "1.0e+20\n");
}
