// ovn_chassis: reading ovn-sbctl's JSON chassis table (the format a real OVN 23.03 prints)
// and finding the chassis that did not register.
#include "health/ovn_chassis.hpp"

#include <catch2/catch.hpp>

using scsctl::health::missing_chassis;
using scsctl::health::parse_chassis_table;

TEST_CASE("chassis are found by name or hostname, in any column order", "[health][ovn]")
{
    // As `ovn-sbctl --format=json --columns=name,hostname list Chassis` printed it.
    const auto table = nlohmann::json::parse(R"({"data":[["chassis-1","lab1"],["lab2","lab2"]],"headings":["name","hostname"]})");
    const auto chassis = parse_chassis_table(table);
    REQUIRE(chassis);
    REQUIRE(chassis->size() == 2);
    CHECK((*chassis)[0].name == "chassis-1");
    CHECK((*chassis)[0].hostname == "lab1");
    CHECK(missing_chassis({"lab1", "lab2", "lab3"}, *chassis) == std::vector<std::string>{"lab3"});

    const auto swapped = parse_chassis_table(nlohmann::json::parse(R"({"headings":["hostname","name"],"data":[["h","n"]]})"));
    REQUIRE(swapped);
    CHECK((*swapped)[0].name == "n");
    CHECK(missing_chassis({"n", "h"}, *swapped).empty());
}

TEST_CASE("a document that is not a chassis table is an error, not an empty list", "[health][ovn]")
{
    CHECK_FALSE(parse_chassis_table(nlohmann::json::parse(R"({"rows":[]})")));
    CHECK_FALSE(parse_chassis_table(nlohmann::json::parse(R"({"headings":["hostname"],"data":[]})")));
    const auto short_row = parse_chassis_table(nlohmann::json::parse(R"({"headings":["name","hostname"],"data":[["a"]]})"));
    REQUIRE_FALSE(short_row);
    CHECK(short_row.error().message == "ovn-sbctl chassis list: a row has fewer cells than headings");
    const auto empty = parse_chassis_table(nlohmann::json::parse(R"({"headings":["name"],"data":[]})"));
    REQUIRE(empty);
    CHECK(missing_chassis({"lab1"}, *empty) == std::vector<std::string>{"lab1"});
}
