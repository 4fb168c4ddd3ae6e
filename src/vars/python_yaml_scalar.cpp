// PyYAML's scalar analysis and style choice, re-derived from its documented behaviour and
// checked against PyYAML 6 output. Depends on core and yaml (implicit typing).
#include "vars/python_yaml_scalar.hpp"

#include <cmath>
#include <cstdio>

#include "vars/filter_support.hpp"
#include "yaml/scalar.hpp"
#include "yaml/timestamp.hpp"

namespace scsctl::vars::detail {

bool is_break(char32_t c)
{
    return c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

std::string double_quote_escape(char32_t c)
{
    switch (c) {
    case 0: return "\\0";
    case 0x07: return "\\a";
    case 0x08: return "\\b";
    case 0x09: return "\\t";
    case 0x0A: return "\\n";
    case 0x0B: return "\\v";
    case 0x0C: return "\\f";
    case 0x0D: return "\\r";
    case 0x1B: return "\\e";
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case 0x85: return "\\N";
    case 0xA0: return "\\_";
    case 0x2028: return "\\L";
    case 0x2029: return "\\P";
    default: break;
    }
    char buffer[16];
    if (c <= 0xFF) {
        std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(c));
    } else if (c <= 0xFFFF) {
        std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned>(c));
    } else {
        std::snprintf(buffer, sizeof buffer, "\\U%08X", static_cast<unsigned>(c));
    }
    return buffer;
}

std::string yaml_scalar_text(const core::Value& value)
{
    if (value.is_null()) {
        return "null";
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "true" : "false";
    }
    if (value.is_number_float()) {
        const double number = value.get<double>();
        if (std::isnan(number)) {
            return ".nan";
        }
        if (std::isinf(number)) {
            return number < 0 ? "-.inf" : ".inf";
        }
        std::string text = detail::lower_text(yaml::python_float_repr(number));
        const std::size_t e = text.find('e');
        if (text.find('.') == std::string::npos && e != std::string::npos) {
            text.insert(e, ".0");
        }
        return text;
    }
    return value.dump();
}

namespace {

bool is_space_or_break(char32_t c)
{
    return c == 0 || c == ' ' || c == '\t' || c == '\r' || is_break(c);
}

bool in(char32_t c, std::u32string_view set)
{
    return set.find(c) != std::u32string_view::npos;
}

struct Flags {
    bool block_indicators = false;
    bool flow_indicators = false;
    bool line_breaks = false;
    bool special = false;
    bool leading_space = false;
    bool leading_break = false;
    bool trailing_space = false;
    bool trailing_break = false;
    bool break_space = false;
    bool space_break = false;
};

void scan_indicators(Flags& flags, const std::u32string& text, std::size_t index, bool preceded, bool followed)
{
    const char32_t c = text[index];
    if (index == 0) {
        if (in(c, U"#,[]{}&*!|>'\"%@`")) {
            flags.flow_indicators = flags.block_indicators = true;
        }
        if (c == '?' || c == ':') {
            flags.flow_indicators = true;
            flags.block_indicators = flags.block_indicators || followed;
        }
        if (c == '-' && followed) {
            flags.flow_indicators = flags.block_indicators = true;
        }
        return;
    }
    if (in(c, U",?[]{}")) {
        flags.flow_indicators = true;
    }
    if (c == ':') {
        flags.flow_indicators = true;
        flags.block_indicators = flags.block_indicators || followed;
    }
    if (c == '#' && preceded) {
        flags.flow_indicators = flags.block_indicators = true;
    }
}

/// The styles a scalar with these properties may take (PyYAML's rules, in its order).
ScalarAnalysis allowed_styles(const Flags& flags)
{
    ScalarAnalysis result;
    result.multiline = flags.line_breaks;
    bool& flow_plain = result.allow_flow_plain;
    bool& block_plain = result.allow_block_plain;
    if (flags.leading_space || flags.leading_break || flags.trailing_space || flags.trailing_break) {
        flow_plain = block_plain = false;
    }
    if (flags.break_space) {
        flow_plain = block_plain = result.allow_single_quoted = false;
    }
    if (flags.space_break || flags.special) {
        flow_plain = block_plain = result.allow_single_quoted = false;
    }
    if (flags.line_breaks) {
        flow_plain = block_plain = false;
    }
    flow_plain = flow_plain && !flags.flow_indicators;
    block_plain = block_plain && !flags.block_indicators;
    return result;
}

} // namespace

std::u32string to_u32(std::string_view text)
{
    std::u32string out;
    for (std::size_t pos = 0; pos < text.size();) {
        const CodePoint point = decode_utf8(text, pos);
        out += point.valid ? point.value : static_cast<char32_t>(0xDC00 + static_cast<unsigned char>(text[pos]));
        pos += point.length;
    }
    return out;
}

ScalarAnalysis analyze_scalar(const std::u32string& text)
{
    if (text.empty()) {
        ScalarAnalysis result;
        result.empty = true;
        result.allow_flow_plain = result.allow_block_plain = false;
        return result;
    }
    Flags flags;
    if (text.starts_with(U"---") || text.starts_with(U"...")) {
        flags.block_indicators = flags.flow_indicators = true;
    }
    bool preceded = true;
    bool followed = text.size() == 1 || is_space_or_break(text[1]);
    bool previous_space = false;
    bool previous_break = false;
    const std::size_t last = text.size() - 1;
    for (std::size_t index = 0; index < text.size(); ++index) {
        const char32_t c = text[index];
        scan_indicators(flags, text, index, preceded, followed);
        flags.line_breaks = flags.line_breaks || is_break(c);
        if (!(c == '\n' || (c >= 0x20 && c <= 0x7E))) {
            const bool unicode = (c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
                                  (c >= 0x10000 && c < 0x10FFFF)) && c != 0xFEFF;
            flags.special = flags.special || !unicode;
        }
        if (c == ' ') {
            flags.leading_space = flags.leading_space || index == 0;
            flags.trailing_space = flags.trailing_space || index == last;
            flags.break_space = flags.break_space || previous_break;
            previous_space = true;
            previous_break = false;
        } else if (is_break(c)) {
            flags.leading_break = flags.leading_break || index == 0;
            flags.trailing_break = flags.trailing_break || index == last;
            flags.space_break = flags.space_break || previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = previous_break = false;
        }
        preceded = is_space_or_break(c);
        followed = index + 2 >= text.size() || is_space_or_break(text[index + 2]);
    }
    return allowed_styles(flags);
}

bool plain_resolves_to_str(std::string_view text)
{
    const auto typed = yaml::resolve_plain(text);
    return typed && typed->is_string() && !yaml::is_timestamp(text);
}

char choose_style(const ScalarAnalysis& analysis, bool implicit_str, bool simple_key, bool in_flow)
{
    if (implicit_str && !(simple_key && (analysis.empty || analysis.multiline)) &&
        (in_flow ? analysis.allow_flow_plain : analysis.allow_block_plain)) {
        return 0;
    }
    if (analysis.allow_single_quoted && !(simple_key && analysis.multiline)) {
        return '\'';
    }
    return '"';
}

} // namespace scsctl::vars::detail
