// Regular-expression filters and tests (Ansible's regex_replace, regex_search,
// regex_findall, regex_escape; the match/search/regex tests) over regex::PythonRegex.
// Depends on core and regex.
#include "regex/python_regex.hpp"
#include "vars/filter_support.hpp"
#include "vars/python_format.hpp"

namespace scsctl::vars::detail {

namespace {

core::Result<regex::PythonRegex> compile(const FilterArgs& args, bool ignorecase, bool multiline,
                                         std::string_view filter)
{
    const Value* pattern = args.get("pattern", 0);
    if (pattern == nullptr) {
        pattern = args.get("regex", 0);
    }
    if (pattern == nullptr) {
        return filter_error(std::string(filter) + " expects a pattern");
    }
    regex::Flags flags;
    flags.ignorecase = ignorecase;
    flags.multiline = multiline;
    auto compiled = regex::PythonRegex::compile(python_str(*pattern), flags);
    if (!compiled) {
        return filter_error(std::string(filter) + ": " + compiled.error().message);
    }
    return std::move(*compiled);
}

Value group_value(const regex::Match& match, std::size_t index)
{
    if (index >= match.groups.size() || !match.groups[index]) {
        return nullptr;
    }
    return *match.groups[index];
}

/// The group an argument of regex_search names: '\\1' or '\\g<name>' / '\\g<1>'.
core::Result<std::size_t> group_index(const regex::Match& match, const Value& arg)
{
    const std::string text = python_str(arg);
    std::string name;
    if (text.starts_with("\\g<") && text.ends_with(">")) {
        name = text.substr(3, text.size() - 4);
    } else if (text.starts_with("\\") && text.size() > 1) {
        name = text.substr(1);
    } else {
        return filter_error("unknown argument");
    }
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) {
        return static_cast<std::size_t>(std::stoul(name));
    }
    for (const auto& [group_name, number] : match.named) {
        if (group_name == name) {
            return number;
        }
    }
    return filter_error("no such group");
}

} // namespace

core::Result<Value> filter_regex_replace(const Value& input, const FilterArgs& args)
{
    const auto re = SCSCTL_TRY(compile(args, arg_bool(args, "ignorecase", 2, false),
                                       arg_bool(args, "multiline", 3, false), "regex_replace"));
    const Value* replacement = args.get("replacement", 1);
    auto out = re.sub(replacement != nullptr ? python_str(*replacement) : std::string(), python_str(input));
    if (!out) {
        return filter_error("regex_replace: " + out.error().message);
    }
    return std::move(*out);
}

// regex_search returns the match, None when nothing matches, or a list of the groups
// asked for with '\\1' / '\\g<name>' arguments.
core::Result<Value> filter_regex_search(const Value& input, const FilterArgs& args)
{
    const auto re = SCSCTL_TRY(compile(args, arg_bool(args, "ignorecase", std::size_t(-1), false),
                                       arg_bool(args, "multiline", std::size_t(-1), false), "regex_search"));
    auto found = re.search(python_str(input));
    if (!found) {
        return filter_error("regex_search: " + found.error().message);
    }
    if (!*found) {
        return nullptr;
    }
    const regex::Match& match = **found;
    if (args.positional.size() <= 1) {
        return group_value(match, 0);
    }
    Value out = Value::array();
    for (std::size_t i = 1; i < args.positional.size(); ++i) {
        out.push_back(group_value(match, SCSCTL_TRY(group_index(match, args.positional[i]))));
    }
    return out;
}

core::Result<Value> filter_regex_findall(const Value& input, const FilterArgs& args)
{
    const auto re = SCSCTL_TRY(compile(args, arg_bool(args, "ignorecase", 2, false),
                                       arg_bool(args, "multiline", 1, false), "regex_findall"));
    auto matches = re.find_all(python_str(input));
    if (!matches) {
        return filter_error("regex_findall: " + matches.error().message);
    }
    const std::size_t groups = re.group_count();
    Value out = Value::array();
    for (const auto& match : *matches) {
        auto text = [&match](std::size_t index) -> Value {
            return index < match.groups.size() && match.groups[index] ? *match.groups[index] : std::string();
        };
        if (groups <= 1) {
            out.push_back(text(groups));
            continue;
        }
        Value row = Value::array();
        for (std::size_t i = 1; i <= groups; ++i) {
            row.push_back(text(i));
        }
        out.push_back(std::move(row));
    }
    return out;
}

// re.escape (Python 3.7+): a backslash before each of ()[]{}?*+-|^$\.&~# and whitespace.
core::Result<Value> filter_regex_escape(const Value& input, const FilterArgs& args)
{
    const std::string type = arg_string(args, "re_type", 0).value_or("python");
    const std::string_view special = type == "python" ? std::string_view("()[]{}?*+-|^$\\.&~# \t\n\r\v\f")
                                                      : std::string_view("].[^$*\\");
    if (type != "python" && type != "posix_basic") {
        return filter_error(type == "posix_extended" ? "regex type (posix_extended) not yet implemented"
                                                     : "invalid regex type (" + type + ")");
    }
    std::string out;
    for (const char c : python_str(input)) {
        if (special.find(c) != std::string_view::npos) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

core::Result<bool> regex_test(const Value& input, const FilterArgs& args, std::string_view mode)
{
    const auto re = SCSCTL_TRY(compile(args, arg_bool(args, "ignorecase", 1, false),
                                       arg_bool(args, "multiline", 2, false), mode));
    const std::string text = python_str(input);
    const std::string kind = mode == "regex" ? arg_string(args, "match_type", 3).value_or("search") : std::string(mode);
    auto found = kind == "match" ? re.match(text) : (kind == "fullmatch" ? re.fullmatch(text) : re.search(text));
    if (!found) {
        return filter_error(std::string(mode) + ": " + found.error().message);
    }
    return found->has_value();
}

} // namespace scsctl::vars::detail
