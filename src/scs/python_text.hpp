// Python's text for the values the SCS reference checker (scs-0100, a Python program) puts into
// its messages: repr() of str and float, and int() of a decimal string with its 4300-digit
// limit. scsctl's reasons quote these exactly. Depends on the standard library only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace scsctl::scs {

/// Python 3.11's repr(s) of the str that `bytes` decodes to as UTF-8, undecodable bytes taken
/// as surrogate escapes (how Python reads command-line arguments): quotes chosen as Python
/// does, \\, \t, \n, \r, \xNN, \uNNNN and \UNNNNNNNN for what is not printable.
std::string python_str_repr(std::string_view bytes);

/// Python's repr(x) of a finite or infinite non-negative double (shortest round-trip digits,
/// exponent form below 1e-4 and from 1e16 up): "0.25", "1e-05", "1e+16", "inf".
std::string python_float_repr(double x);

/// CPython's limit on the digits int() converts (sys.get_int_max_str_digits() by default).
inline constexpr std::size_t k_python_int_max_digits = 4300;

/// The ValueError message of int() for a string of `digits` decimal digits over the limit.
std::string python_int_limit_message(std::size_t digits);

namespace detail {
struct CodePointRange {
    std::uint32_t first;
    std::uint32_t last;
};
extern const CodePointRange k_non_printable[];
extern const std::size_t k_non_printable_count;
} // namespace detail

/// Whether Python's str.isprintable() holds for the code point.
bool python_printable(std::uint32_t code_point);

} // namespace scsctl::scs
