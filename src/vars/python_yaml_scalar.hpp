// Internal to python_yaml*.cpp: PyYAML's scalar analysis (which styles a string may take)
// and its style choice. Depends on core and yaml (the implicit resolver).
#pragma once

#include <string>
#include <string_view>

#include "core/value.hpp"

namespace scsctl::vars::detail {

/// What PyYAML's Emitter.analyze_scalar finds out about a string (allow_unicode=True).
struct ScalarAnalysis {
    bool empty = false;
    bool multiline = false;
    bool allow_flow_plain = true;
    bool allow_block_plain = true;
    bool allow_single_quoted = true;
};

ScalarAnalysis analyze_scalar(const std::u32string& text);

/// Whether PyYAML's resolver reads `text` back as a string when written plain.
bool plain_resolves_to_str(std::string_view text);

/// '' (plain), '\'' or '"': PyYAML's choose_scalar_style for a str value.
char choose_style(const ScalarAnalysis& analysis, bool implicit_str, bool simple_key, bool in_flow);

std::u32string to_u32(std::string_view text);

/// How PyYAML's representer writes a non-string scalar (null, true, 1, 1.0e+20, .inf).
std::string yaml_scalar_text(const core::Value& value);

/// A line break for YAML 1.1 ('\n', NEL, LS, PS).
bool is_break(char32_t c);
/// A double-quoted scalar's escape for `c` (\n, \x01, \u2028 as \L...), as PyYAML writes it.
std::string double_quote_escape(char32_t c);

} // namespace scsctl::vars::detail
