// Python methods callable on template values (dict.items/keys/values/get, str.split/
// strip/replace/startswith/format..., list.index/count). Depends on core, python_format.
#include "vars/evaluator.hpp"
#include "vars/python_format.hpp"
#include "vars/value_ops.hpp"

namespace scsctl::vars {

namespace {

using Args = std::vector<core::Value>;

core::Error method_error(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

std::optional<core::Result<core::Value>> dict_method(const core::Value& self, const std::string& name, const Args& args)
{
    if (name == "items" || name == "keys" || name == "values") {
        core::Value out = core::Value::array();
        for (auto it = self.begin(); it != self.end(); ++it) {
            if (name == "items") {
                out.push_back(core::Value::array({it.key(), it.value()}));
            } else {
                out.push_back(name == "keys" ? core::Value(it.key()) : it.value());
            }
        }
        return out;
    }
    if (name == "get" && !args.empty()) {
        const std::string key = args[0].is_string() ? args[0].get<std::string>() : python_str(args[0]);
        const auto found = self.find(key);
        if (found != self.end()) {
            return core::Value(*found);
        }
        return args.size() > 1 ? args[1] : core::Value(nullptr);
    }
    return std::nullopt;
}

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string strip(const std::string& s, const Args& args, bool left, bool right)
{
    const std::string chars = !args.empty() && args[0].is_string() ? args[0].get<std::string>() : std::string();
    const auto strippable = [&](char c) { return chars.empty() ? is_space(c) : chars.find(c) != std::string::npos; };
    std::size_t b = 0;
    std::size_t e = s.size();
    while (left && b < e && strippable(s[b])) {
        ++b;
    }
    while (right && e > b && strippable(s[e - 1])) {
        --e;
    }
    return s.substr(b, e - b);
}

core::Value split(const std::string& s, const Args& args)
{
    core::Value out = core::Value::array();
    const bool by_space = args.empty() || args[0].is_null();
    const std::int64_t max = args.size() > 1 && args[1].is_number_integer() ? args[1].get<std::int64_t>() : -1;
    std::int64_t done = 0;
    if (by_space) {
        std::size_t i = 0;
        while (i < s.size()) {
            while (i < s.size() && is_space(s[i])) {
                ++i;
            }
            if (i >= s.size()) {
                break;
            }
            std::size_t j = i;
            while (j < s.size() && (max < 0 || done < max ? !is_space(s[j]) : true)) {
                ++j;
            }
            std::string piece = s.substr(i, j - i);
            out.push_back(max >= 0 && done >= max ? strip(piece, {}, false, true) : piece);
            ++done;
            i = j;
        }
        return out;
    }
    const std::string sep = args[0].get<std::string>();
    std::size_t start = 0;
    while (max < 0 || done < max) {
        const std::size_t at = s.find(sep, start);
        if (at == std::string::npos) {
            break;
        }
        out.push_back(s.substr(start, at - start));
        start = at + sep.size();
        ++done;
    }
    out.push_back(s.substr(start));
    return out;
}

bool affix(const std::string& s, const core::Value& arg, bool prefix)
{
    const auto one = [&](const core::Value& a) {
        if (!a.is_string()) {
            return false;
        }
        const auto& x = a.get_ref<const std::string&>();
        return prefix ? s.starts_with(x) : s.ends_with(x);
    };
    if (arg.is_array()) {
        for (const auto& a : arg) {
            if (one(a)) {
                return true;
            }
        }
        return false;
    }
    return one(arg);
}

std::string replace(std::string s, const std::string& from, const std::string& to, std::int64_t count)
{
    std::string out;
    std::size_t start = 0;
    std::int64_t done = 0;
    if (from.empty()) {
        return s;
    }
    while (count < 0 || done < count) {
        const std::size_t at = s.find(from, start);
        if (at == std::string::npos) {
            break;
        }
        out += s.substr(start, at - start) + to;
        start = at + from.size();
        ++done;
    }
    return out + s.substr(start);
}

/// str.format with `{}`, `{0}` and `{{`/`}}` (no format specs).
core::Result<core::Value> format(const std::string& s, const Args& args)
{
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((s[i] == '{' || s[i] == '}') && i + 1 < s.size() && s[i + 1] == s[i]) {
            out += s[i++];
            continue;
        }
        if (s[i] != '{') {
            out += s[i];
            continue;
        }
        const std::size_t close = s.find('}', i);
        if (close == std::string::npos) {
            return core::fail(method_error("single '{' encountered in format string"));
        }
        const std::string field = s.substr(i + 1, close - i - 1);
        const std::size_t at = field.empty() ? next++ : static_cast<std::size_t>(std::atoi(field.c_str()));
        if (at >= args.size()) {
            return core::fail(method_error("replacement index " + std::to_string(at) + " out of range"));
        }
        out += python_str(args[at]);
        i = close;
    }
    return core::Value(out);
}

std::optional<core::Result<core::Value>> str_method(const std::string& s, const std::string& name, const Args& args)
{
    const auto arg_str = [&](std::size_t i) {
        return i < args.size() && args[i].is_string() ? args[i].get<std::string>() : std::string();
    };
    if (name == "strip" || name == "lstrip" || name == "rstrip") {
        return core::Value(strip(s, args, name != "rstrip", name != "lstrip"));
    }
    if (name == "lower" || name == "upper") {
        std::string out = s;
        for (char& c : out) {
            c = static_cast<char>(name == "lower" ? std::tolower(static_cast<unsigned char>(c))
                                                  : std::toupper(static_cast<unsigned char>(c)));
        }
        return core::Value(out);
    }
    if (name == "split") {
        return split(s, args);
    }
    if ((name == "startswith" || name == "endswith") && !args.empty()) {
        return core::Value(affix(s, args[0], name == "startswith"));
    }
    if (name == "replace" && args.size() >= 2) {
        const std::int64_t count = args.size() > 2 && args[2].is_number_integer() ? args[2].get<std::int64_t>() : -1;
        return core::Value(replace(s, arg_str(0), arg_str(1), count));
    }
    if (name == "format") {
        return format(s, args);
    }
    if (name == "join" && !args.empty() && args[0].is_array()) {
        std::string out;
        for (std::size_t i = 0; i < args[0].size(); ++i) {
            out += (i > 0 ? s : std::string()) + python_str(args[0][i]);
        }
        return core::Value(out);
    }
    if (name == "find" && !args.empty()) {
        const std::size_t at = s.find(arg_str(0));
        return core::Value(at == std::string::npos ? std::int64_t{-1} : static_cast<std::int64_t>(at));
    }
    return std::nullopt;
}

} // namespace

std::optional<core::Result<core::Value>> call_method(const core::Value& self, const std::string& name, const Args& args)
{
    if (self.is_object()) {
        return dict_method(self, name, args);
    }
    if (self.is_string()) {
        return str_method(self.get_ref<const std::string&>(), name, args);
    }
    if (self.is_array() && (name == "index" || name == "count") && args.size() == 1) {
        std::int64_t count = 0;
        for (std::size_t i = 0; i < self.size(); ++i) {
            if (python_equal(self[i], args[0])) {
                if (name == "index") {
                    return core::Value(static_cast<std::int64_t>(i));
                }
                ++count;
            }
        }
        if (name == "index") {
            return core::Result<core::Value>(core::fail(method_error(python_repr(args[0]) + " is not in list")));
        }
        return core::Value(count);
    }
    return std::nullopt;
}

} // namespace scsctl::vars
