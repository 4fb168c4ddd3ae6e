// Shell wildcard matching with the class rules of Python's fnmatch.translate, including
// its quirks ('[' without ']' is literal, reversed ranges dropped). Must not depend on
// the inventory model or on a regex engine.
#include "inventory/pattern_glob.hpp"

#include <algorithm>
#include <optional>

namespace scsctl::inventory {

namespace {

/// One element of a class body as Python's `re` would read it: a character, or the
/// unescaped '-' that fnmatch leaves between chunks (a range operator).
struct Atom {
    char32_t code = 0;
    bool separator = false;
};

/// fnmatch's chunking of a class body holding '-': split at range dashes, then drop
/// ranges whose start is above their end. Empty when Python would fail.
std::vector<std::u32string> class_chunks(const std::u32string& pattern, std::size_t begin, std::size_t end)
{
    std::vector<std::u32string> chunks;
    std::size_t low = begin;
    std::size_t k = pattern[begin] == U'!' ? begin + 2 : begin + 1;
    while (k < end) {
        const std::size_t dash = pattern.find(U'-', k);
        if (dash == std::u32string::npos || dash >= end) {
            break;
        }
        chunks.push_back(pattern.substr(low, dash - low));
        low = dash + 1;
        k = dash + 3;
    }
    std::u32string last = pattern.substr(low, end - low);
    if (!last.empty()) {
        chunks.push_back(std::move(last));
    } else if (!chunks.empty()) {
        chunks.back() += U'-';
    }
    for (std::size_t i = chunks.size(); i-- > 1;) {
        if (chunks[i - 1].empty() || chunks[i].empty()) {
            return {};
        }
        if (chunks[i - 1].back() > chunks[i].front()) {
            chunks[i - 1] = chunks[i - 1].substr(0, chunks[i - 1].size() - 1) + chunks[i].substr(1);
            chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(i));
        }
    }
    return chunks;
}

/// The atoms of the class body pattern[begin, end) after fnmatch's rewriting; nullopt
/// when Python would fail.
std::optional<std::vector<Atom>> class_atoms(const std::u32string& pattern, std::size_t begin, std::size_t end)
{
    std::vector<Atom> atoms;
    const std::u32string raw = pattern.substr(begin, end - begin);
    if (raw.find(U'-') == std::u32string::npos) {
        for (char32_t c : raw) {
            atoms.push_back(Atom{c, false});
        }
        return atoms;
    }
    const auto chunks = class_chunks(pattern, begin, end);
    if (chunks.empty()) {
        return std::nullopt;
    }
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        if (c > 0) {
            atoms.push_back(Atom{U'-', true});
        }
        for (char32_t code : chunks[c]) {
            atoms.push_back(Atom{code, false});
        }
    }
    return atoms;
}

/// Python's class parser over atoms: an atom, an unescaped '-' and another atom form a
/// range; a trailing '-' is literal. nullopt for a reversed range (re.error).
std::optional<std::vector<std::pair<char32_t, char32_t>>> class_ranges(const std::vector<Atom>& atoms)
{
    std::vector<std::pair<char32_t, char32_t>> ranges;
    for (std::size_t a = 0; a < atoms.size();) {
        const char32_t low = atoms[a++].code;
        if (a < atoms.size() && atoms[a].separator) {
            ++a;
            if (a >= atoms.size()) {
                ranges.emplace_back(low, low);
                ranges.emplace_back(U'-', U'-');
                break;
            }
            const char32_t high = atoms[a++].code;
            if (high < low) {
                return std::nullopt;
            }
            ranges.emplace_back(low, high);
        } else {
            ranges.emplace_back(low, low);
        }
    }
    return ranges;
}

core::Error invalid_class()
{
    return core::Error{core::ErrorKind::usage, "bad character range in a [...] wildcard", {}};
}

} // namespace

std::u32string decode_utf8(std::string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 0;
        if (length == 0 || i + length > text.size()) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        char32_t code = length == 1 ? lead : lead & (0x3F >> (length - 1));
        for (std::size_t k = 1; k < length; ++k) {
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        out += code;
        i += length;
    }
    return out;
}

core::Result<PatternGlob::Token> PatternGlob::parse_class(const std::u32string& pattern, std::size_t& i)
{
    const std::size_t n = pattern.size();
    std::size_t j = i;
    if (j < n && pattern[j] == U'!') {
        ++j;
    }
    if (j < n && pattern[j] == U']') {
        ++j;
    }
    while (j < n && pattern[j] != U']') {
        ++j;
    }
    if (j >= n) {
        return Token{Kind::literal, U'[', false, {}};
    }
    auto atoms = class_atoms(pattern, i, j);
    if (!atoms) {
        return core::fail(invalid_class());
    }
    i = j + 1;
    Token token{Kind::set, 0, false, {}};
    if (atoms->empty()) {
        token.kind = Kind::never;
        return token;
    }
    if (!(*atoms)[0].separator && (*atoms)[0].code == U'!') {
        if (atoms->size() == 1) {
            token.kind = Kind::any;
            return token;
        }
        token.negated = true;
        atoms->erase(atoms->begin());
    }
    auto ranges = class_ranges(*atoms);
    if (!ranges) {
        return core::fail(invalid_class());
    }
    token.ranges = std::move(*ranges);
    return token;
}

core::Result<PatternGlob> PatternGlob::compile(std::string_view pattern)
{
    const std::u32string text = decode_utf8(pattern);
    PatternGlob glob;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = text[i++];
        if (c == U'*') {
            if (glob.m_tokens.empty() || glob.m_tokens.back().kind != Kind::star) {
                glob.m_tokens.push_back(Token{Kind::star, 0, false, {}});
            }
        } else if (c == U'?') {
            glob.m_tokens.push_back(Token{Kind::any, 0, false, {}});
        } else if (c == U'[') {
            glob.m_tokens.push_back(SCSCTL_TRY(parse_class(text, i)));
        } else {
            glob.m_tokens.push_back(Token{Kind::literal, c, false, {}});
        }
    }
    return glob;
}

bool PatternGlob::token_matches(const Token& token, char32_t code) const
{
    switch (token.kind) {
    case Kind::literal:
        return token.code == code;
    case Kind::any:
        return true;
    case Kind::set: {
        const bool inside = std::any_of(token.ranges.begin(), token.ranges.end(),
                                        [code](const auto& range) { return range.first <= code && code <= range.second; });
        return inside != token.negated;
    }
    case Kind::star:
    case Kind::never:
        break;
    }
    return false;
}

bool PatternGlob::matches(std::string_view name) const
{
    // Every token but '*' consumes exactly one character, so backtracking to the last
    // star alone is complete (the same argument as fnmatch's atomic groups).
    const std::u32string text = decode_utf8(name);
    std::size_t t = 0;
    std::size_t s = 0;
    std::size_t star_token = std::u32string::npos;
    std::size_t star_text = 0;
    while (s < text.size()) {
        if (t < m_tokens.size() && m_tokens[t].kind == Kind::star) {
            star_token = t++;
            star_text = s;
        } else if (t < m_tokens.size() && token_matches(m_tokens[t], text[s])) {
            ++t;
            ++s;
        } else if (star_token != std::u32string::npos) {
            t = star_token + 1;
            s = ++star_text;
        } else {
            return false;
        }
    }
    while (t < m_tokens.size() && m_tokens[t].kind == Kind::star) {
        ++t;
    }
    return t == m_tokens.size();
}

} // namespace scsctl::inventory
