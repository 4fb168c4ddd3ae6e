// shlex.split(s, comments=True) of Python 3.11 in POSIX mode with whitespace_split,
// rewritten as a small state machine. Depends on core only.
#include "inventory/shlex_split.hpp"

namespace scsctl::inventory {

namespace {

bool is_shlex_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

core::Error split_error(std::string message, std::size_t offset)
{
    return core::Error{core::ErrorKind::config, std::move(message), core::Location{"", 0, static_cast<int>(offset) + 1}};
}

} // namespace

core::Result<std::vector<ShlexToken>> shlex_split(std::string_view line)
{
    std::vector<ShlexToken> tokens;
    ShlexToken token;
    bool in_token = false;  // a word has started (possibly empty but quoted)
    char quote = '\0';      // the open quote, if any
    auto emit = [&] {
        tokens.push_back(std::move(token));
        token = ShlexToken{};
        in_token = false;
    };
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote != '\0') {
            if (c == quote) {
                quote = '\0';
            } else if (quote == '"' && c == '\\') {
                if (i + 1 >= line.size()) {
                    return core::fail(split_error("no escaped character", token.offset));
                }
                const char next = line[++i];
                if (next != '"' && next != '\\') {
                    token.text += '\\';
                }
                token.text += next;
            } else {
                token.text += c;
            }
            continue;
        }
        if (is_shlex_space(c) || c == '#') {
            if (in_token) {
                emit();
            }
            if (c == '#') {
                break;
            }
            continue;
        }
        if (!in_token) {
            in_token = true;
            token.offset = i;
        }
        if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '\\') {
            if (i + 1 >= line.size()) {
                return core::fail(split_error("no escaped character", token.offset));
            }
            token.text += line[++i];
        } else {
            token.text += c;
        }
    }
    if (quote != '\0') {
        return core::fail(split_error("no closing quotation", token.offset));
    }
    if (in_token) {
        emit();
    }
    return tokens;
}

} // namespace scsctl::inventory
