// Recursive-descent parser for the Jinja2 subset: statements (if/for/set) and Jinja's
// expression grammar and precedence. Depends on core and the lexer.
#pragma once

#include <memory>
#include <string_view>

#include "core/result.hpp"
#include "vars/template_ast.hpp"
#include "vars/template_lexer.hpp"

namespace scsctl::vars {

/// Parses template text; errors are Jinja's messages without location.
core::Result<std::shared_ptr<const Template>> parse_template(std::string_view source, const LexOptions& options);

/// Parses a bare expression (conditionals, `debug: var=`).
core::Result<std::shared_ptr<const Template>> parse_expression(std::string_view source);

} // namespace scsctl::vars
