// Argument tables for the system modules: unknown-key and type checks at load time,
// loose Ansible booleans and k=v free-form parsing at run time. Depends on core.
#include "modules/system_args.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "core/spellcheck.hpp"

namespace scsctl::modules::sys {

namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string join(const std::vector<std::string>& words)
{
    std::string out;
    for (const auto& word : words) {
        out += out.empty() ? "" : ", ";
        out += word;
    }
    return out;
}

bool is_templated(const core::Value& value)
{
    return value.is_string() && value.get_ref<const std::string&>().find("{{") != std::string::npos;
}

const ArgSpec* find_spec(std::span<const ArgSpec> specs, std::string_view key)
{
    for (const auto& spec : specs) {
        if (spec.name == key || std::ranges::find(spec.aliases, key) != spec.aliases.end()) {
            return &spec;
        }
    }
    return nullptr;
}

std::optional<long long> to_int(const core::Value& value)
{
    if (value.is_number_integer()) {
        return value.get<long long>();
    }
    if (value.is_number_float()) {
        const double number = value.get<double>();
        if (std::floor(number) == number) {
            return static_cast<long long>(number);
        }
        return std::nullopt;
    }
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        long long out = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        if (ec == std::errc() && ptr == text.data() + text.size() && !text.empty()) {
            return out;
        }
    }
    return std::nullopt;
}

std::optional<double> to_number(const core::Value& value)
{
    if (value.is_number()) {
        return value.get<double>();
    }
    if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        double out = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        if (ec == std::errc() && ptr == text.data() + text.size() && !text.empty()) {
            return out;
        }
    }
    return std::nullopt;
}

/// Whether `value` fits `type` (before templating only strings with "{{" are exempt).
bool type_fits(const core::Value& value, ArgType type)
{
    switch (type) {
    case ArgType::string:
        return value.is_string() || value.is_number() || value.is_boolean();
    case ArgType::boolean:
        return to_bool(value).has_value();
    case ArgType::integer:
        return to_int(value).has_value();
    case ArgType::number:
        return to_number(value).has_value();
    case ArgType::list:
        return value.is_array() || value.is_string() || value.is_number();
    case ArgType::mapping:
        return value.is_object();
    case ArgType::any:
        return true;
    }
    return true;
}

std::string_view type_name(ArgType type)
{
    switch (type) {
    case ArgType::string:
        return "a string";
    case ArgType::boolean:
        return "a boolean";
    case ArgType::integer:
        return "an integer";
    case ArgType::number:
        return "a number";
    case ArgType::list:
        return "a list";
    case ArgType::mapping:
        return "a mapping";
    case ArgType::any:
        return "anything";
    }
    return "";
}

} // namespace

std::optional<bool> to_bool(const core::Value& value)
{
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number_integer()) {
        const auto number = value.get<long long>();
        if (number == 0 || number == 1) {
            return number == 1;
        }
        return std::nullopt;
    }
    if (!value.is_string()) {
        return std::nullopt;
    }
    const std::string text = lower(value.get_ref<const std::string&>());
    if (text == "yes" || text == "true" || text == "on" || text == "1" || text == "y" || text == "t") {
        return true;
    }
    if (text == "no" || text == "false" || text == "off" || text == "0" || text == "n" || text == "f") {
        return false;
    }
    return std::nullopt;
}

std::string to_text(const core::Value& value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "True" : "False";
    }
    if (value.is_null()) {
        return "";
    }
    return value.dump();
}

std::vector<std::string> check_args(const core::Value& args, std::span<const ArgSpec> specs)
{
    std::vector<std::string> errors;
    if (!args.is_object()) {
        errors.emplace_back("arguments must be a mapping");
        return errors;
    }
    std::vector<std::string> names;
    for (const auto& spec : specs) {
        names.emplace_back(spec.name);
    }
    const core::Value effective = canonical_args(args, specs);
    for (const auto& [key, value] : effective.items()) {
        const ArgSpec* spec = find_spec(specs, key);
        if (spec == nullptr) {
            errors.push_back("unsupported parameter '" + key + "'" + core::did_you_mean(key, names));
            continue;
        }
        if (value.is_null() || is_templated(value)) {
            continue;
        }
        if (!type_fits(value, spec->type)) {
            errors.push_back("parameter '" + key + "' must be " + std::string(type_name(spec->type)));
            continue;
        }
        if (!spec->choices.empty() && !value.is_array()) {
            const std::string text = to_text(value);
            if (std::ranges::find(spec->choices, text) == spec->choices.end()) {
                std::vector<std::string> choices(spec->choices.begin(), spec->choices.end());
                errors.push_back("value of '" + key + "' must be one of: " + join(choices) +
                                 ", got: " + text);
            }
        }
    }
    for (const auto& spec : specs) {
        if (spec.required && !effective.contains(std::string(spec.name))) {
            errors.push_back("missing required argument: " + std::string(spec.name));
        }
    }
    return errors;
}

