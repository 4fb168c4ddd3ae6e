// Spelling hints: the closest known name to a misspelt one ("did you mean 'web'?").
// Depends on the standard library only.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace scsctl::core {

/// Optimal-string-alignment edit distance between `a` and `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates);

/// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

} // namespace scsctl::core
