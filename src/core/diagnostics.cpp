// Diagnostics collection and ordering.
#include "core/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace scsctl::core {

std::string Diagnostic::str() const
{
    if (where.empty()) {
        return message;
    }
    return where.str() + ": " + message;
}

void Diagnostics::error(Location where, std::string message)
{
    add({Severity::error, std::move(where), std::move(message)});
}

void Diagnostics::warning(Location where, std::string message)
{
    add({Severity::warning, std::move(where), std::move(message)});
}

void Diagnostics::add(Diagnostic diagnostic)
{
    if (diagnostic.severity == Severity::error) {
        ++m_error_count;
    }
    m_items.push_back(std::move(diagnostic));
}

void Diagnostics::merge(const Diagnostics& other)
{
    for (const auto& item : other.m_items) {
        add(item);
    }
}

std::vector<Diagnostic> Diagnostics::sorted() const
{
    std::vector<Diagnostic> out = m_items;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.where.file, a.where.line, a.where.column) <
               std::tie(b.where.file, b.where.line, b.where.column);
    });
    return out;
}

Error Diagnostics::first_error(ErrorKind kind) const
{
    for (const auto& item : m_items) {
        if (item.severity == Severity::error) {
            return Error{kind, item.message, item.where};
        }
    }
    return Error{ErrorKind::internal, "no error recorded", {}};
}

} // namespace scsctl::core
