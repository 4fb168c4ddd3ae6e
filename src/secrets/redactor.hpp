// Redactor: the set of secret strings a run knows (secret-store values, become
// passwords), and their replacement by "********" in any text or value. Depends on core.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/value.hpp"

namespace scsctl::secrets {

inline constexpr std::string_view k_redacted = "********";

/// Values shorter than this are not redacted: "1" or "yes" would blank out half the
/// output and protect nothing.
inline constexpr std::size_t k_min_secret_length = 4;

class Redactor {
  public:
    /// Adds one secret (ignored when shorter than k_min_secret_length). A multi-line
    /// secret also adds each of its lines that is long enough, since outputs are often
    /// split into lines (stdout_lines) and lines can be printed one by one.
    void add(std::string_view secret);
    /// Adds every string (and number, as text) found in `value`, recursively.
    void add_value(const core::Value& value);

    bool empty() const { return m_secrets.empty(); }
    std::size_t size() const { return m_secrets.size(); }

    /// `text` with every byte that belongs to an occurrence of a secret covered; each
    /// covered run (overlapping or adjacent secrets together) becomes one "********".
    std::string redact(std::string_view text) const;
    /// True when `text` holds a secret.
    bool contains_secret(std::string_view text) const;
    /// Redacts every string of `value` (mapping keys too) in place.
    void redact_value(core::Value& value) const;

  private:
    std::vector<std::string> m_secrets; ///< distinct, longest first
};

} // namespace scsctl::secrets
