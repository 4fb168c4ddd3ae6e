// Tests for variable merging and key appending.
#include <catch2/catch.hpp>

#include "core/value.hpp"

using namespace scsctl::core;

TEST_CASE("combine_into replaces top-level keys and keeps their positions", "[value]")
{
    Value base = Value::parse(R"({"a": 1, "b": {"x": 1}, "c": 3})");
    combine_into(base, Value::parse(R"({"b": {"y": 2}, "d": 4})"));
    CHECK(base.dump() == R"({"a":1,"b":{"y":2},"c":3,"d":4})");
}

TEST_CASE("merge_recursive merges nested mappings and replaces the rest", "[value]")
{
    Value base = Value::parse(R"({"a": {"x": 1, "l": [1]}, "b": 2})");
    merge_recursive(base, Value::parse(R"({"a": {"y": 2, "l": [2]}, "b": {"z": 1}})"));
    CHECK(base.dump() == R"({"a":{"x":1,"l":[2],"y":2},"b":{"z":1}})");
}

TEST_CASE("append_new_key adds keys in order and they can be found", "[value]")
{
    Value object = Value::object();
    for (int i = 0; i < 1000; ++i) {
        append_new_key(object, "h" + std::to_string(i), i);
    }
    CHECK(object.size() == 1000);
    CHECK(object.at("h999") == 999);
    CHECK(object.begin().key() == "h0");
}
