// Internal to python_literal: the number and string tokens of Python 3.11 source.
// Owns lexing only (no grammar); must not depend on anything but core/value.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/value.hpp"

namespace scsctl::inventory::literal_detail {

enum class NumberType { integer, floating, imaginary, big_integer };

struct NumberToken {
    NumberType type = NumberType::integer;
    core::Value value; ///< int64/uint64 or double; the source text for big integers
};

/// Lexes a number at `pos` (a digit, or '.' followed by a digit). On success advances
/// `pos` past it; nullopt is a Python SyntaxError (bad digits, leading zeros, a letter
/// glued to the number, more than 4300 decimal digits).
std::optional<NumberToken> lex_number(std::string_view text, std::size_t& pos);

struct StringToken {
    bool bytes = false;
    bool fstring = false;     ///< f'' is a JoinedStr, never a literal
    bool unsupported = false; ///< holds \N{...} or a lone surrogate: no faithful UTF-8 form
    std::string value;        ///< UTF-8 text, or the raw bytes of a bytes literal
};

/// True when a string literal (with an optional prefix such as r, b, rb, u, f) starts at `pos`.
bool starts_string(std::string_view text, std::size_t pos);

/// Lexes a string literal starting at `pos` (prefix included). nullopt is a SyntaxError
/// (unterminated, bad \x/\u/\U escape, non-ASCII in bytes).
std::optional<StringToken> lex_string(std::string_view text, std::size_t& pos);

/// Python identifier character (ASCII letters, digits, '_', and any non-ASCII byte).
bool is_identifier_char(char c);

} // namespace scsctl::inventory::literal_detail
