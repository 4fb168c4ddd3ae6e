// Tests of typed setting values and Ansible's path resolution.
#include <catch2/catch.hpp>

#include "config/value_parse.hpp"

using namespace scsctl::config;

TEST_CASE("values: Python int() rules", "[config]")
{
    CHECK(parse_python_int(" 12 ") == 12);
    CHECK(parse_python_int("+7") == 7);
    CHECK(parse_python_int("1_000") == 1000);
    CHECK(parse_python_int("-3") == -3);
    CHECK_FALSE(parse_python_int("1__0"));
    CHECK_FALSE(parse_python_int("_1"));
    CHECK_FALSE(parse_python_int("0x10"));
    CHECK_FALSE(parse_python_int(""));
    CHECK_FALSE(parse_python_int("99999999999999999999999"));
}

TEST_CASE("values: resolve_path expands variables and ~, then normalises", "[config]")
{
    const std::map<std::string, std::string> environment{{"HOME", "/home/op"}, {"SITE", "prod"}};
    const PathContext context{"/etc/scs", &environment};
    CHECK(resolve_path("roles", context) == "/etc/scs/roles");
    CHECK(resolve_path("~/keys/id", context) == "/home/op/keys/id");
    CHECK(resolve_path("/srv/${SITE}/../$SITE/x/", context) == "/srv/prod/x");
    CHECK(resolve_path("$UNSET/a", context) == "/etc/scs/$UNSET/a");
}

TEST_CASE("values: typed parsing with messages", "[config]")
{
    const PathContext context{"/b", nullptr};
    const KeyInfo& forks = *find_key("forks");
    CHECK(parse_text(forks, "20", Dialect::scsctl, context).value() == 20);
    auto zero = parse_text(forks, "0", Dialect::scsctl, context);
    REQUIRE_FALSE(zero);
    CHECK(zero.error().message == "forks must be a positive integer, got '0'");
    auto hashed = parse_text(forks, "5 # five", Dialect::ansible, context);
    REQUIRE_FALSE(hashed);
    CHECK(hashed.error().message.find("only ';' after whitespace starts a comment") != std::string::npos);

    const KeyInfo& checking = *find_key("host_key_checking");
    CHECK(parse_text(checking, "False", Dialect::ansible, context).value() == "off");
    CHECK(parse_text(checking, "yes", Dialect::ansible, context).value() == "strict");
    CHECK_FALSE(parse_text(checking, "accept-new", Dialect::ansible, context));
    CHECK(parse_text(checking, "accept-new", Dialect::scsctl, context).value() == "accept-new");
    auto typo = parse_text(checking, "acept-new", Dialect::scsctl, context);
    REQUIRE_FALSE(typo);
    CHECK(typo.error().message == "host_key_checking must be strict, accept-new or off, got 'acept-new' (did you "
                                  "mean 'accept-new'?)");

    auto output = parse_text(*find_key("output"), "jsno", Dialect::scsctl, context);
    REQUIRE_FALSE(output);
    CHECK(output.error().message == "output must be text, json or prometheus, got 'jsno' (did you mean 'json'?)");
    CHECK(parse_text(*find_key("roles_path"), "a::/r", Dialect::scsctl, context).value() ==
          scsctl::core::Value({"/b/a", "/r"}));
    CHECK(parse_text(*find_key("remote_user"), "", Dialect::ansible, context).value().is_null());
}
