// Tests for the filter and test tables. Every expected value was produced by calling the
// same filter/test through ansible-core 2.14.18's Jinja2 environment (Templar) with
// /usr/bin/python3; "ERROR" means Ansible raised.
#include <algorithm>

#include <catch2/catch.hpp>

#include "vars/filters.hpp"

using scsctl::core::Value;
using namespace scsctl::vars;

namespace {

struct Case {
    const char* name;
    const char* input;  ///< JSON
    const char* args;   ///< JSON list of positional arguments
    const char* kwargs; ///< JSON object of named arguments
    const char* expected; ///< json.dumps of the result, or ERROR
};

// Generated: json.dumps(env.call_filter(name, input, args, kwargs, context=...)).
const Case k_filter_cases[] = {
    {"bool", "\"yes\"", "[]", "{}", "true"},
    {"bool", "\"Y\"", "[]", "{}", "false"},
    {"bool", "\"on\"", "[]", "{}", "true"},
    {"bool", "\"TRUE\"", "[]", "{}", "true"},
    {"bool", "1", "[]", "{}", "true"},
    {"bool", "2", "[]", "{}", "false"},
    {"bool", "\"1\"", "[]", "{}", "true"},
    {"bool", "\"no\"", "[]", "{}", "false"},
    {"bool", "null", "[]", "{}", "null"},
    {"bool", "true", "[]", "{}", "true"},
    {"bool", "1.0", "[]", "{}", "true"},
    {"int", "\"3.7\"", "[]", "{}", "3"},
    {"int", "\"42\"", "[]", "{}", "42"},
    {"int", "\" 7 \"", "[]", "{}", "7"},
    {"int", "\"x\"", "[]", "{}", "0"},
    {"int", "3.9", "[]", "{}", "3"},
    {"int", "-3.9", "[]", "{}", "-3"},
    {"int", "true", "[]", "{}", "1"},
    {"int", "\"1_000\"", "[]", "{}", "1000"},
    {"int", "null", "[]", "{}", "0"},
    {"int", "\"x\"", "[5]", "{}", "5"},
    {"int", "\"0x1A\"", "[]", "{\"base\":16}", "26"},
    {"int", "\"1e3\"", "[]", "{}", "1000"},
    {"float", "\"1.5\"", "[]", "{}", "1.5"},
    {"float", "3", "[]", "{}", "3.0"},
    {"float", "\"x\"", "[]", "{}", "0.0"},
    {"float", "\" 2.50 \"", "[]", "{}", "2.5"},
    {"float", "\"1e3\"", "[]", "{}", "1000.0"},
    {"string", "[1,\"a\",null,true]", "[]", "{}", "\"[1, 'a', None, True]\""},
    {"string", "{\"a\":1.0}", "[]", "{}", "\"{'a': 1.0}\""},
    {"string", "12", "[]", "{}", "\"12\""},
    {"lower", "\"HeLLo \u00c9COLE\"", "[]", "{}", "\"hello \\u00e9cole\""},
    {"upper", "\"hello \u00e9cole\"", "[]", "{}", "\"HELLO \\u00c9COLE\""},
    {"capitalize", "\"hELLO wORLD\"", "[]", "{}", "\"Hello world\""},
    {"title", "\"hello wORLD-foo (bar) it's\"", "[]", "{}", "\"Hello World-Foo (Bar) It's\""},
    {"trim", "\"  x y \\n\"", "[]", "{}", "\"x y\""},
    {"trim", "\"xxhixx\"", "[\"x\"]", "{}", "\"hi\""},
    {"replace", "\"a-b-c\"", "[\"-\",\"+\"]", "{}", "\"a+b+c\""},
    {"replace", "\"a-b-c\"", "[\"-\",\"+\",1]", "{}", "\"a+b-c\""},
    {"replace", "\"abc\"", "[\"\",\".\"]", "{}", "\".a.b.c.\""},
    {"split", "\"a b  c\"", "[]", "{}", "[\"a\", \"b\", \"c\"]"},
    {"split", "\"a,b,,c\"", "[\",\"]", "{}", "[\"a\", \"b\", \"\", \"c\"]"},
    {"split", "\" a b c \"", "[null,1]", "{}", "[\"a\", \"b c \"]"},
    {"split", "\"a,b,c\"", "[\",\",1]", "{}", "[\"a\", \"b,c\"]"},
    {"join", "[\"a\",\"b\",1]", "[\", \"]", "{}", "\"a, b, 1\""},
    {"join", "[\"a\",\"b\"]", "[]", "{}", "\"ab\""},
    {"join", "[{\"n\":\"x\"},{\"n\":\"y\"}]", "[\",\"]", "{\"attribute\":\"n\"}", "\"x,y\""},
    {"length", "\"h\u00e9llo\"", "[]", "{}", "5"},
    {"length", "[1,2,3]", "[]", "{}", "3"},
    {"length", "{\"a\":1}", "[]", "{}", "1"},
    {"count", "[1]", "[]", "{}", "1"},
    {"first", "[3,4]", "[]", "{}", "3"},
    {"first", "\"abc\"", "[]", "{}", "\"a\""},
    {"last", "[3,4]", "[]", "{}", "4"},
    {"last", "\"abc\"", "[]", "{}", "\"c\""},
    {"first", "{\"x\":1,\"y\":2}", "[]", "{}", "\"x\""},
    {"unique", "[\"a\",\"A\",\"b\",\"a\"]", "[]", "{}", "[\"a\", \"b\"]"},
    {"unique", "[\"a\",\"A\",\"b\"]", "[]", "{\"case_sensitive\":true}", "[\"a\", \"A\", \"b\"]"},
    {"unique", "[1,1.0,true,2]", "[]", "{}", "[1, 2]"},
    {"unique", "[{\"a\":1},{\"a\":1},{\"a\":2}]", "[]", "{}", "[{\"a\": 1}, {\"a\": 2}]"},
    {"sort", "[\"b\",\"A\",\"c\",\"a\"]", "[]", "{}", "[\"A\", \"a\", \"b\", \"c\"]"},
    {"sort", "[\"b\",\"A\",\"c\"]", "[]", "{\"case_sensitive\":true}", "[\"A\", \"b\", \"c\"]"},
    {"sort", "[3,1,2]", "[true]", "{}", "[3, 2, 1]"},
    {"sort", "[{\"n\":2},{\"n\":1}]", "[]", "{\"attribute\":\"n\"}", "[{\"n\": 1}, {\"n\": 2}]"},
    {"sort", "[1,\"a\"]", "[]", "{}", "ERROR"},
    {"sort", "[2,1.5,true]", "[]", "{}", "[true, 1.5, 2]"},
    // Jinja2 3.1 dictsort and format (expected values printed by Python).
    {"dictsort", "{\"b\":2,\"A\":1,\"c\":0}", "[]", "{}", "[[\"A\", 1], [\"b\", 2], [\"c\", 0]]"},
    {"dictsort", "{\"b\":2,\"A\":1,\"c\":0}", "[]", "{\"by\":\"value\",\"reverse\":true}", "[[\"b\", 2], [\"A\", 1], [\"c\", 0]]"},
    {"dictsort", "{\"b\":2,\"a\":1}", "[true]", "{}", "[[\"a\", 1], [\"b\", 2]]"},
    {"dictsort", "{\"a\":1}", "[]", "{\"by\":\"size\"}", "ERROR"},
    {"dictsort", "[1]", "[]", "{}", "ERROR"},
    {"format", "\"%05d|%s\"", "[42,\"x\"]", "{}", "\"00042|x\""},
    {"format", "\"%-6s|%6.2f|%+d|%x|%#o|%#X|%e|%g|%c|%r|%%|%.2s\"", "[\"ab\",3.14159,5,255,8,255,12345.678,0.0001,65,\"q\",\"hello\"]", "{}",
     "\"ab    |  3.14|+5|ff|0o10|0XFF|1.234568e+04|0.0001|A|'q'|%|he\""},
    {"format", "\"%(x)s!\"", "[]", "{\"x\":1}", "\"1!\""},
    {"format", "\"%d %5.1f%% %*d\"", "[3.9,99.44,4,7]", "{}", "\"3  99.4%    7\""},
    {"format", "\"%d\"", "[\"a\"]", "{}", "ERROR"},
    {"format", "\"%s %s\"", "[1]", "{}", "ERROR"},
    {"format", "\"%s\"", "[1,2]", "{}", "ERROR"},
    {"format", "\"%q\"", "[1]", "{}", "ERROR"},
    {"format", "\"%99999999999999999999s\"", "[1]", "{}", "ERROR"},
    {"format", "\"%.9999999f\"", "[1]", "{}", "ERROR"},
    {"reverse", "[1,2,3]", "[]", "{}", "[3, 2, 1]"},
    {"reverse", "\"abc\"", "[]", "{}", "\"cba\""},
    {"min", "[3,1,2]", "[]", "{}", "1"},
    {"max", "[3,1,2]", "[]", "{}", "3"},
    {"max", "[\"a\",\"B\"]", "[]", "{}", "\"B\""},
    {"min", "[{\"n\":2},{\"n\":1}]", "[]", "{\"attribute\":\"n\"}", "{\"n\": 1}"},
    {"max", "[]", "[]", "{}", "ERROR"},
    {"sum", "[1,2,3]", "[]", "{}", "6"},
    {"sum", "[1,2.5]", "[]", "{}", "3.5"},
    {"sum", "[{\"v\":1},{\"v\":2}]", "[]", "{\"attribute\":\"v\"}", "3"},
    {"sum", "[[1],[2]]", "[]", "{\"start\":[]}", "[1, 2]"},
    {"list", "\"ab\"", "[]", "{}", "[\"a\", \"b\"]"},
    {"list", "{\"a\":1,\"b\":2}", "[]", "{}", "[\"a\", \"b\"]"},
    {"map", "[{\"n\":\"x\"},{\"n\":\"y\"}]", "[]", "{\"attribute\":\"n\"}", "[\"x\", \"y\"]"},
    {"map", "[\"a\",\"B\"]", "[\"upper\"]", "{}", "[\"A\", \"B\"]"},
    {"map", "[\"1\",\"2\"]", "[\"int\"]", "{}", "[1, 2]"},
    {"map", "[{\"n\":1},{}]", "[]", "{\"attribute\":\"n\",\"default\":0}", "[1, 0]"},
    {"map", "[\"a-b\",\"c-d\"]", "[\"replace\",\"-\",\"+\"]", "{}", "[\"a+b\", \"c+d\"]"},
    {"select", "[0,1,2,3,4]", "[\"odd\"]", "{}", "[1, 3]"},
    {"select", "[0,1,\"\",null,\"x\"]", "[]", "{}", "[1, \"x\"]"},
    {"reject", "[1,2,3,4]", "[\"even\"]", "{}", "[1, 3]"},
    {"select", "[1,5,10]", "[\">\",3]", "{}", "[5, 10]"},
    {"select", "[\"a\",\"b\"]", "[\"equalto\",\"a\"]", "{}", "[\"a\"]"},
    {"select", "[\"ab\",\"cd\"]", "[\"match\",\"a\"]", "{}", "[\"ab\"]"},
    {"selectattr", "[{\"a\":1,\"b\":true},{\"a\":2,\"b\":false}]", "[\"b\"]", "{}", "[{\"a\": 1, \"b\": true}]"},
    {"selectattr", "[{\"a\":1},{\"a\":2}]", "[\"a\",\"equalto\",2]", "{}", "[{\"a\": 2}]"},
    {"rejectattr", "[{\"a\":1},{\"a\":2}]", "[\"a\",\"==\",2]", "{}", "[{\"a\": 1}]"},
    {"selectattr", "[{\"a\":1},{\"b\":2}]", "[\"a\",\"defined\"]", "{}", "[{\"a\": 1}]"},
    {"rejectattr", "[{\"a\":1},{\"b\":2}]", "[\"a\",\"defined\"]", "{}", "[{\"b\": 2}]"},
    {"selectattr", "[{\"a\":\"x1\"},{\"a\":\"y\"}]", "[\"a\",\"search\",\"1\"]", "{}", "[{\"a\": \"x1\"}]"},
    {"selectattr", "[{\"a\":{\"b\":1}},{\"a\":{\"b\":2}}]", "[\"a.b\",\"eq\",2]", "{}", "[{\"a\": {\"b\": 2}}]"},
    {"dict2items", "{\"a\":1,\"b\":[2]}", "[]", "{}", "[{\"key\": \"a\", \"value\": 1}, {\"key\": \"b\", \"value\": [2]}]"},
    {"dict2items", "{\"a\":1}", "[]", "{\"key_name\":\"k\",\"value_name\":\"v\"}", "[{\"k\": \"a\", \"v\": 1}]"},
    {"dict2items", "[1]", "[]", "{}", "ERROR"},
    {"items2dict", "[{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":2}]", "[]", "{}", "{\"a\": 1, \"b\": 2}"},
    {"items2dict", "[{\"k\":\"a\",\"v\":1}]", "[]", "{\"key_name\":\"k\",\"value_name\":\"v\"}", "{\"a\": 1}"},
    {"items2dict", "[{\"x\":1}]", "[]", "{}", "ERROR"},
    {"combine", "{\"a\":1,\"b\":{\"x\":1}}", "[{\"b\":{\"y\":2},\"c\":3}]", "{}", "{\"a\": 1, \"b\": {\"y\": 2}, \"c\": 3}"},
    {"combine", "{\"a\":1,\"b\":{\"x\":1}}", "[{\"b\":{\"y\":2}}]", "{\"recursive\":true}", "{\"a\": 1, \"b\": {\"x\": 1, \"y\": 2}}"},
    {"combine", "[{\"a\":1},{\"b\":2},{\"a\":3}]", "[]", "{}", "{\"a\": 3, \"b\": 2}"},
    {"combine", "{\"l\":[1,2]}", "[{\"l\":[2,3]}]", "{\"list_merge\":\"append\"}", "{\"l\": [1, 2, 2, 3]}"},
    {"combine", "{\"l\":[1,2]}", "[{\"l\":[2,3]}]", "{\"list_merge\":\"append_rp\"}", "{\"l\": [1, 2, 3]}"},
    {"combine", "{\"l\":[1,2]}", "[{\"l\":[2,3]}]", "{\"list_merge\":\"prepend\"}", "{\"l\": [2, 3, 1, 2]}"},
    {"combine", "{\"l\":[1,2]}", "[{\"l\":[3]}]", "{\"list_merge\":\"keep\"}", "{\"l\": [1, 2]}"},
    {"combine", "{\"a\":1}", "[{\"b\":2}, {\"a\":5}]", "{}", "{\"a\": 5, \"b\": 2}"},
    {"difference", "[1,2,3,2]", "[[2]]", "{}", "[1, 3]"},
    {"union", "[1,2]", "[[2,3,1]]", "{}", "[1, 2, 3]"},
    {"intersect", "[1,2,3,2]", "[[2,3,4]]", "{}", "[2, 3]"},
    {"symmetric_difference", "[1,2,3]", "[[3,4]]", "{}", "[1, 2, 4]"},
    {"flatten", "[1,[2,[3,[4]]],null]", "[]", "{}", "[1, 2, 3, 4]"},
    {"flatten", "[1,[2,[3,[4]]]]", "[1]", "{}", "[1, 2, [3, [4]]]"},
    {"flatten", "[1,[2,null,\"None\"]]", "[]", "{\"skip_nulls\":false}", "[1, 2, null, \"None\"]"},
    {"zip", "[1,2,3]", "[[\"a\",\"b\"]]", "{}", "[[1, \"a\"], [2, \"b\"]]"},
    {"product", "[1,2]", "[[\"a\",\"b\"]]", "{}", "[[1, \"a\"], [1, \"b\"], [2, \"a\"], [2, \"b\"]]"},
    {"abs", "-3", "[]", "{}", "3"},
    {"abs", "-2.5", "[]", "{}", "2.5"},
    {"round", "2.5", "[]", "{}", "2.0"},
    {"round", "3.14159", "[2]", "{}", "3.14"},
    {"round", "2.675", "[2]", "{}", "2.67"},
    {"round", "5", "[]", "{}", "5"},
    {"round", "2.1", "[0,\"ceil\"]", "{}", "3.0"},
    {"round", "2.9", "[0,\"floor\"]", "{}", "2.0"},
    {"round", "-0.5", "[]", "{}", "-0.0"},
    {"type_debug", "\"x\"", "[]", "{}", "\"str\""},
    {"type_debug", "1", "[]", "{}", "\"int\""},
    {"type_debug", "1.5", "[]", "{}", "\"float\""},
    {"type_debug", "null", "[]", "{}", "\"NoneType\""},
    {"type_debug", "[1]", "[]", "{}", "\"list\""},
    {"type_debug", "{}", "[]", "{}", "\"dict\""},
    {"type_debug", "true", "[]", "{}", "\"bool\""},
    {"ternary", "true", "[\"y\",\"n\"]", "{}", "\"y\""},
    {"ternary", "0", "[\"y\",\"n\"]", "{}", "\"n\""},
    {"ternary", "null", "[\"y\",\"n\",\"none\"]", "{}", "\"none\""},
    {"ternary", "null", "[\"y\",\"n\"]", "{}", "\"n\""},
    {"to_json", "{\"b\":\"\u00e9\",\"a\":[1,2.0,null]}", "[]", "{}", "\"{\\\"b\\\": \\\"\\\\u00e9\\\", \\\"a\\\": [1, 2.0, null]}\""},
    {"to_json", "{\"b\":1,\"a\":2}", "[]", "{\"sort_keys\":true}", "\"{\\\"a\\\": 2, \\\"b\\\": 1}\""},
    {"to_nice_json", "{\"b\":\"\u00e9\",\"a\":[1,2.0,null]}", "[]", "{}", "\"{\\n    \\\"a\\\": [\\n        1,\\n        2.0,\\n        null\\n    ],\\n    \\\"b\\\": \\\"\\\\u00e9\\\"\\n}\""},
    {"to_nice_json", "[1]", "[2]", "{}", "\"[\\n  1\\n]\""},
    {"from_json", "\"{\\\"a\\\": [1, 2.5, null, true]}\"", "[]", "{}", "{\"a\": [1, 2.5, null, true]}"},
    {"from_json", "\"[1, 2\"", "[]", "{}", "ERROR"},
    {"to_yaml", "{\"a\":[1,2],\"b\":\"yes\"}", "[]", "{}", "\"a: [1, 2]\\nb: 'yes'\\n\""},
    {"to_nice_yaml", "{\"a\":[1,2],\"b\":{\"c\":null}}", "[]", "{}", "\"a:\\n- 1\\n- 2\\nb:\\n    c: null\\n\""},
    {"to_nice_yaml", "{\"a\":[1]}", "[2]", "{}", "\"a:\\n- 1\\n\""},
    {"from_yaml", "\"a: yes\\nb: [1, 2.5, ~]\\nc: 'x'\\n\"", "[]", "{}", "{\"a\": true, \"b\": [1, 2.5, null], \"c\": \"x\"}"},
    {"from_yaml", "\"{\\\"a\\\": 1}\"", "[]", "{}", "{\"a\": 1}"},
    {"from_yaml", "5", "[]", "{}", "5"},
    {"b64encode", "\"hello \u00e9\"", "[]", "{}", "\"aGVsbG8gw6k=\""},
    {"b64decode", "\"aGVsbG8gw6k=\"", "[]", "{}", "\"hello \\u00e9\""},
    {"b64decode", "\"aGVsbG8=\"", "[]", "{}", "\"hello\""},
    {"hash", "\"abc\"", "[]", "{}", "\"a9993e364706816aba3e25717850c26c9cd0d89d\""},
    {"hash", "\"abc\"", "[\"md5\"]", "{}", "\"900150983cd24fb0d6963f7d28e17f72\""},
    {"hash", "\"abc\"", "[\"sha256\"]", "{}", "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""},
    {"hash", "\"abc\"", "[\"sha512\"]", "{}", "\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f\""},
    {"md5", "\"abc\"", "[]", "{}", "\"900150983cd24fb0d6963f7d28e17f72\""},
    {"sha1", "\"abc\"", "[]", "{}", "\"a9993e364706816aba3e25717850c26c9cd0d89d\""},
    {"checksum", "\"abc\"", "[]", "{}", "\"a9993e364706816aba3e25717850c26c9cd0d89d\""},
    {"quote", "\"abc\"", "[]", "{}", "\"abc\""},
    {"quote", "\"a b\"", "[]", "{}", "\"'a b'\""},
    {"quote", "\"it's\"", "[]", "{}", "\"'it'\\\"'\\\"'s'\""},
    {"quote", "\"\"", "[]", "{}", "\"''\""},
    {"quote", "null", "[]", "{}", "\"''\""},
    {"quote", "\"a=b,c:d@e%f+g/h.i-j_k\"", "[]", "{}", "\"a=b,c:d@e%f+g/h.i-j_k\""},
    {"quote", "\"$x\"", "[]", "{}", "\"'$x'\""},
    {"basename", "\"/etc/hosts\"", "[]", "{}", "\"hosts\""},
    {"basename", "\"/etc/\"", "[]", "{}", "\"\""},
    {"dirname", "\"/etc/hosts\"", "[]", "{}", "\"/etc\""},
    {"dirname", "\"/etc/\"", "[]", "{}", "\"/etc\""},
    {"dirname", "\"hosts\"", "[]", "{}", "\"\""},
    {"dirname", "\"//x\"", "[]", "{}", "\"//\""},
    {"dirname", "\"/x\"", "[]", "{}", "\"/\""},
    {"regex_replace", "\"hello world\"", "[\"o\",\"0\"]", "{}", "\"hell0 w0rld\""},
    {"regex_replace", "\"a1b22\"", "[\"(\\\\d+)\",\"<\\\\1>\"]", "{}", "\"a<1>b<22>\""},
    {"regex_replace", "\"ABC\"", "[\"b\",\"x\"]", "{\"ignorecase\":true}", "\"AxC\""},
    {"regex_replace", "\"foo=bar\"", "[\"^(?P<k>\\\\w+)=(.*)$\",\"\\\\g<k>: \\\\2\"]", "{}", "\"foo: bar\""},
    {"regex_search", "\"server1.example\"", "[\"server(\\\\d+)\"]", "{}", "\"server1\""},
    {"regex_search", "\"abc\"", "[\"x\"]", "{}", "null"},
    {"regex_search", "\"server12.x\"", "[\"server(\\\\d+)\\\\.(\\\\w)\",\"\\\\1\",\"\\\\2\"]", "{}", "[\"12\", \"x\"]"},
    {"regex_search", "\"k=v\"", "[\"(?P<key>\\\\w)=(?P<val>\\\\w)\",\"\\\\g<val>\"]", "{}", "[\"v\"]"},
    {"regex_search", "\"ABC\"", "[\"b\"]", "{\"ignorecase\":true}", "\"B\""},
    {"regex_findall", "\"a1 b22 c333\"", "[\"\\\\d+\"]", "{}", "[\"1\", \"22\", \"333\"]"},
    {"regex_findall", "\"a=1 b=2\"", "[\"(\\\\w)=(\\\\d)\"]", "{}", "[[\"a\", \"1\"], [\"b\", \"2\"]]"},
    {"regex_findall", "\"a=1 b=2\"", "[\"(\\\\w)=\"]", "{}", "[\"a\", \"b\"]"},
    {"regex_escape", "\"a.b*c[d] e-f\"", "[]", "{}", "\"a\\\\.b\\\\*c\\\\[d\\\\]\\\\ e\\\\-f\""},
    {"regex_escape", "\"a.b*c^\"", "[\"posix_basic\"]", "{}", "\"a\\\\.b\\\\*c\\\\^\""},
};

// Generated: env.call_test(name, input, args, kwargs, context=...).
const Case k_test_cases[] = {
    {"none", "null", "[]", "{}", "true"},
    {"none", "0", "[]", "{}", "false"},
    {"string", "\"x\"", "[]", "{}", "true"},
    {"string", "1", "[]", "{}", "false"},
    {"number", "1", "[]", "{}", "true"},
    {"number", "1.5", "[]", "{}", "true"},
    {"number", "true", "[]", "{}", "true"},
    {"number", "\"1\"", "[]", "{}", "false"},
    {"integer", "1", "[]", "{}", "true"},
    {"integer", "true", "[]", "{}", "false"},
    {"integer", "1.0", "[]", "{}", "false"},
    {"float", "1.0", "[]", "{}", "true"},
    {"float", "1", "[]", "{}", "false"},
    {"boolean", "false", "[]", "{}", "true"},
    {"boolean", "0", "[]", "{}", "false"},
    {"mapping", "{}", "[]", "{}", "true"},
    {"mapping", "[]", "[]", "{}", "false"},
    {"sequence", "[]", "[]", "{}", "true"},
    {"sequence", "\"x\"", "[]", "{}", "true"},
    {"sequence", "{}", "[]", "{}", "true"},
    {"sequence", "1", "[]", "{}", "false"},
    {"iterable", "\"x\"", "[]", "{}", "true"},
    {"iterable", "5", "[]", "{}", "false"},
    {"eq", "1", "[1.0]", "{}", "true"},
    {"equalto", "\"a\"", "[\"a\"]", "{}", "true"},
    {"==", "[1]", "[[1]]", "{}", "true"},
    {"ne", "1", "[2]", "{}", "true"},
    {"lt", "1", "[2]", "{}", "true"},
    {"le", "2", "[2]", "{}", "true"},
    {"gt", "\"b\"", "[\"a\"]", "{}", "true"},
    {"ge", "1", "[2]", "{}", "false"},
    {"lt", "1", "[\"a\"]", "{}", "ERROR"},
    {"in", "\"a\"", "[[\"a\",\"b\"]]", "{}", "true"},
    {"in", "\"ab\"", "[\"xaby\"]", "{}", "true"},
    {"in", "\"k\"", "[{\"k\":1}]", "{}", "true"},
    {"in", "3", "[[1,2]]", "{}", "false"},
    {"contains", "[1,2]", "[2]", "{}", "true"},
    {"contains", "\"abc\"", "[\"bc\"]", "{}", "true"},
    {"odd", "3", "[]", "{}", "true"},
    {"even", "3", "[]", "{}", "false"},
    {"even", "0", "[]", "{}", "true"},
    {"divisibleby", "9", "[3]", "{}", "true"},
    {"divisibleby", "10", "[3]", "{}", "false"},
    {"subset", "[1,2]", "[[1,2,3]]", "{}", "true"},
    {"subset", "[1,4]", "[[1,2,3]]", "{}", "false"},
    {"superset", "[1,2,3]", "[[2]]", "{}", "true"},
    {"truthy", "\"x\"", "[]", "{}", "true"},
    {"truthy", "\"\"", "[]", "{}", "false"},
    {"falsy", "0", "[]", "{}", "true"},
    {"truthy", "\"no\"", "[]", "{\"convert_bool\":true}", "false"},
    {"truthy", "\"yes\"", "[]", "{\"convert_bool\":true}", "true"},
    {"failed", "{\"failed\":true}", "[]", "{}", "true"},
    {"failed", "{\"changed\":true}", "[]", "{}", "false"},
    {"failed", "[1]", "[]", "{}", "ERROR"},
    {"succeeded", "{\"failed\":false}", "[]", "{}", "true"},
    {"success", "{}", "[]", "{}", "true"},
    {"changed", "{\"changed\":true}", "[]", "{}", "true"},
    {"changed", "{\"results\":[{\"changed\":false},{\"changed\":true}]}", "[]", "{}", "true"},
    {"change", "{}", "[]", "{}", "false"},
    {"skipped", "{\"skipped\":true}", "[]", "{}", "true"},
    {"skip", "{\"changed\":true}", "[]", "{}", "false"},
    {"failure", "{\"failed\":1}", "[]", "{}", "true"},
    {"unreachable", "{\"unreachable\":true}", "[]", "{}", "true"},
    {"reachable", "{}", "[]", "{}", "true"},
    {"match", "\"abc\"", "[\"b\"]", "{}", "false"},
    {"match", "\"abc\"", "[\"a\"]", "{}", "true"},
    {"search", "\"abc\"", "[\"b\"]", "{}", "true"},
    {"search", "\"ABC\"", "[\"b\"]", "{\"ignorecase\":true}", "true"},
    {"regex", "\"abc\"", "[\"c$\"]", "{}", "true"},
    {"regex", "\"abc\"", "[\"b\"]", "{\"match_type\":\"match\"}", "false"},
    {"version", "\"1.10\"", "[\"1.9\",\">\"]", "{}", "true"},
    {"version", "\"1.10\"", "[\"1.9\"]", "{}", "false"},
    {"version", "\"2.0\"", "[\"2.0.0\",\"==\"]", "{}", "false"},
    {"version", "\"1.2.3\"", "[\"1.2.3\",\"eq\"]", "{}", "true"},
    {"version", "\"1.2-beta\"", "[\"1.2.1\",\"lt\"]", "{}", "ERROR"},
    {"version", "\"1.0a\"", "[\"1.0b\",\" <\"]", "{}", "ERROR"},
    {"version", "\"1.0a1\"", "[\"1.0\",\"<\"]", "{\"strict\":true}", "true"},
    {"version", "\"1.0\"", "[\"1.0.0\",\"==\"]", "{\"strict\":true}", "true"},
    {"version", "\"1.0.x\"", "[\"1.0\",\"==\"]", "{\"strict\":true}", "ERROR"},
    {"version_compare", "\"2.14.18\"", "[\"2.14.2\",\"ge\"]", "{}", "true"},
    {"version", "\"1.a\"", "[\"1.1\",\"<\"]", "{}", "ERROR"},
    {"version", "\"1.a\"", "[\"1.1\",\"==\"]", "{}", "ERROR"},
    {"version", "\"10.0\"", "[\"9.9\",\"lt\"]", "{}", "false"},
    {"version", "\"1.0\"", "[\"1.0\",\"<>\"]", "{}", "false"},
    {"version", "\"1.0rc1\"", "[\"1.0\",\"<=\"]", "{}", "false"},
    {"lower", "\"abc\"", "[]", "{}", "true"},
    {"upper", "\"ABC\"", "[]", "{}", "true"},
    {"lower", "\"aBc\"", "[]", "{}", "false"},
    {"any", "[0,1]", "[]", "{}", "true"},
    {"all", "[0,1]", "[]", "{}", "false"},
};

FilterArgs make_args(const Case& c)
{
    FilterArgs args;
    const Value positional = Value::parse(c.args);
    const Value named = Value::parse(c.kwargs);
    for (const auto& item : positional) {
        args.positional.push_back(item);
    }
    for (const auto& [key, value] : named.items()) {
        args.named.emplace_back(key, value);
    }
    return args;
}

} // namespace

