// Result<T>: the error channel across library boundaries (std::expected with core::Error).
// Depends on nothing but the standard library and error.hpp.
#pragma once

#include <expected>

#include "core/error.hpp"

namespace scsctl::core {

template <typename T>
using Result = std::expected<T, Error>;

/// A failed Result carrying `error`.
inline std::unexpected<Error> fail(Error error)
{
    return std::unexpected<Error>(std::move(error));
}

} // namespace scsctl::core

/// Evaluates `expr` (a Result); on failure returns its error from the enclosing function,
/// otherwise yields the value.
#define SCSCTL_TRY(expr)                                                                   \
    ({                                                                                     \
        auto scsctl_try_result_ = (expr);                                                  \
        if (!scsctl_try_result_) {                                                         \
            return ::scsctl::core::fail(std::move(scsctl_try_result_).error());            \
        }                                                                                  \
        std::move(scsctl_try_result_).value();                                             \
    })
