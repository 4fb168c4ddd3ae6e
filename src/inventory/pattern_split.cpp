// split_host_pattern, _split_subscript and subset (@file) of ansible-core 2.14, with the
// address grammar of ansible.parsing.utils.addresses. Must not depend on the inventory model.
#include "inventory/pattern_split.hpp"

#include <algorithm>
#include <array>
#include <filesystem>

#include "core/text_file.hpp"
#include "inventory/pattern_glob.hpp"
#include "inventory/pattern_regex.hpp"

namespace scsctl::inventory {

namespace {

/// Python's str.isspace() for one code point.
bool is_python_space(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/// The code point at byte `i` of `text` and its length in bytes (1 for a stray byte).
std::pair<char32_t, std::size_t> code_at(std::string_view text, std::size_t i)
{
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 1;
    if (i + length > text.size()) {
        return {lead, 1};
    }
    const std::u32string decoded = decode_utf8(text.substr(i, length));
    return {decoded.empty() ? char32_t{lead} : decoded[0], length};
}

// The address grammar (a fact of Ansible's parser, spelled for PCRE2 extended mode).
constexpr std::string_view k_hex_range = R"(\[ [0-9a-f]+:[0-9a-f]+ (?::[0-9]+)? \])";
constexpr std::string_view k_num_range = R"(\[ [0-9]+:[0-9]+ (?::[0-9]+)? \])";
constexpr std::string_view k_alnum_range = R"(\[ (?:[a-z]:[a-z]|[0-9]+:[0-9]+) (?::[0-9]+)? \])";

std::string replace_all(std::string text, std::string_view from, std::string_view to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

struct AddressGrammar {
    std::optional<PatternRegex> bracketed_port;
    std::optional<PatternRegex> host_port;
    std::array<std::optional<PatternRegex>, 3> hosts; // ipv4, ipv6, hostname
};

std::optional<PatternRegex> compile_grammar(const std::string& source)
{
    auto compiled = PatternRegex::compile(source, PatternRegex::k_caseless | PatternRegex::k_extended);
    return compiled ? std::optional<PatternRegex>(std::move(*compiled)) : std::nullopt;
}

AddressGrammar make_grammar()
{
    const std::string v6 = "(?:[0-9a-f]{1,4}|" + std::string(k_hex_range) + ")";
    const std::string v4 = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + std::string(k_num_range) + ")";
    const std::string label = "(?:\\w|R)(?:[\\w-]|R)*(?<![_-])";
    // As in Ansible, only the first alternative carries '^' and only the last '$': the
    // others match a prefix (re.match anchors the start of every alternative).
    const std::string ipv6 = replace_all(
        "(?:C:){7}C | (?:C:){1,6}: | (?:C:)(?::C){1,6} | (?:C:){2}(?::C){1,5} | (?:C:){3}(?::C){1,4} |"
        " (?:C:){4}(?::C){1,3} | (?:C:){5}(?::C){1,2} | (?:C:){6}(?::C) | :(?::C){1,6} | C?:: |"
        " (?:0:){6}(?:C\\.){3}C | ::(?:ffff:)?(?:C\\.){3}C | (?:0:){5}ffff:(?:C\\.){3}C $",
        "C", v6);
    const std::string host_label = replace_all(label, "R", k_alnum_range);
    AddressGrammar grammar;
    grammar.bracketed_port = compile_grammar(R"(\[(.+)\]:[0-9]+$)");
    grammar.host_port = compile_grammar(R"(((?:[^:\[\]]|\[[^\]]*\])*):[0-9]+$)");
    grammar.hosts[0] = compile_grammar("(?:" + v4 + "\\.){3}" + v4 + "$");
    grammar.hosts[1] = compile_grammar(ipv6);
    grammar.hosts[2] = compile_grammar(host_label + "(?:\\." + host_label + ")*$");
    return grammar;
}

/// Replaces `address` by the host part when `regex` reads it as host plus port.
void strip_port(const std::optional<PatternRegex>& regex, std::string& address)
{
    if (!regex) {
        return;
    }
    auto host = regex->capture(address);
    if (host && *host) {
        address = std::move(**host);
    }
}

/// Python's int() of ASCII digits, saturating far beyond any inventory size.
std::int64_t to_index(std::string_view digits)
{
    constexpr std::int64_t k_cap = 1'000'000'000'000LL;
    std::int64_t value = 0;
    for (char c : digits) {
        value = std::min<std::int64_t>(k_cap, value * 10 + (c - '0'));
    }
    return value;
}

bool all_digits(std::string_view text)
{
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

/// Ansible's findall split: runs of characters other than whitespace and ':[]', where a
/// complete [...] counts as one character.
std::vector<std::string> split_on_colons(std::string_view pattern)
{
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i < pattern.size()) {
        const std::size_t start = i;
        while (i < pattern.size()) {
            const char c = pattern[i];
            if (c == '[') {
                const std::size_t close = pattern.find(']', i + 1);
                if (close == std::string_view::npos) {
                    break;
                }
                i = close + 1;
                continue;
            }
            const auto [code, length] = code_at(pattern, i);
            if (c == ':' || c == ']' || is_python_space(code)) {
                break;
            }
            i += length;
        }
        if (i == start) {
            i += code_at(pattern, i).second;
        } else {
            parts.emplace_back(pattern.substr(start, i - start));
        }
    }
    return parts;
}

core::Error usage_error(std::string message)
{
    return core::Error{core::ErrorKind::usage, std::move(message), {}};
}

/// The lines of a limit file, each stripped (empty ones kept, as Ansible does).
core::Result<std::vector<std::string>> read_limit_file(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return core::fail(usage_error("unable to find limit file '" + path + "'"));
    }
    if (!std::filesystem::is_regular_file(path, ec)) {
        return core::fail(usage_error("limit starting with '@' must be a file, not a directory: '" + path + "'"));
    }
    std::string text = SCSCTL_TRY(core::read_text_file(path));
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find_first_of("\r\n", start);
        lines.push_back(python_strip(std::string_view(text).substr(start, end - start)));
        if (end == std::string::npos) {
            break;
        }
        start = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
    }
    return lines;
}

} // namespace

std::string python_strip(std::string_view text)
{
    std::size_t begin = 0;
    while (begin < text.size()) {
        const auto [code, length] = code_at(text, begin);
        if (!is_python_space(code)) {
            break;
        }
        begin += length;
    }
    std::size_t end = text.size();
    while (end > begin) {
        std::size_t lead = end - 1;
        while (lead > begin && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) {
            --lead;
        }
        if (!is_python_space(code_at(text, lead).first)) {
            break;
        }
        end = lead;
    }
    return std::string(text.substr(begin, end - begin));
}

bool is_host_address(std::string_view text)
{
    static const AddressGrammar grammar = make_grammar();
    std::string address(text);
    strip_port(grammar.bracketed_port, address);
    strip_port(grammar.host_port, address);
    for (const auto& regex : grammar.hosts) {
        if (regex) {
            auto matched = regex->match(address);
            if (matched && *matched) {
                return true;
            }
        }
    }
    return false;
}

std::vector<std::string> split_host_pattern(std::string_view pattern)
{
    std::vector<std::string> parts;
    if (pattern.find(',') != std::string_view::npos) {
        std::size_t start = 0;
        for (std::size_t comma = pattern.find(','); ; comma = pattern.find(',', start)) {
            parts.emplace_back(pattern.substr(start, comma == std::string_view::npos ? comma : comma - start));
            if (comma == std::string_view::npos) {
                break;
            }
            start = comma + 1;
        }
    } else if (is_host_address(pattern)) {
        parts.emplace_back(pattern);
    } else {
        parts = split_on_colons(pattern);
    }
    std::vector<std::string> out;
    for (const auto& part : parts) {
        std::string stripped = python_strip(part);
        if (!stripped.empty()) {
            out.push_back(std::move(stripped));
        }
    }
    return out;
}

std::pair<std::string, std::optional<Subscript>> split_subscript(const std::string& pattern)
{
    if (pattern.empty() || pattern[0] == '~' || pattern.back() != ']') {
        return {pattern, std::nullopt};
    }
    const std::size_t open = pattern.rfind('[');
    // The expression before the subscript is Python's '(.+)': non-empty, no newline.
    if (open == std::string::npos || open == 0 || pattern.find('\n') < open) {
        return {pattern, std::nullopt};
    }
    const std::string_view body = std::string_view(pattern).substr(open + 1, pattern.size() - open - 2);
    Subscript subscript;
    const std::string_view number = !body.empty() && body[0] == '-' ? body.substr(1) : body;
    if (all_digits(number)) {
        subscript.start = body[0] == '-' ? -to_index(number) : to_index(number);
        return {pattern.substr(0, open), subscript};
    }
    const std::size_t separator = body.find_first_of(":-");
    if (separator == std::string_view::npos || !all_digits(body.substr(0, separator))) {
        return {pattern, std::nullopt};
    }
    const std::string_view end = body.substr(separator + 1);
    if (!end.empty() && !all_digits(end)) {
        return {pattern, std::nullopt};
    }
    subscript.start = to_index(body.substr(0, separator));
    subscript.end = end.empty() ? -1 : to_index(end);
    return {pattern.substr(0, open), subscript};
}

core::Result<std::vector<std::string>> limit_patterns(std::string_view limit)
{
    std::vector<std::string> patterns;
    for (auto& part : split_host_pattern(limit)) {
        if (part[0] == '@') {
            auto lines = SCSCTL_TRY(read_limit_file(part.substr(1)));
            patterns.insert(patterns.end(), lines.begin(), lines.end());
        } else {
            patterns.push_back(std::move(part));
        }
    }
    return patterns;
}

} // namespace scsctl::inventory
