// Typed setting values from text, with Ansible's boolean and path rules (ansible-core 2.14
// config/manager.py ensure_type and utils/path.py unfrackpath). Depends on core only.
#include "config/value_parse.hpp"

#include <climits>
#include <filesystem>
#include <pwd.h>
#include <unistd.h>

#include "core/spellcheck.hpp"

namespace scsctl::config {

namespace {

core::Error invalid(std::string message)
{
    return core::Error{core::ErrorKind::config, std::move(message), {}};
}

bool is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string env_value(const PathContext& context, const std::string& name, bool& found)
{
    found = false;
    if (context.environment == nullptr) {
        return {};
    }
    const auto it = context.environment->find(name);
    if (it == context.environment->end()) {
        return {};
    }
    found = true;
    return it->second;
}

/// posixpath.expandvars: unknown variables are left as they are.
std::string expand_vars(std::string_view path, const PathContext& context)
{
    std::string out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] != '$' || i + 1 >= path.size()) {
            out += path[i++];
            continue;
        }
        std::size_t end = i + 1;
        std::string name;
        if (path[end] == '{') {
            const std::size_t close = path.find('}', end);
            if (close == std::string_view::npos) {
                out += path[i++];
                continue;
            }
            name = std::string(path.substr(end + 1, close - end - 1));
            end = close + 1;
        } else {
            while (end < path.size() && is_word(path[end])) {
                ++end;
            }
            name = std::string(path.substr(i + 1, end - i - 1));
        }
        bool found = false;
        const std::string value = name.empty() ? std::string() : env_value(context, name, found);
        out += found ? value : std::string(path.substr(i, end - i));
        i = end;
    }
    return out;
}

/// posixpath.expanduser.
std::string expand_user(const std::string& path, const PathContext& context)
{
    if (path.empty() || path[0] != '~') {
        return path;
    }
    const std::size_t slash = std::min(path.find('/'), path.size());
    std::string home;
    if (slash == 1) {
        bool found = false;
        home = env_value(context, "HOME", found);
        if (!found) {
            const passwd* entry = ::getpwuid(::getuid());
            if (entry == nullptr) {
                return path;
            }
            home = entry->pw_dir;
        }
    } else {
        const passwd* entry = ::getpwnam(path.substr(1, slash - 1).c_str());
        if (entry == nullptr) {
            return path;
        }
        home = entry->pw_dir;
    }
    while (!home.empty() && home.back() == '/') {
        home.pop_back();
    }
    const std::string joined = home + path.substr(slash);
    return joined.empty() ? std::string("/") : joined;
}

core::Result<core::Value> parse_positive_int(const KeyInfo& key, std::string_view text, Dialect dialect)
{
    const auto number = parse_python_int(text);
    if (number && *number >= 1 && *number <= INT_MAX) {
        return core::Value(static_cast<int>(*number));
    }
    std::string message = std::string(key.name) + " must be a positive integer, got '" + std::string(text) + "'";
    if (dialect == Dialect::ansible && text.find('#') != std::string_view::npos) {
        message += " (in ansible.cfg only ';' after whitespace starts a comment, not '#')";
    }
    return core::fail(invalid(std::move(message)));
}