core::Value canonical_args(const core::Value& args, std::span<const ArgSpec> specs)
{
    core::Value out = core::Value::object();
    if (!args.is_object()) {
        return out;
    }
    for (const auto& [key, value] : args.items()) {
        if (key == "_raw_params" && value.is_string()) {
            auto pairs = parse_key_values(value.get_ref<const std::string&>());
            if (pairs) {
                for (const auto& [pair_key, pair_value] : pairs->items()) {
                    const ArgSpec* spec = find_spec(specs, pair_key);
                    out[spec != nullptr ? std::string(spec->name) : pair_key] = pair_value;
                }
                continue;
            }
        }
        const ArgSpec* spec = find_spec(specs, key);
        out[spec != nullptr ? std::string(spec->name) : key] = value;
    }
    return out;
}

core::Result<core::Value> parse_key_values(std::string_view text)
{
    core::Value out = core::Value::object();
    std::size_t at = 0;
    while (at < text.size()) {
        while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at])) != 0) {
            ++at;
        }
        if (at >= text.size()) {
            break;
        }
        std::string word;
        char quote = 0;
        for (; at < text.size(); ++at) {
            const char c = text[at];
            if (quote != 0) {
                if (c == '\\' && at + 1 < text.size() && text[at + 1] == quote) {
                    word += text[++at];
                } else if (c == quote) {
                    quote = 0;
                } else {
                    word += c;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (std::isspace(static_cast<unsigned char>(c)) != 0) {
                break;
            } else {
                word += c;
            }
        }
        const auto equals = word.find('=');
        if (equals == std::string::npos || equals == 0) {
            return core::fail(core::Error{core::ErrorKind::config, "expected key=value, got '" + word + "'", {}});
        }
        out[word.substr(0, equals)] = word.substr(equals + 1);
    }
    return out;
}

std::optional<std::string> arg_string(const core::Value& args, std::string_view name)
{
    const auto found = args.find(std::string(name));
    if (found == args.end() || found->is_null()) {
        return std::nullopt;
    }
    return to_text(*found);
}

core::Result<bool> arg_bool(const core::Value& args, std::string_view name, bool fallback)
{
    const auto found = args.find(std::string(name));
    if (found == args.end() || found->is_null()) {
        return fallback;
    }
    const auto value = to_bool(*found);
    if (!value) {
        return core::fail(core::Error{core::ErrorKind::failed,
                                      "argument '" + std::string(name) + "' is of type " +
                                          std::string(found->type_name()) + " and we were unable to convert to bool: '" +
                                          to_text(*found) + "' is not a valid boolean",
                                      {}});
    }
    return *value;
}

core::Result<std::optional<long long>> arg_int(const core::Value& args, std::string_view name)
{
    const auto found = args.find(std::string(name));
    if (found == args.end() || found->is_null()) {
        return std::optional<long long>();
    }
    const auto value = to_int(*found);
    if (!value) {
        return core::fail(core::Error{core::ErrorKind::failed,
                                      "argument '" + std::string(name) + "' must be an integer, got: " + to_text(*found),
                                      {}});
    }
    return std::optional<long long>(*value);
}

core::Result<double> arg_seconds(const core::Value& args, std::string_view name, double fallback)
{
    const auto found = args.find(std::string(name));
    if (found == args.end() || found->is_null()) {
        return fallback;
    }
    const auto value = to_number(*found);
    if (!value) {
        return core::fail(core::Error{core::ErrorKind::failed,
                                      "argument '" + std::string(name) + "' must be a number, got: " + to_text(*found),
                                      {}});
    }
    return *value;
}

std::vector<std::string> arg_list(const core::Value& args, std::string_view name)
{
    std::vector<std::string> out;
    const auto found = args.find(std::string(name));
    if (found == args.end() || found->is_null()) {
        return out;
    }
    auto add_split = [&](const std::string& text) {
        std::size_t start = 0;
        while (start <= text.size()) {
            const auto comma = text.find(',', start);
            const auto end = comma == std::string::npos ? text.size() : comma;
            std::string item = text.substr(start, end - start);
            const auto first = item.find_first_not_of(" \t");
            const auto last = item.find_last_not_of(" \t");
            if (first != std::string::npos) {
                out.push_back(item.substr(first, last - first + 1));
            }
            if (comma == std::string::npos) {
                break;
            }
            start = comma + 1;
        }
    };
    if (found->is_array()) {
        for (const auto& item : *found) {
            out.push_back(to_text(item));
        }
    } else {
        add_split(to_text(*found));
    }
    return out;
}

Decision failed_decision(std::string message)
{
    Decision decision;
    decision.failed = true;
    decision.result["msg"] = std::move(message);
    return decision;
}

} // namespace scsctl::modules::sys
