// Splits template text into data and tag tokens (Jinja's lexer rules: {{ }}, {% %}, {# #},
// raw blocks, whitespace control, trim_blocks). Depends on core only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::vars {

enum class TokenKind {
    data,        ///< literal text between tags
    var_begin,   ///< {{
    var_end,     ///< }}
    block_begin, ///< {%
    block_end,   ///< %}
    name,
    string,      ///< text holds the decoded value
    integer,
    floating,
    op,          ///< punctuation and operators: + - * / // % ** ~ == != < <= > >= = . , : | ( ) [ ] { }
    end,         ///< end of template
};

struct Token {
    TokenKind kind = TokenKind::end;
    std::string text;
};

struct LexOptions {
    bool trim_blocks = true;
};

/// Tokens of `source`; errors are Jinja's messages ("unexpected char '\"' at 3").
core::Result<std::vector<Token>> lex_template(std::string_view source, const LexOptions& options);

} // namespace scsctl::vars
