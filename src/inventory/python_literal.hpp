// Python literals as ast.literal_eval (Python 3.11) reads them, for INI inventory values.
// Owns the literal grammar and its mapping to core::Value; must not depend on model or
// on the INI format itself. Depends on core only.
#pragma once

#include <string>
#include <string_view>

#include "core/value.hpp"

namespace scsctl::inventory {

enum class LiteralKind {
    value,           ///< a literal with a JSON meaning (`value` holds it)
    not_literal,     ///< Python raises SyntaxError/ValueError: Ansible keeps the text
    unrepresentable, ///< a literal without a JSON form (set, complex, bytes inside a container,
                     ///< Ellipsis, tuple keys, integers beyond 64 bits, lone surrogates, \N{})
    type_error,      ///< Python raises TypeError (unhashable dict key or set element)
};

struct LiteralResult {
    LiteralKind kind = LiteralKind::not_literal;
    core::Value value;  ///< set when kind == value
    std::string reason; ///< why, when kind is unrepresentable or type_error
};

/// ast.literal_eval(text) of Python 3.11: leading spaces and tabs are stripped, a trailing
/// comment is allowed, tuples become arrays, dict keys become JSON keys as json.dumps
/// writes them (1 -> "1", True -> "true"), and a top-level bytes literal is decoded to a
/// string (as Ansible's to_text does). Never throws; nesting deeper than Python's limit
/// of 200 brackets is not a literal.
LiteralResult parse_python_literal(std::string_view text);

} // namespace scsctl::inventory
