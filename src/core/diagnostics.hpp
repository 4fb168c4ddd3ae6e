// Diagnostics: collects every located problem of a load or validation so that all are
// reported at once. Depends on the standard library and location.hpp only.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/location.hpp"

namespace scsctl::core {

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    Location where;
    std::string message;

    /// "file:line:col: message" (no "error:" prefix; the reporter adds that).
    std::string str() const;
};

class Diagnostics {
public:
    void error(Location where, std::string message);
    void warning(Location where, std::string message);
    void add(Diagnostic diagnostic);
    void merge(const Diagnostics& other);

    bool has_errors() const { return m_error_count > 0; }
    std::size_t error_count() const { return m_error_count; }
    const std::vector<Diagnostic>& items() const { return m_items; }

    /// Items ordered by file, line and column (stable for equal places).
    std::vector<Diagnostic> sorted() const;

    /// The first error as an Error of `kind` (for callers that need a Result).
    Error first_error(ErrorKind kind = ErrorKind::config) const;

private:
    std::vector<Diagnostic> m_items;
    std::size_t m_error_count = 0;
};

} // namespace scsctl::core
