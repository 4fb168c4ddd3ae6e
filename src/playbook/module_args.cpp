// Free-form argument strings: the splitter (quotes and Jinja2 blocks keep a token
// together) and k=v parsing with Ansible's escape and quote rules. Depends on core only.
#include "playbook/module_args.hpp"

#include <algorithm>
#include <array>

namespace scsctl::playbook {

namespace {

/// Where the scanner is: inside quotes, and how deep inside each kind of Jinja2 block.
struct SplitState {
    char quote = 0;
    int print_depth = 0;   // {{ }}
    int block_depth = 0;   // {% %}
    int comment_depth = 0; // {# #}

    bool inside() const { return quote != 0 || print_depth > 0 || block_depth > 0 || comment_depth > 0; }
};

/// Updates `state` for one character (with the previous and next ones for the
/// two-character Jinja2 delimiters and backslash escapes inside quotes).
void scan_char(SplitState& state, std::string_view text, std::size_t i)
{
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (state.quote != 0) {
        if (c == state.quote && (i == 0 || text[i - 1] != '\\')) {
            state.quote = 0;
        }
        return;
    }
    if ((c == '"' || c == '\'') && state.print_depth == 0 && state.block_depth == 0 && state.comment_depth == 0) {
        state.quote = c;
        return;
    }
    if (c == '{' && next == '{') {
        ++state.print_depth;
    } else if (c == '}' && next == '}' && state.print_depth > 0) {
        --state.print_depth;
    } else if (c == '{' && next == '%') {
        ++state.block_depth;
    } else if (c == '%' && next == '}' && state.block_depth > 0) {
        --state.block_depth;
    } else if (c == '{' && next == '#') {
        ++state.comment_depth;
    } else if (c == '#' && next == '}' && state.comment_depth > 0) {
        --state.comment_depth;
    }
}

int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

void append_utf8(std::string& out, unsigned long code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

/// A \x, \u or \U escape of `digits` hex digits at text[i] ('\\'); 0 when malformed.
std::size_t decode_hex_escape(std::string_view text, std::size_t i, std::size_t digits, std::string& out)
{
    if (i + 2 + digits > text.size()) {
        return 0;
    }
    unsigned long code = 0;
    for (std::size_t k = 0; k < digits; ++k) {
        const int v = hex_value(text[i + 2 + k]);
        if (v < 0) {
            return 0;
        }
        code = code * 16 + static_cast<unsigned long>(v);
    }
    append_utf8(out, code);
    return 2 + digits;
}

/// Python's unicode-escape on the escape sequences of `text` (\n, \t, \\, \', \", \xHH,
/// \uHHHH, \UHHHHHHHH, octal); anything else (such as "\=") is left as it is.
std::string decode_escapes(std::string_view text)
{
    static constexpr std::string_view k_simple = "\\'\"abfnrtv";
    static constexpr std::string_view k_decoded = "\\'\"\a\b\f\n\r\t\v";
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '\\' || i + 1 >= text.size()) {
            out += text[i++];
            continue;
        }
        const char e = text[i + 1];
        std::size_t used = 0;
        if (const auto pos = k_simple.find(e); pos != std::string_view::npos) {
            out += k_decoded[pos];
            used = 2;
        } else if (e == 'x' || e == 'u' || e == 'U') {
            used = decode_hex_escape(text, i, e == 'x' ? 2 : (e == 'u' ? 4 : 8), out);
        } else if (e >= '0' && e <= '7') {
            unsigned long code = 0;
            used = 1;
            while (used < 4 && i + used < text.size() && text[i + used] >= '0' && text[i + used] <= '7') {
                code = code * 8 + static_cast<unsigned long>(text[i + used] - '0');
                ++used;
            }
            append_utf8(out, code);
        }
        if (used == 0) {
            out += text[i++];
        } else {
            i += used;
        }
    }
    return out;
}

bool is_quoted(std::string_view s)
{
    return s.size() > 1 && s.front() == s.back() && (s.front() == '"' || s.front() == '\'') && s[s.size() - 2] != '\\';
}

std::string_view strip(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\n\r\f\v");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t\n\r\f\v");
    return s.substr(first, last - first + 1);
}