core::Result<core::Value> parse_host_key_checking(std::string_view text, Dialect dialect)
{
    std::string word;
    for (const char c : text) {
        word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    word.erase(0, std::min(word.find_first_not_of(" \t"), word.size()));
    while (!word.empty() && (word.back() == ' ' || word.back() == '\t')) {
        word.pop_back();
    }
    if (dialect == Dialect::ansible) {
        // ansible-core's boolean(): these are True and False; Ansible reads anything else as
        // False (checking off), which scsctl refuses rather than silently weaken security.
        for (const char* yes : {"y", "yes", "on", "1", "true", "t"}) {
            if (word == yes) {
                return core::Value("strict");
            }
        }
        for (const char* no : {"n", "no", "off", "0", "false", "f"}) {
            if (word == no) {
                return core::Value("off");
            }
        }
        return core::fail(invalid("host_key_checking in ansible.cfg must be a boolean (True or False), got '" +
                                  std::string(text) + "' (Ansible would read it as False; set strict, accept-new "
                                                      "or off in scsctl.yml instead)"));
    }
    if (word == "strict" || word == "accept-new" || word == "off") {
        return core::Value(word);
    }
    if (word == "true" || word == "false") {
        return core::Value(word == "true" ? "strict" : "off");
    }
    static const std::vector<std::string> k_words = {"strict", "accept-new", "off"};
    return core::fail(invalid("host_key_checking must be strict, accept-new or off, got '" + std::string(text) + "'" +
                              core::did_you_mean(word, k_words)));
}

core::Result<core::Value> parse_choice(const KeyInfo& key, std::string_view text)
{
    std::vector<std::string> choices;
    const std::string all = key.choices;
    for (std::size_t begin = 0; begin <= all.size();) {
        const std::size_t bar = std::min(all.find('|', begin), all.size());
        choices.push_back(all.substr(begin, bar - begin));
        begin = bar + 1;
    }
    for (const auto& choice : choices) {
        if (text == choice) {
            return core::Value(choice);
        }
    }
    std::string listed;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        listed += (i == 0 ? "" : (i + 1 == choices.size() ? " or " : ", ")) + choices[i];
    }
    return core::fail(invalid(std::string(key.name) + " must be " + listed + ", got '" + std::string(text) + "'" +
                              core::did_you_mean(text, choices)));
}

// YAML 1.1's and Ansible's usual spellings of a boolean.
core::Result<core::Value> parse_boolean(const KeyInfo& key, std::string_view text)
{
    std::string word;
    for (const char c : text) {
        word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    for (const char* yes : {"true", "yes", "on", "1"}) {
        if (word == yes) {
            return core::Value(true);
        }
    }
    for (const char* no : {"false", "no", "off", "0"}) {
        if (word == no) {
            return core::Value(false);
        }
    }
    return core::fail(invalid(std::string(key.name) + " must be true or false, got '" + std::string(text) + "'"));
}

} // namespace

std::optional<long long> parse_python_int(std::string_view text)
{
    std::size_t begin = text.find_first_not_of(" \t\r\n\v\f");
    const std::size_t last = text.find_last_not_of(" \t\r\n\v\f");
    if (begin == std::string_view::npos) {
        return std::nullopt;
    }
    text = text.substr(begin, last - begin + 1);
    bool negative = false;
    if (text[0] == '+' || text[0] == '-') {
        negative = text[0] == '-';
        text.remove_prefix(1);
    }
    if (text.empty() || text.front() == '_' || text.back() == '_') {
        return std::nullopt;
    }
    long long value = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_' && text[i - 1] != '_') {
            continue;
        }
        if (c < '0' || c > '9' || value > (LLONG_MAX - 9) / 10) {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
}

std::string resolve_path(std::string_view path, const PathContext& context)
{
    std::filesystem::path result(expand_user(expand_vars(path, context), context));
    if (!result.is_absolute()) {
        result = std::filesystem::path(context.base_dir) / result;
    }
    std::string normal = result.lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/') {
        normal.pop_back();
    }
    return normal;
}

core::Result<core::Value> parse_text(const KeyInfo& key, std::string_view text, Dialect dialect,
                                     const PathContext& context)
{
    switch (key.type) {
    case ValueType::positive_int:
        return parse_positive_int(key, text, dialect);
    case ValueType::host_key_checking:
        return parse_host_key_checking(text, dialect);
    case ValueType::choice:
        return parse_choice(key, text);
    case ValueType::boolean:
        return parse_boolean(key, text);
    case ValueType::text:
        return text.empty() ? core::Value(nullptr) : core::Value(std::string(text));
    case ValueType::path:
        return text.empty() ? core::Value(nullptr) : core::Value(resolve_path(text, context));
    case ValueType::path_list: {
        core::Value list = core::Value::array();
        for (std::size_t begin = 0; begin <= text.size();) {
            const std::size_t colon = std::min(text.find(':', begin), text.size());
            if (colon > begin) {
                list.push_back(resolve_path(text.substr(begin, colon - begin), context));
            }
            begin = colon + 1;
        }
        return list;
    }
    }
    return core::fail(invalid("unknown setting type"));
}

} // namespace scsctl::config
