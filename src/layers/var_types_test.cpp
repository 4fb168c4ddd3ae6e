// Declared variable types against YAML- and INI-typed values.
#include <catch2/catch.hpp>

#include "layers/var_types.hpp"

using namespace scsctl::layers;
using scsctl::core::Value;

namespace {
constexpr std::string_view k_choices[] = {"redfish", "ipmi"};
VarDecl decl(VarType type)
{
    return VarDecl{.name = "x", .type = type, .scope = VarScope::region, .choices = k_choices, .non_empty = true};
}
} // namespace

TEST_CASE("each type accepts its values and refuses others", "[layers]")
{
    CHECK_FALSE(type_mismatch(decl(VarType::string), "7.0"));
    CHECK_FALSE(type_mismatch(decl(VarType::string), 7.0));
    CHECK(*type_mismatch(decl(VarType::string), Value::array()) == "must be a string, got a list");
    CHECK_FALSE(type_mismatch(decl(VarType::integer), 3));
    CHECK_FALSE(type_mismatch(decl(VarType::integer), "42"));
    CHECK(*type_mismatch(decl(VarType::integer), "4x") == "must be an integer, got a string");
    CHECK_FALSE(type_mismatch(decl(VarType::boolean), true));
    CHECK_FALSE(type_mismatch(decl(VarType::boolean), "Yes"));
    CHECK(*type_mismatch(decl(VarType::boolean), 1) == "must be a boolean, got an integer");
    CHECK_FALSE(type_mismatch(decl(VarType::string_list), Value::parse(R"(["/dev/vdb"])")));
    CHECK(*type_mismatch(decl(VarType::string_list), Value::array()) == "must not be empty");
    CHECK(*type_mismatch(decl(VarType::string_list), Value::parse("[1]")) ==
          "must be a list of strings, item 1 is an integer");
    CHECK(*type_mismatch(decl(VarType::string_list), "/dev/vdb") == "must be a list of strings, got a string");
    CHECK_FALSE(type_mismatch(decl(VarType::enumeration), "ipmi"));
    CHECK(*type_mismatch(decl(VarType::enumeration), "snmp") == "must be one of redfish|ipmi, got 'snmp'");
    CHECK_FALSE(type_mismatch(decl(VarType::cidr), "10.0.0.0/8"));
    CHECK(*type_mismatch(decl(VarType::cidr), 10) == "must be a CIDR string, got an integer");
    CHECK_FALSE(type_mismatch(decl(VarType::address), "https://bmc1:443"));
    CHECK(type_mismatch(decl(VarType::address), "no way"));
}
