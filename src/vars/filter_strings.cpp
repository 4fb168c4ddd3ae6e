// String filters (Jinja2's lower/upper/capitalize/title/trim/replace/format, Ansible's
// split, quote, basename, dirname): each works on Python's str() of its input. Depends on core.
#include <algorithm>

#include "vars/filter_support.hpp"
#include "vars/python_format.hpp"
#include "vars/python_percent.hpp"

namespace scsctl::vars::detail {

namespace {

bool is_python_space(std::string_view point)
{
    if (point.size() == 1) {
        const char c = point[0];
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
    }
    return point == "\u0085" || point == "\u00a0" || point == "\u3000" || point == "\u2028" || point == "\u2029";
}

/// Python's str.strip(chars): `chars` as a set of code points, None for whitespace.
std::string strip(std::string_view text, const std::optional<std::string>& chars)
{
    const std::vector<std::string> points = code_points(text);
    const std::vector<std::string> set = chars ? code_points(*chars) : std::vector<std::string>{};
    auto strip_it = [&](const std::string& point) {
        return chars ? std::find(set.begin(), set.end(), point) != set.end() : is_python_space(point);
    };
    std::size_t begin = 0;
    std::size_t end = points.size();
    while (begin < end && strip_it(points[begin])) {
        ++begin;
    }
    while (end > begin && strip_it(points[end - 1])) {
        --end;
    }
    std::string out;
    for (std::size_t i = begin; i < end; ++i) {
        out += points[i];
    }
    return out;
}

} // namespace

core::Result<Value> filter_lower(const Value& input, const FilterArgs&)
{
    return lower_text(python_str(input));
}

core::Result<Value> filter_upper(const Value& input, const FilterArgs&)
{
    return upper_text(python_str(input));
}

core::Result<Value> filter_capitalize(const Value& input, const FilterArgs&)
{
    const std::vector<std::string> points = code_points(python_str(input));
    std::string out;
    for (std::size_t i = 0; i < points.size(); ++i) {
        out += i == 0 ? upper_text(points[i]) : lower_text(points[i]);
    }
    return out;
}

// Jinja2's title(): words begin after '-', whitespace, '(', '{', '[' or '<' (so "it's"
// stays "It's", unlike str.title()).
core::Result<Value> filter_title(const Value& input, const FilterArgs&)
{
    std::string out;
    bool word_start = true;
    for (const std::string& point : code_points(python_str(input))) {
        const bool separator = is_python_space(point) || point == "-" || point == "(" || point == "{" ||
                               point == "[" || point == "<";
        if (separator) {
            out += point;
            word_start = true;
        } else {
            out += word_start ? upper_text(point) : lower_text(point);
            word_start = false;
        }
    }
    return out;
}

core::Result<Value> filter_trim(const Value& input, const FilterArgs& args)
{
    return strip(python_str(input), arg_string(args, "chars", 0));
}

core::Result<Value> filter_replace(const Value& input, const FilterArgs& args)
{
    const std::string text = python_str(input);
    const Value* old_arg = args.get("old", 0);
    const Value* new_arg = args.get("new", 1);
    if (old_arg == nullptr || new_arg == nullptr) {
        return filter_error("replace expects two arguments (old, new)");
    }
    const std::string old_text = python_str(*old_arg);
    const std::string new_text = python_str(*new_arg);
    const Value* count_arg = args.get("count", 2);
    long long count = -1;
    if (count_arg != nullptr && !count_arg->is_null()) {
        if (!count_arg->is_number_integer()) {
            return filter_error("replace expects an integer count, got " + type_name(*count_arg));
        }
        count = count_arg->get<long long>();
    }
    std::string out;
    if (old_text.empty()) {
        // str.replace('', new) puts `new` before every code point and at the end.
        const std::vector<std::string> points = code_points(text);
        for (std::size_t i = 0; i <= points.size(); ++i) {
            if (count < 0 || static_cast<long long>(i) < count) {
                out += new_text;
            }
            out += i < points.size() ? points[i] : "";
        }
        return out;
    }
    std::size_t pos = 0;
    for (long long done = 0; count < 0 || done < count; ++done) {
        const std::size_t found = text.find(old_text, pos);
        if (found == std::string::npos) {
            break;
        }
        out.append(text, pos, found - pos);
        out += new_text;
        pos = found + old_text.size();
    }
    out.append(text, pos);
    return out;
}

// Ansible's split is Python's str.split(sep=None, maxsplit=-1).
core::Result<Value> filter_split(const Value& input, const FilterArgs& args)
{
    const std::string text = python_str(input);
    const Value* sep_arg = args.get("sep", 0);
    const Value* max_arg = args.get("maxsplit", 1);
    long long maxsplit = max_arg != nullptr && max_arg->is_number_integer() ? max_arg->get<long long>() : -1;
    Value out = Value::array();
    if (sep_arg != nullptr && !sep_arg->is_null()) {
        const std::string sep = python_str(*sep_arg);
        if (sep.empty()) {
            return filter_error("split: empty separator");
        }
        std::size_t pos = 0;
        for (long long done = 0; maxsplit < 0 || done < maxsplit; ++done) {
            const std::size_t found = text.find(sep, pos);
            if (found == std::string::npos) {
                break;
            }
            out.push_back(text.substr(pos, found - pos));
            pos = found + sep.size();
        }
        out.push_back(text.substr(pos));
        return out;
    }
    const std::vector<std::string> points = code_points(text);
    std::size_t i = 0;
    while (i < points.size()) {
        while (i < points.size() && is_python_space(points[i])) {
            ++i;
        }
        if (i == points.size()) {
            break;
        }
        std::string word;
        if (maxsplit >= 0 && static_cast<long long>(out.size()) == maxsplit) {
            for (; i < points.size(); ++i) {
                word += points[i];
            }
            out.push_back(std::move(word)); // str.split keeps the rest's trailing whitespace
            break;
        }
        for (; i < points.size() && !is_python_space(points[i]); ++i) {
            word += points[i];
        }
        out.push_back(std::move(word));
    }
    return out;
}

// shlex.quote: bare when only [A-Za-z0-9_@%+=:,./-], else single quotes with ' written
// as '"'"' (core::shell_quote writes '\'' instead, so it is not used here).
core::Result<Value> filter_quote(const Value& input, const FilterArgs&)
{
    const std::string text = input.is_null() ? std::string() : python_str(input);
    if (text.empty()) {
        return std::string("''");
    }
    bool safe = true;
    for (const char c : text) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!word && std::string_view("_@%+=:,./-").find(c) == std::string_view::npos) {
            safe = false;
            break;
        }
    }
    if (safe) {
        return text;
    }
    std::string out = "'";
    for (const char c : text) {
        out += c == '\'' ? std::string("'\"'\"'") : std::string(1, c);
    }
    return out + "'";
}

core::Result<Value> filter_basename(const Value& input, const FilterArgs&)
{
    const std::string path = python_str(input);
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

core::Result<Value> filter_dirname(const Value& input, const FilterArgs&)
{
    const std::string path = python_str(input);
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) {
        return std::string();
    }
    std::string head = path.substr(0, slash + 1);
    if (head.find_first_not_of('/') != std::string::npos) {
        while (!head.empty() && head.back() == '/') {
            head.pop_back();
        }
    }
    return head;
}

// Jinja2's format: `str(input) % args`, or `% kwargs` when named arguments are given.
core::Result<Value> filter_format(const Value& input, const FilterArgs& args)
{
    if (!args.positional.empty() && !args.named.empty()) {
        return filter_error("can't handle positional and keyword arguments at the same time");
    }
    Value operand = Value::array();
    if (!args.named.empty()) {
        operand = Value::object();
        for (const auto& [name, value] : args.named) {
            operand[name] = value;
        }
    } else {
        operand = Value(args.positional);
    }
    return Value(SCSCTL_TRY(python_percent_format(python_str(input), operand, true)));
}

} // namespace scsctl::vars::detail