/// The first '=' at position > 0 that is not escaped with a backslash, or npos.
std::size_t assignment_position(std::string_view token)
{
    for (std::size_t pos = 1; pos < token.size(); ++pos) {
        if (token[pos] == '=' && token[pos - 1] != '\\') {
            return pos;
        }
    }
    return std::string_view::npos;
}

const std::array<std::string_view, 8> k_raw_keys = {"creates", "removes", "chdir", "executable", "warn", "stdin",
                                                    "stdin_add_newline", "strip_empty_ends"};

std::string_view short_name(std::string_view action)
{
    for (std::string_view prefix : {"ansible.builtin.", "ansible.legacy."}) {
        if (action.starts_with(prefix)) {
            return action.substr(prefix.size());
        }
    }
    return action;
}

} // namespace

std::expected<std::vector<std::string>, std::string> split_args(std::string_view text)
{
    // Lines first, then spaces within a line, as Ansible does: a token that is still
    // open (quotes, Jinja2) at a space or line end continues with that separator.
    std::vector<std::string> tokens;
    SplitState state;
    std::string current;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool at_end = i == text.size();
        const char c = at_end ? '\n' : text[i];
        if ((c == ' ' || c == '\n') && !state.inside()) {
            if (c == '\n' && !at_end) {
                current += '\n';
            }
            tokens.push_back(std::move(current));
            current.clear();
            continue;
        }
        current += c;
        scan_char(state, text, i);
    }
    if (state.inside()) {
        return std::unexpected("failed at splitting arguments, either an unbalanced jinja2 block or quotes: " +
                               std::string(text));
    }
    if (tokens.size() == 1 && tokens.front().empty()) {
        tokens.clear();
    }
    return tokens;
}

std::string join_args(const std::vector<std::string>& tokens)
{
    std::string out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i > 0 && !tokens[i - 1].ends_with('\n')) {
            out += ' ';
        }
        out += tokens[i];
    }
    return out;
}

std::expected<core::Value, std::string> parse_kv(std::string_view text, bool check_raw)
{
    auto tokens = split_args(text);
    if (!tokens) {
        return std::unexpected(tokens.error());
    }
    core::Value options = core::Value::object();
    std::vector<std::string> raw;
    for (const auto& token : *tokens) {
        const std::string decoded = decode_escapes(token);
        const auto pos = assignment_position(decoded);
        if (pos == std::string::npos) {
            raw.push_back(token);
            continue;
        }
        const std::string key(strip(std::string_view(decoded).substr(0, pos)));
        const std::string_view value = strip(std::string_view(decoded).substr(pos + 1));
        const bool raw_key = std::find(k_raw_keys.begin(), k_raw_keys.end(), key) != k_raw_keys.end();
        if (check_raw && !raw_key) {
            raw.push_back(token);
            continue;
        }
        options[key] = std::string(is_quoted(value) ? value.substr(1, value.size() - 2) : value);
    }
    if (!raw.empty()) {
        options["_raw_params"] = join_args(raw);
    }
    return options;
}

bool is_freeform_action(std::string_view action)
{
    const auto name = short_name(action);
    return name == "command" || name == "shell" || name == "raw" || name == "script";
}

bool accepts_raw_params(std::string_view action)
{
    static constexpr std::array<std::string_view, 10> k_more = {
        "include",  "include_vars", "include_tasks", "include_role", "import_tasks",
        "import_role", "add_host",  "group_by",      "set_fact",     "meta"};
    const auto name = short_name(action);
    return is_freeform_action(action) || std::find(k_more.begin(), k_more.end(), name) != k_more.end();
}

bool is_template(std::string_view text)
{
    return text.find("{{") != std::string_view::npos || text.find("{%") != std::string_view::npos;
}

} // namespace scsctl::playbook
