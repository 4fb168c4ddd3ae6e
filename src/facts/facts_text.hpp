// Small text helpers shared by the facts parsers (lines, words, numbers). Pure;
// depends on the standard library only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scsctl::facts {

/// `text` without leading and trailing blanks.
std::string trim(std::string_view text);

/// The non-blank lines of `text`.
std::vector<std::string> lines_of(std::string_view text);

/// The whitespace-separated words of `text`.
std::vector<std::string> words_of(std::string_view text);

/// A decimal integer, or `fallback` when `text` is not one.
long long to_number(std::string_view text, long long fallback = 0);

} // namespace scsctl::facts
