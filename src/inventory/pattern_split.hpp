// Splitting host pattern text into single patterns and subscripts, and --limit text into
// subset patterns (@file), as ansible-core 2.14 does. Depends on core and PCRE2 (via
// pattern_regex) only; knows nothing of inventories.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::inventory {

/// `text` without leading and trailing whitespace as Python's str.strip() sees it.
std::string python_strip(std::string_view text);

/// Whether Ansible's parse_address(text, allow_ranges=True) accepts `text` (a host name,
/// IPv4 or IPv6 address, optionally with [x:y] ranges and a :port).
bool is_host_address(std::string_view text);

/// split_host_pattern: on ',' when there is one; else the whole text when it reads as an
/// address (so IPv6 and [x:y] ranges keep their colons); else on ':' and whitespace,
/// keeping [...] together. Each part stripped; empty parts dropped.
std::vector<std::string> split_host_pattern(std::string_view pattern);

/// A parsed `[n]`, `[x:y]`, `[x:]` (or the removed `[x-y]`) subscript.
struct Subscript {
    std::int64_t start = 0;
    std::optional<std::int64_t> end; ///< nullopt for `[n]`; -1 for an open end `[x:]`
};

/// _split_subscript: `pattern` minus a trailing subscript, and the subscript. Regexes
/// ('~...') never carry one.
std::pair<std::string, std::optional<Subscript>> split_subscript(const std::string& pattern);

/// InventoryManager.subset: `limit` split like a pattern, each '@file' part replaced by
/// the file's lines (stripped; empty lines kept). Empty when the limit restricts nothing.
/// A missing file or a directory fails with kind usage.
core::Result<std::vector<std::string>> limit_patterns(std::string_view limit);

} // namespace scsctl::inventory
