// The version/version_compare test: Python's LooseVersion (default) and StrictVersion
// (strict=True) comparisons with Ansible's operator names. Depends on core.
#include <map>
#include <variant>

#include "vars/filter_support.hpp"
#include "vars/python_format.hpp"

namespace scsctl::vars::detail {

namespace {

using Component = std::variant<long long, std::string>;

/// LooseVersion's components: digit runs as numbers; lowercase-letter runs and any other
/// text between matches as strings; dots dropped.
std::vector<Component> loose_components(std::string_view text)
{
    std::vector<Component> out;
    std::string other;
    auto flush = [&]() {
        if (!other.empty()) {
            out.emplace_back(std::move(other));
            other.clear();
        }
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        std::size_t j = i;
        if (c >= '0' && c <= '9') {
            while (j < text.size() && text[j] >= '0' && text[j] <= '9') {
                ++j;
            }
            flush();
            out.emplace_back(std::stoll(std::string(text.substr(i, std::min<std::size_t>(j - i, 18)))));
        } else if (c >= 'a' && c <= 'z') {
            while (j < text.size() && text[j] >= 'a' && text[j] <= 'z') {
                ++j;
            }
            flush();
            out.emplace_back(std::string(text.substr(i, j - i)));
        } else if (c == '.') {
            flush();
            j = i + 1;
        } else {
            other += c;
            j = i + 1;
        }
        i = j;
    }
    flush();
    return out;
}

/// -1, 0 or 1; an error when Python would compare an int with a str.
core::Result<int> compare_loose(std::string_view a, std::string_view b)
{
    const auto left = loose_components(a);
    const auto right = loose_components(b);
    for (std::size_t i = 0; i < std::min(left.size(), right.size()); ++i) {
        if (left[i] == right[i]) {
            continue;
        }
        if (left[i].index() != right[i].index()) {
            const bool left_int = left[i].index() == 0;
            return filter_error(std::string("Version comparison failed: '<' not supported between instances of '") +
                                (left_int ? "int" : "str") + "' and '" + (left_int ? "str" : "int") + "'");
        }
        return left[i] < right[i] ? -1 : 1;
    }
    return left.size() == right.size() ? 0 : (left.size() < right.size() ? -1 : 1);
}

struct Strict {
    std::vector<long long> numbers; // major, minor, patch
    char pre_kind = 0;              // 0 (release), 'a' or 'b'
    long long pre_number = 0;
};

core::Result<Strict> parse_strict(std::string_view text)
{
    Strict out;
    std::size_t i = 0;
    auto number = [&]() -> std::optional<long long> {
        const std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            ++i;
        }
        if (i == start) {
            return std::nullopt;
        }
        return std::stoll(std::string(text.substr(start, std::min<std::size_t>(i - start, 18))));
    };
    const auto bad = filter_error("Version comparison failed: invalid version number '" + std::string(text) + "'");
    for (int part = 0; part < 3; ++part) {
        if (part > 0) {
            if (i >= text.size() || text[i] != '.') {
                if (part == 1) {
                    return bad;
                }
                break;
            }
            ++i;
        }
        auto value = number();
        if (!value) {
            return bad;
        }
        out.numbers.push_back(*value);
    }
    out.numbers.resize(3, 0);
    if (i < text.size() && (text[i] == 'a' || text[i] == 'b')) {
        out.pre_kind = text[i++];
        auto value = number();
        if (!value) {
            return bad;
        }
        out.pre_number = *value;
    }
    if (i != text.size()) {
        return bad;
    }
    return out;
}

core::Result<int> compare_strict(std::string_view a, std::string_view b)
{
    const Strict left = SCSCTL_TRY(parse_strict(a));
    const Strict right = SCSCTL_TRY(parse_strict(b));
    if (left.numbers != right.numbers) {
        return left.numbers < right.numbers ? -1 : 1;
    }
    if (left.pre_kind == right.pre_kind && left.pre_number == right.pre_number) {
        return 0;
    }
    if (left.pre_kind == 0 || right.pre_kind == 0) {
        return left.pre_kind == 0 ? 1 : -1;
    }
    return std::pair(left.pre_kind, left.pre_number) < std::pair(right.pre_kind, right.pre_number) ? -1 : 1;
}

} // namespace

core::Result<bool> test_version(const Value& input, const FilterArgs& args)
{
    static const std::map<std::string, std::string, std::less<>> k_operators = {
        {"==", "eq"}, {"=", "eq"}, {"eq", "eq"}, {"<", "lt"}, {"lt", "lt"}, {"<=", "le"}, {"le", "le"},
        {">", "gt"},  {"gt", "gt"}, {">=", "ge"}, {"ge", "ge"}, {"!=", "ne"}, {"<>", "ne"}, {"ne", "ne"}};
    const Value* version = args.get("version", 0);
    const std::string op_text = arg_string(args, "operator", 1).value_or("eq");
    const bool strict = arg_bool(args, "strict", 2, false);
    const auto version_type = arg_string(args, "version_type", 3).value_or(strict ? "strict" : "loose");
    if (!truthy(input)) {
        return filter_error("Input version value cannot be empty");
    }
    if (version == nullptr || !truthy(*version)) {
        return filter_error("Version parameter to compare against cannot be empty");
    }
    const auto op = k_operators.find(op_text);
    if (op == k_operators.end()) {
        return filter_error("Invalid operator type (" + op_text + ")");
    }
    if (version_type != "loose" && version_type != "strict") {
        return filter_error("version_type " + version_type + " is not supported");
    }
    const std::string a = python_str(input);
    const std::string b = python_str(*version);
    // LooseVersion compares lists even for ==, so an int meeting a str fails there too.
    const int order = SCSCTL_TRY(version_type == "strict" ? compare_strict(a, b) : compare_loose(a, b));
    const std::string& name = op->second;
    return name == "eq" ? order == 0
         : name == "ne" ? order != 0
         : name == "lt" ? order < 0
         : name == "le" ? order <= 0
         : name == "gt" ? order > 0
                        : order >= 0;
}

} // namespace scsctl::vars::detail
