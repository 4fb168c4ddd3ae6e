// Values come typed from YAML (PyYAML's rules) or as Python literals/strings from INI, so
// int and bool also accept their spelling as a string, as Ansible's modules would.
#include "layers/var_types.hpp"

#include <algorithm>
#include <cctype>

#include "layers/net_address.hpp"

namespace scsctl::layers {

namespace {

std::string lower(std::string text)
{
    std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool is_digits(const std::string& text)
{
    const auto body = (text.starts_with('-') || text.starts_with('+')) ? text.substr(1) : text;
    return !body.empty() && std::ranges::all_of(body, [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::optional<std::string> must_be(const char* what, const core::Value& value)
{
    return std::string("must be ") + what + ", got " + describe_value(value);
}

std::optional<std::string> check_list(const VarDecl& decl, const core::Value& value)
{
    if (!value.is_array()) {
        return must_be("a list of strings", value);
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string()) {
            return "must be a list of strings, item " + std::to_string(i + 1) + " is " + describe_value(value[i]);
        }
    }
    if (decl.non_empty && value.empty()) {
        return std::string("must not be empty");
    }
    return std::nullopt;
}

std::optional<std::string> check_enum(const VarDecl& decl, const core::Value& value)
{
    std::string allowed;
    for (const auto choice : decl.choices) {
        allowed += (allowed.empty() ? "" : "|") + std::string(choice);
    }
    if (!value.is_string()) {
        return "must be one of " + allowed + ", got " + describe_value(value);
    }
    const auto text = value.get<std::string>();
    if (std::ranges::find(decl.choices, std::string_view(text)) == decl.choices.end()) {
        return "must be one of " + allowed + ", got '" + text + "'";
    }
    return std::nullopt;
}

} // namespace

std::string describe_value(const core::Value& value)
{
    switch (value.type()) {
    case core::Value::value_t::null:
        return "null";
    case core::Value::value_t::boolean:
        return "a boolean";
    case core::Value::value_t::number_integer:
    case core::Value::value_t::number_unsigned:
        return "an integer";
    case core::Value::value_t::number_float:
        return "a float";
    case core::Value::value_t::string:
        return "a string";
    case core::Value::value_t::array:
        return "a list";
    case core::Value::value_t::object:
        return "a mapping";
    default:
        return "a value";
    }
}

std::optional<std::string> type_mismatch(const VarDecl& decl, const core::Value& value)
{
    switch (decl.type) {
    case VarType::string:
        if (value.is_string() || value.is_number()) {
            return std::nullopt;
        }
        return must_be("a string", value);
    case VarType::integer:
        if (value.is_number_integer() || (value.is_string() && is_digits(value.get<std::string>()))) {
            return std::nullopt;
        }
        return must_be("an integer", value);
    case VarType::boolean: {
        if (value.is_boolean()) {
            return std::nullopt;
        }
        const auto text = value.is_string() ? lower(value.get<std::string>()) : std::string();
        if (text == "true" || text == "false" || text == "yes" || text == "no") {
            return std::nullopt;
        }
        return must_be("a boolean", value);
    }
    case VarType::string_list:
        return check_list(decl, value);
    case VarType::enumeration:
        return check_enum(decl, value);
    case VarType::cidr: {
        if (!value.is_string()) {
            return must_be("a CIDR string", value);
        }
        auto parsed = parse_cidr(value.get<std::string>());
        return parsed ? std::nullopt : std::optional(parsed.error().message);
    }
    case VarType::address: {
        if (!value.is_string()) {
            return must_be("an address string", value);
        }
        auto checked = check_address(value.get<std::string>(), true);
        return checked ? std::nullopt : std::optional(checked.error().message);
    }
    }
    return std::nullopt;
}

} // namespace scsctl::layers
