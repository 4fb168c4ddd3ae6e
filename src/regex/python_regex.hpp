// PythonRegex: Python `re` semantics (search, match, fullmatch, sub, findall, split, flags)
// over PCRE2 in UTF-8 mode, for the template filters and the file-editing modules.
// Depends on core and PCRE2 only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::regex {

/// Python's re flags that Ansible users pass (re.I, re.M, re.S, re.X).
struct Flags {
    bool ignorecase = false;
    bool multiline = false;
    bool dotall = false;
    bool verbose = false;
};

/// One match: the whole match and the groups (nullopt for a group that did not take part).
struct Match {
    std::size_t start = 0; ///< byte offsets in the subject
    std::size_t end = 0;
    std::vector<std::optional<std::string>> groups; ///< [0] is the whole match
    std::vector<std::pair<std::string, std::size_t>> named; ///< name -> group number
};

class PythonRegex {
public:
    /// Compiles a Python pattern: `\Z`, `(?P<name>...)`, `(?P=name)` and Python's escapes
    /// are translated; errors are one lowercase line naming the offset.
    static core::Result<PythonRegex> compile(std::string_view pattern, Flags flags = {});

    /// re.search / re.match / re.fullmatch. Fails when the match limit is hit.
    core::Result<std::optional<Match>> search(std::string_view subject, std::size_t from = 0) const;
    core::Result<std::optional<Match>> match(std::string_view subject) const;
    core::Result<std::optional<Match>> fullmatch(std::string_view subject) const;
    /// re.findall: whole matches without groups, the group with one, tuples (as lists) with more.
    core::Result<std::vector<Match>> find_all(std::string_view subject) const;
    /// re.sub with Python's replacement syntax (\1, \g<1>, \g<name>, \n escapes); count 0 = all.
    /// `replaced` (optional) receives how many substitutions were made.
    core::Result<std::string> sub(std::string_view replacement, std::string_view subject, std::size_t count = 0,
                                  std::size_t* replaced = nullptr) const;

    std::size_t group_count() const;

private:
    struct Compiled;
    explicit PythonRegex(std::shared_ptr<const Compiled> compiled);
    std::shared_ptr<const Compiled> m_compiled;
};

} // namespace scsctl::regex