TEST_CASE("filters behave as in ansible-core 2.14", "[filters]")
{
    for (const auto& c : k_filter_cases) {
        INFO(c.name << " on " << c.input << " args " << c.args << " " << c.kwargs);
        const FilterFn filter = find_filter(c.name);
        REQUIRE(filter != nullptr);
        const auto result = filter(Value::parse(c.input), make_args(c));
        if (std::string_view(c.expected) == "ERROR") {
            CHECK(!result.has_value());
        } else {
            REQUIRE(result.has_value());
            CHECK(result->dump() == Value::parse(c.expected).dump());
        }
    }
}

TEST_CASE("tests behave as in ansible-core 2.14", "[filters]")
{
    for (const auto& c : k_test_cases) {
        INFO(c.name << " on " << c.input << " args " << c.args << " " << c.kwargs);
        const TestFn test = find_test(c.name);
        REQUIRE(test != nullptr);
        const auto result = test(Value::parse(c.input), make_args(c));
        if (std::string_view(c.expected) == "ERROR") {
            CHECK(!result.has_value());
        } else {
            REQUIRE(result.has_value());
            CHECK(*result == (std::string_view(c.expected) == "true"));
        }
    }
}

TEST_CASE("filter and test tables", "[filters]")
{
    CHECK(find_filter("no_such_filter") == nullptr);
    CHECK(find_test("no_such_test") == nullptr);
    CHECK(find_filter("default") == nullptr); // the evaluator's
    CHECK(find_test("defined") == nullptr);   // the evaluator's
    CHECK(std::is_sorted(filter_names().begin(), filter_names().end()));
    CHECK(std::is_sorted(test_names().begin(), test_names().end()));
    CHECK(filter_names().size() >= 60);
    const auto error = find_filter("length")(Value(5), {});
    REQUIRE(!error.has_value());
    CHECK(error.error().message == "object of type 'int' has no len()");
}
