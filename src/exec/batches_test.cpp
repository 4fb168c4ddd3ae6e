// split_batches: serial as Ansible 2.14 splits a play's hosts (pct_to_int over the whole
// play's host count, at least 1; the last list entry repeats; 0 or null: one batch).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "exec/batches.hpp"

using scsctl::core::Value;
using scsctl::exec::split_batches;

namespace {

std::vector<std::string> hosts_n(std::size_t n)
{
    std::vector<std::string> out;
    for (std::size_t i = 1; i <= n; ++i) {
        out.push_back("h" + std::to_string(i));
    }
    return out;
}

/// Batch sizes, or {-1} on error.
std::vector<int> sizes(std::size_t hosts, const Value& serial)
{
    auto batches = split_batches(hosts_n(hosts), serial);
    if (!batches) {
        return {-1};
    }
    std::vector<int> out;
    for (const auto& batch : *batches) {
        out.push_back(static_cast<int>(batch.size()));
    }
    return out;
}

} // namespace

TEST_CASE("split_batches: null and 0 give one batch", "[exec]")
{
    CHECK(sizes(5, nullptr) == std::vector<int>{5});
    CHECK(sizes(5, 0) == std::vector<int>{5});
    CHECK(sizes(5, "0") == std::vector<int>{5});
    CHECK(sizes(5, Value::array({0})) == std::vector<int>{5});
}

TEST_CASE("split_batches: integer serial", "[exec]")
{
    CHECK(sizes(10, 3) == std::vector<int>{3, 3, 3, 1});
    CHECK(sizes(3, 1) == std::vector<int>{1, 1, 1});
    CHECK(sizes(3, 5) == std::vector<int>{3});
    CHECK(sizes(4, "2") == std::vector<int>{2, 2});
}

TEST_CASE("split_batches: keeps host order within and across batches", "[exec]")
{
    auto batches = split_batches(hosts_n(5), 2);
    REQUIRE(batches);
    REQUIRE(batches->size() == 3);
    CHECK((*batches)[0] == std::vector<std::string>{"h1", "h2"});
    CHECK((*batches)[1] == std::vector<std::string>{"h3", "h4"});
    CHECK((*batches)[2] == std::vector<std::string>{"h5"});
}

TEST_CASE("split_batches: percentages round down, at least one host", "[exec]")
{
    CHECK(sizes(10, "30%") == std::vector<int>{3, 3, 3, 1});
    CHECK(sizes(10, "25%") == std::vector<int>{2, 2, 2, 2, 2});
    CHECK(sizes(10, "1%") == std::vector<int>(10, 1));
    CHECK(sizes(3, "50%") == std::vector<int>{1, 1, 1});
    CHECK(sizes(4, "100%") == std::vector<int>{4});
    CHECK(sizes(4, "0%") == std::vector<int>{1, 1, 1, 1}); // int(0) or min_value → 1
}

TEST_CASE("split_batches: lists, the last size repeating", "[exec]")
{
    CHECK(sizes(3, Value::array({1, 2})) == std::vector<int>{1, 2});
    CHECK(sizes(10, Value::array({1, 5, "50%"})) == std::vector<int>{1, 5, 4});
    CHECK(sizes(10, Value::array({1, 2})) == std::vector<int>{1, 2, 2, 2, 2, 1});
    // Percentages in a list are of the whole play's hosts, not of those left.
    CHECK(sizes(10, Value::array({2, "50%"})) == std::vector<int>{2, 5, 3});
    // 0 in a list: everything left in one batch.
    CHECK(sizes(10, Value::array({1, 0})) == std::vector<int>{1, 9});
}

TEST_CASE("split_batches: no hosts, no batches", "[exec]")
{
    auto batches = split_batches({}, 2);
    REQUIRE(batches);
    CHECK(batches->empty());
}

TEST_CASE("split_batches: invalid values are errors", "[exec]")
{
    CHECK(sizes(3, "abc") == std::vector<int>{-1});
    CHECK(sizes(3, "%") == std::vector<int>{-1});
    CHECK(sizes(3, Value::array({1, "x"})) == std::vector<int>{-1});
    CHECK(sizes(3, Value::object()) == std::vector<int>{-1});
    CHECK(sizes(3, "") == std::vector<int>{-1});
}
