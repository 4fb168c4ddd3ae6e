// YAML 1.1 scalar typing (PyYAML's Resolver + SafeConstructor, Ansible's tags) and the
// Python renderings of numbers and keys. No yaml-cpp here: everything works on text.
#include "yaml/scalar.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

#include "yaml/number.hpp"
#include "yaml/timestamp.hpp"

namespace scsctl::yaml {

namespace {

constexpr std::string_view k_core_prefix = "tag:yaml.org,2002:";

bool is_yaml11_bool(std::string_view text)
{
    static constexpr std::array<std::string_view, 18> k_words = {
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF"};
    for (auto word : k_words) {
        if (word == text) {
            return true;
        }
    }
    return false;
}

bool is_yaml11_null(std::string_view text)
{
    return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

/// SafeConstructor.construct_yaml_bool: the lowercased word must be a known one.
ScalarResult construct_bool(std::string_view text)
{
    const std::string word = lower(text);
    if (word == "yes" || word == "true" || word == "on") {
        return core::Value(true);
    }
    if (word == "no" || word == "false" || word == "off") {
        return core::Value(false);
    }
    return std::unexpected("invalid boolean '" + std::string(text) + "'");
}

ScalarResult resolve_json_plain(std::string_view text)
{
    if (text == "true" || text == "false") {
        return core::Value(text == "true");
    }
    if (text == "null") {
        return core::Value(nullptr);
    }
    if (is_json_number(text)) {
        return text.find_first_of(".eE") == std::string_view::npos ? construct_int(text) : construct_float(text);
    }
    return resolve_plain(text, Typing::yaml11);
}

} // namespace

ScalarResult resolve_plain(std::string_view text, Typing typing)
{
    if (typing == Typing::json) {
        return resolve_json_plain(text);
    }
    if (is_yaml11_null(text)) {
        return core::Value(nullptr);
    }
    if (is_yaml11_bool(text)) {
        return construct_bool(text);
    }
    if (is_yaml11_float(text)) {
        return construct_float(text);
    }
    if (is_yaml11_int(text)) {
        return construct_int(text);
    }
    if (is_timestamp(text)) {
        auto iso = timestamp_to_iso(text);
        if (!iso) {
            return std::unexpected(iso.error());
        }
        return core::Value(*iso);
    }
    if (text == "=" || text == "<<") {
        // PyYAML resolves these to the value and merge tags, which SafeConstructor cannot build.
        return std::unexpected("a plain '" + std::string(text) + "' is not a valid value (quote it)");
    }
    return core::Value(std::string(text));
}

ScalarResult resolve_tagged(std::string_view tag, std::string_view text)
{
    if (tag == "!" || tag == "!unsafe" || tag == "!vault" || tag == "!vault-encrypted") {
        return core::Value(std::string(text));
    }
    if (!tag.starts_with(k_core_prefix)) {
        return std::unexpected("unknown tag '" + std::string(tag) + "'");
    }
    const std::string_view name = tag.substr(k_core_prefix.size());
    if (name == "str") {
        return core::Value(std::string(text));
    }
    if (name == "null") {
        return core::Value(nullptr);
    }
    if (name == "bool") {
        return construct_bool(text);
    }
    if (name == "int") {
        return construct_int(text);
    }
    if (name == "float") {
        return construct_float(text);
    }
    if (name == "timestamp") {
        auto iso = timestamp_to_iso(text);
        return iso ? ScalarResult(core::Value(*iso)) : std::unexpected(iso.error());
    }
    if (name == "map" || name == "seq") {
        return std::unexpected("tag '!!" + std::string(name) + "' cannot be used on a scalar");
    }
    return std::unexpected("unsupported tag '!!" + std::string(name) + "'");
}

std::string python_float_repr(double value)
{
    if (std::isnan(value)) {
        return "nan";
    }
    if (std::isinf(value)) {
        return value < 0 ? "-inf" : "inf";
    }
    std::array<char, 64> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                         std::chars_format::scientific);
    const std::string sci(buffer.data(), end);
    const std::size_t e_pos = sci.find('e');
    std::string sign;
    std::string digits;
    for (std::size_t i = 0; i < e_pos; ++i) {
        if (sci[i] == '-') {
            sign = "-";
        } else if (sci[i] != '.') {
            digits.push_back(sci[i]);
        }
    }
    const int exponent = std::stoi(sci.substr(e_pos + 1));
    const int point = exponent + 1; // digits are 0.d1d2... x 10^point
    const int count = static_cast<int>(digits.size());
    if (point > 16 || point < -3) {
        std::string mantissa = digits.substr(0, 1);
        if (count > 1) {
            mantissa += "." + digits.substr(1);
        }
        const int shown = point - 1;
        std::string exp_digits = std::to_string(std::abs(shown));
        if (exp_digits.size() < 2) {
            exp_digits.insert(0, "0");
        }
        return sign + mantissa + "e" + (shown < 0 ? "-" : "+") + exp_digits;
    }
    if (point <= 0) {
        return sign + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    }
    if (point >= count) {
        return sign + digits + std::string(static_cast<std::size_t>(point - count), '0') + ".0";
    }
    return sign + digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
}

std::string key_to_string(const core::Value& key)
{
    if (key.is_string()) {
        return key.get<std::string>();
    }
    if (key.is_number_float()) {
        const double value = key.get<double>();
        if (std::isnan(value)) {
            return "NaN";
        }
        if (std::isinf(value)) {
            return value < 0 ? "-Infinity" : "Infinity";
        }
        return python_float_repr(value);
    }
    return key.dump(); // null, true/false and integers print as JSON does
}

std::string key_identity(const core::Value& key)
{
    if (key.is_string()) {
        return "s:" + key.get<std::string>();
    }
    if (key.is_boolean()) {
        return key.get<bool>() ? "i:1" : "i:0";
    }
    if (key.is_number_float()) {
        const double value = key.get<double>();
        constexpr double k_limit = 9.2e18;
        if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < k_limit) {
            return "i:" + std::to_string(static_cast<long long>(value));
        }
        return "f:" + python_float_repr(value);
    }
    if (key.is_number()) {
        return "i:" + key.dump();
    }
    return key.is_null() ? "n:" : "x:" + key.dump();
}

std::string describe(const core::Value& value)
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
        return "a sequence";
    case core::Value::value_t::object:
        return "a mapping";
    default:
        return "a value";
    }
}

} // namespace scsctl::yaml
