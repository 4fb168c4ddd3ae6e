// Argument access with Ansible's conversion rules (module_utils' check_type_* behaviour,
// re-implemented): booleans, strings, ints, lists, and file modes.
#include "modules/module_args.hpp"

#include <algorithm>
#include <cctype>

#include "core/spellcheck.hpp"

namespace scsctl::modules {

namespace {

core::Error arg_error(std::string message)
{
    return core::Error{core::ErrorKind::config, std::move(message), {}};
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

const std::vector<ArgSpec> k_file_common = {
    {"mode"},   {"owner"},  {"group"},  {"unsafe_writes"}, {"attributes", {"attr"}},
    {"seuser"}, {"serole"}, {"setype"}, {"selevel"},
};

} // namespace

std::span<const ArgSpec> file_common_args()
{
    return k_file_common;
}

core::Result<bool> to_bool(const core::Value& value, std::string_view name)
{
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number_integer() || value.is_number_float()) {
        const double number = value.get<double>();
        if (number == 1.0) {
            return true;
        }
        if (number == 0.0) {
            return false;
        }
    }
    if (value.is_string()) {
        const std::string text = lower(value.get<std::string>());
        for (const char* word : {"y", "yes", "on", "1", "true", "t"}) {
            if (text == word) {
                return true;
            }
        }
        for (const char* word : {"n", "no", "off", "0", "false", "f"}) {
            if (text == word) {
                return false;
            }
        }
    }
    return core::fail(arg_error("argument '" + std::string(name) + "' is of type " + std::string(value.type_name()) +
                                " and we were unable to convert to bool: " + value.dump() + " is not a valid boolean"));
}

core::Result<std::string> to_str(const core::Value& value, std::string_view name)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_boolean()) {
        return std::string(value.get<bool>() ? "True" : "False");
    }
    if (value.is_number()) {
        return value.dump();
    }
    return core::fail(arg_error("argument '" + std::string(name) + "' is of type " + std::string(value.type_name()) +
                                " and we were unable to convert to str"));
}

Args::Args(const core::Value& raw, std::span<const ArgSpec> spec, std::span<const ArgSpec> extra)
{
    auto find_spec = [&](std::string_view key) -> const ArgSpec* {
        for (auto specs : {spec, extra}) {
            for (const ArgSpec& item : specs) {
                if (item.name == key || std::find(item.aliases.begin(), item.aliases.end(), key) != item.aliases.end()) {
                    return &item;
                }
            }
        }
        return nullptr;
    };
    for (auto specs : {spec, extra}) {
        for (const ArgSpec& item : specs) {
            m_known.emplace_back(item.name);
        }
    }
    if (raw.is_object()) {
        for (const auto& [key, value] : raw.items()) {
            const ArgSpec* item = find_spec(key);
            if (item == nullptr) {
                m_unknown.push_back(key);
            } else {
                m_values[std::string(item->name)] = value;
            }
        }
    }
    for (auto specs : {spec, extra}) {
        for (const ArgSpec& item : specs) {
            if (item.required && !has(item.name)) {
                m_missing.emplace_back(item.name);
            }
        }
    }
}

std::vector<std::string> Args::check() const
{
    std::vector<std::string> out;
    for (const auto& key : m_unknown) {
        out.push_back("unsupported parameter '" + key + "'" + core::did_you_mean(key, m_known));
    }
    if (!m_missing.empty()) {
        std::string line = "missing required arguments: ";
        for (std::size_t i = 0; i < m_missing.size(); ++i) {
            line += (i == 0 ? "" : ", ") + m_missing[i];
        }
        out.push_back(line);
    }
    return out;
}

core::Result<void> Args::require_valid() const
{
    const auto problems = check();
    if (problems.empty()) {
        return {};
    }
    std::string message;
    for (const auto& line : problems) {
        message += (message.empty() ? "" : "; ") + line;
    }
    return core::fail(arg_error(message));
}

bool Args::has(std::string_view name) const
{
    const auto* value = get(name);
    return value != nullptr && !value->is_null();
}

const core::Value* Args::get(std::string_view name) const
{
    const auto found = m_values.find(std::string(name));
    return found == m_values.end() ? nullptr : &*found;
}

core::Result<std::optional<std::string>> Args::str(std::string_view name) const
{
    if (!has(name)) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(SCSCTL_TRY(to_str(*get(name), name)));
}

core::Result<std::string> Args::str_or(std::string_view name, std::string_view fallback) const
{
    auto value = SCSCTL_TRY(str(name));
    return value ? *value : std::string(fallback);
}

core::Result<bool> Args::boolean(std::string_view name, bool fallback) const
{
    if (!has(name)) {
        return fallback;
    }
    return to_bool(*get(name), name);
}

core::Result<std::optional<long long>> Args::integer(std::string_view name) const
{
    if (!has(name)) {
        return std::optional<long long>();
    }
    const auto& value = *get(name);
    if (value.is_number_integer()) {
        return std::optional<long long>(value.get<long long>());
    }
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        char* end = nullptr;
        const long long number = std::strtoll(text.c_str(), &end, 10);
        if (!text.empty() && end != nullptr && *end == '\0') {
            return std::optional<long long>(number);
        }
    }
    return core::fail(arg_error("argument '" + std::string(name) + "' is of type " + std::string(value.type_name()) +
                                " and we were unable to convert to int"));
}

core::Result<std::optional<std::vector<std::string>>> Args::list(std::string_view name) const
{
    if (!has(name)) {
        return std::optional<std::vector<std::string>>();
    }
    const auto& value = *get(name);
    std::vector<std::string> out;
    if (value.is_array()) {
        for (const auto& item : value) {
            out.push_back(SCSCTL_TRY(to_str(item, name)));
        }
        return std::optional<std::vector<std::string>>(std::move(out));
    }
    const std::string text = SCSCTL_TRY(to_str(value, name));
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        out.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return std::optional<std::vector<std::string>>(std::move(out));
}

} // namespace scsctl::modules
