// Host lists given with -i, checked against ansible-inventory 2.14 output.
#include <catch2/catch.hpp>

#include "inventory/host_list.hpp"
#include "inventory/loader.hpp"
#include "inventory/render_inventory.hpp"

using namespace scsctl::inventory;

TEST_CASE("host list entries split ports like parse_address", "[loader]")
{
    CHECK(parse_host_address("a:22").host == "a");
    CHECK(parse_host_address("a:22").port == 22);
    CHECK(parse_host_address("[::1]:2222").host == "::1");
    CHECK(parse_host_address("[::1]:2222").port == 2222);
    CHECK(parse_host_address("10.0.0.1:80").host == "10.0.0.1");
    CHECK(parse_host_address("fe80::1").host == "fe80::1");
    CHECK_FALSE(parse_host_address("fe80::1").port.has_value());
    // Ranges and invalid names are kept whole, port included.
    CHECK(parse_host_address("web[1:2]").host == "web[1:2]");
    CHECK(parse_host_address("foo_:22").host == "foo_:22");
    CHECK_FALSE(parse_host_address("foo_:22").port.has_value());
}

TEST_CASE("a host list puts hosts in ungrouped with ansible_port", "[loader]")
{
    LoadOptions options;
    options.sources = {"a:22, [::1]:2222,b,a,web[1:2],foo_:22,"};
    auto result = load_inventory(options);
    REQUIRE_FALSE(result.diagnostics.has_errors());
    // ansible-inventory -i 'a:22, [::1]:2222,b,a,web[1:2],foo_:22,' --list
    CHECK(render_list(result.inventory) == R"({
    "_meta": {
        "hostvars": {
            "::1": {
                "ansible_port": 2222
            },
            "a": {
                "ansible_port": 22
            }
        }
    },
    "all": {
        "children": [
            "ungrouped"
        ]
    },
    "ungrouped": {
        "hosts": [
            "a",
            "::1",
            "b",
            "web[1:2]",
            "foo_:22"
        ]
    }
}
)");
}

TEST_CASE("a missing source is an error naming it", "[loader]")
{
    LoadOptions options;
    options.sources = {"/nonexistent/scsctl/inventory.yml"};
    auto result = load_inventory(options);
    REQUIRE(result.diagnostics.has_errors());
    CHECK(result.diagnostics.items().front().message ==
          "inventory source '/nonexistent/scsctl/inventory.yml' was not found");
}
