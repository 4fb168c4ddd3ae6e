// Translation of Python `re` spellings to PCRE2 ones, and parsing of re.sub replacement
// templates. Pure string work; depends on core only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace scsctl::regex {

/// Rewrites a Python pattern for PCRE2: `\Z` → `\z`, `(?P<n>` → `(?<n>`, `(?P=n)` →
/// `\k<n>`, `\xHH`/`\uHHHH`/`\UHHHHHHHH` → `\x{...}`, `{,n}` → `{0,n}`, and a `[` inside a
/// class made literal. Fails on escapes Python rejects that PCRE2 would read otherwise.
core::Result<std::string> translate_pattern(std::string_view pattern);

/// One piece of a parsed replacement: literal text, or a group by number or by name.
struct GroupRef {
    std::size_t number = 0;
    std::string name; ///< empty when referenced by number
};
using ReplacementPart = std::variant<std::string, GroupRef>;

/// Parses Python's re.sub template: `\1`..`\99`, `\g<1>`, `\g<name>`, `\n` `\t` `\r` `\f`
/// `\v` `\a` `\b` `\\`, octal `\0`/`\012`; other escapes of ASCII letters are errors,
/// anything else after `\` stays as written (backslash included).
core::Result<std::vector<ReplacementPart>> parse_replacement(std::string_view replacement);

} // namespace scsctl::regex
