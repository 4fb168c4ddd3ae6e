// PatternRegex: a compiled PCRE2 regular expression with a match limit, used for '~regex'
// host patterns and the address grammar of split_host_pattern. Depends on core and PCRE2
// only; knows nothing of inventories.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scsctl::inventory {

class PatternRegex {
public:
    /// Extra compile options of PatternRegex::compile (combine with |).
    static constexpr std::uint32_t k_caseless = 1U << 0;
    static constexpr std::uint32_t k_extended = 1U << 1;

    /// Compiles `pattern` anchored at the start of the subject (Python's re.match), in
    /// UTF-8 mode with Unicode classes (Python's str patterns). Python's `\Z` is read as
    /// PCRE2's `\z`. Fails with the PCRE2 message (lowercase, one line).
    static core::Result<PatternRegex> compile(std::string_view pattern, std::uint32_t options = 0);

    /// Whether the regex matches at the start of `subject`. Fails when the match limit is
    /// reached (a pattern that backtracks catastrophically) or PCRE2 reports an error.
    core::Result<bool> match(std::string_view subject) const;

    /// The first capture group of a match at the start of `subject`, or nullopt.
    core::Result<std::optional<std::string>> capture(std::string_view subject) const;

private:
    struct Compiled;
    explicit PatternRegex(std::shared_ptr<const Compiled> compiled);
    core::Result<int> run(std::string_view subject, std::string* first_group) const;

    std::shared_ptr<const Compiled> m_compiled;
};

} // namespace scsctl::inventory
