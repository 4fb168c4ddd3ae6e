// PatternGlob: shell wildcards with Python's fnmatch.translate semantics (*, ?, [abc],
// [!abc], ranges; no escaping; whole-name, case-sensitive match). Depends on core only.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace scsctl::inventory {

/// Decodes UTF-8 to code points; an invalid byte becomes U+FFFD (callers validate first).
std::u32string decode_utf8(std::string_view text);

class PatternGlob {
public:
    /// Compiles `pattern` (valid UTF-8). Fails (kind usage) only where Python's `re`
    /// rejects what fnmatch.translate produced (a reversed range left in a class).
    static core::Result<PatternGlob> compile(std::string_view pattern);

    /// Whether the whole of `name` matches.
    bool matches(std::string_view name) const;

private:
    enum class Kind { literal, any, star, set, never };
    struct Token {
        Kind kind = Kind::literal;
        char32_t code = 0;                               ///< literal
        bool negated = false;                            ///< set
        std::vector<std::pair<char32_t, char32_t>> ranges; ///< set, inclusive
    };

    static core::Result<Token> parse_class(const std::u32string& pattern, std::size_t& i);
    bool token_matches(const Token& token, char32_t code) const;

    std::vector<Token> m_tokens;
};

} // namespace scsctl::inventory
