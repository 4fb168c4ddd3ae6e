// yaml.dump as Ansible's to_yaml (default_flow_style=None, indent 2) and to_nice_yaml
// (default_flow_style=False, indent 4) call it: sorted keys, allow_unicode, width 80.
// A re-derivation of PyYAML 6's emitter for trees of values. Depends on core and yaml.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "vars/filter_support.hpp"
#include "vars/python_format.hpp"
#include "vars/python_yaml_scalar.hpp"
#include "yaml/scalar.hpp"

namespace scsctl::vars {

namespace {

using detail::ScalarAnalysis;

constexpr std::size_t k_best_width = 80;

struct Context {
    bool mapping = false;
    bool simple_key = false;
};

class Emitter {
public:
    Emitter(bool flow_leaves, int indent) : m_flow_leaves(flow_leaves), m_best_indent(indent) {}

    std::string run(const core::Value& value)
    {
        emit_node(value, {});
        write_indent(); // document end
        return std::move(m_out);
    }

private:
    bool m_flow_leaves;
    int m_best_indent;
    std::string m_out;
    std::size_t m_column = 0;
    bool m_whitespace = true;
    bool m_indention = true;
    int m_indent = -1; // -1: None
    std::vector<int> m_indents;
    int m_flow_level = 0;

    void write(std::string_view data, std::size_t width)
    {
        m_out += data;
        m_column += width;
    }

    void write(std::string_view data) { write(data, detail::code_point_count(data)); }

    void write_line_break()
    {
        m_out += '\n';
        m_whitespace = true;
        m_indention = true;
        m_column = 0;
    }

    void write_indent()
    {
        const std::size_t indent = m_indent < 0 ? 0 : static_cast<std::size_t>(m_indent);
        if (!m_indention || m_column > indent || (m_column == indent && !m_whitespace)) {
            write_line_break();
        }
        if (m_column < indent) {
            m_whitespace = true;
            m_out.append(indent - m_column, ' ');
            m_column = indent;
        }
    }

    void write_indicator(std::string_view indicator, bool need_whitespace, bool whitespace = false,
                         bool indention = false)
    {
        if (m_whitespace || !need_whitespace) {
            write(indicator);
        } else {
            write(" ");
            write(indicator);
        }
        m_whitespace = whitespace;
        m_indention = m_indention && indention;
    }

    void increase_indent(bool flow, bool indentless)
    {
        m_indents.push_back(m_indent);
        if (m_indent < 0) {
            m_indent = flow ? m_best_indent : 0;
        } else if (!indentless) {
            m_indent += m_best_indent;
        }
    }

    void pop_indent()
    {
        m_indent = m_indents.back();
        m_indents.pop_back();
    }

    /// default_flow_style=None: collections of scalars only are written in flow style.
    bool flow_style(const core::Value& value) const
    {
        if (value.empty()) {
            return true;
        }
        if (!m_flow_leaves) {
            return false;
        }
        return std::all_of(value.begin(), value.end(), [](const core::Value& v) { return !v.is_structured(); });
    }

    static std::vector<std::string> sorted_keys(const core::Value& value)
    {
        std::vector<std::string> keys;
        for (const auto& [key, item] : value.items()) {
            keys.push_back(key);
        }
        std::sort(keys.begin(), keys.end());
        return keys;
    }

    void emit_node(const core::Value& value, Context context)
    {
        if (value.is_structured() && m_indents.size() > static_cast<std::size_t>(detail::k_max_print_depth)) {
            emit_node(core::Value("..."), context); // see k_max_print_depth: bounded recursion
        } else if (value.is_array()) {
            if (m_flow_level > 0 || flow_style(value)) {
                emit_flow_sequence(value);
            } else {
                emit_block_sequence(value, context);
            }
        } else if (value.is_object()) {
            if (m_flow_level > 0 || flow_style(value)) {
                emit_flow_mapping(value);
            } else {
                emit_block_mapping(value);
            }
        } else {
            increase_indent(true, false);
            emit_scalar(value, context);
            pop_indent();
        }
    }

    void emit_block_sequence(const core::Value& value, Context context)
    {
        increase_indent(false, context.mapping && !m_indention);
        for (const auto& item : value) {
            write_indent();
            write_indicator("-", true, false, true);
            emit_node(item, {});
        }
        pop_indent();
    }

    void emit_block_mapping(const core::Value& value)
    {
        increase_indent(false, false);
        for (const std::string& key : sorted_keys(value)) {
            write_indent();
            emit_node(core::Value(key), {true, true});
            write_indicator(":", false);
            emit_node(value.find(key).value(), {true, false});
        }
        pop_indent();
    }

    void emit_flow_sequence(const core::Value& value)
    {
        write_indicator("[", true, true);
        ++m_flow_level;
        increase_indent(true, false);
        bool first = true;
        for (const auto& item : value) {
            if (!first) {
                write_indicator(",", false);
            }
            first = false;
            if (m_column > k_best_width) {
                write_indent();
            }
            emit_node(item, {});
        }
        pop_indent();
        --m_flow_level;
        write_indicator("]", false);
    }

    void emit_flow_mapping(const core::Value& value)
    {
        write_indicator("{", true, true);
        ++m_flow_level;
        increase_indent(true, false);
        bool first = true;
        for (const std::string& key : sorted_keys(value)) {
            if (!first) {
                write_indicator(",", false);
            }
            first = false;
            if (m_column > k_best_width) {
                write_indent();
            }
            emit_node(core::Value(key), {true, true});
            write_indicator(":", false);
            emit_node(value.find(key).value(), {true, false});
        }
        pop_indent();
        --m_flow_level;
        write_indicator("}", false);
    }

    void emit_scalar(const core::Value& value, Context context)
    {
        if (!value.is_string()) {
            write_plain(detail::to_u32(detail::yaml_scalar_text(value)), !context.simple_key);
            return;
        }
        const std::string& text = value.get_ref<const std::string&>();
        const std::u32string wide = detail::to_u32(text);
        const ScalarAnalysis analysis = detail::analyze_scalar(wide);
        const char style = detail::choose_style(analysis, detail::plain_resolves_to_str(text), context.simple_key,
                                                m_flow_level > 0);
        const bool split = !context.simple_key;
        if (style == 0) {
            write_plain(wide, split);
        } else if (style == '\'') {
            write_single_quoted(wide, split);
        } else {
            write_double_quoted(wide, split);
        }
    }

    static std::string narrow(std::u32string_view text)
    {
        std::string out;
        for (const char32_t c : text) {
            detail::append_utf8(out, c);
        }
        return out;
    }

    void write_text(std::u32string_view text) { write(narrow(text), text.size()); }

    void write_plain(const std::u32string& text, bool split);
    void write_single_quoted(const std::u32string& text, bool split);
    void write_double_quoted(const std::u32string& text, bool split);
};

void Emitter::write_plain(const std::u32string& text, bool split)
{
    if (text.empty()) {
        return;
    }
    if (!m_whitespace) {
        write(" ");
    }
    m_whitespace = false;
    m_indention = false;
    bool spaces = false;
    std::size_t start = 0;
    for (std::size_t end = 0; end <= text.size(); ++end) {
        const bool at_end = end == text.size();
        const char32_t c = at_end ? 0 : text[end];
        if (spaces) {
            if (at_end || c != ' ') {
                if (start + 1 == end && m_column > k_best_width && split) {
                    write_indent();
                    m_whitespace = false;
                    m_indention = false;
                } else {
                    write_text(std::u32string_view(text).substr(start, end - start));
                }
                start = end;
            }
        } else if (at_end || c == ' ') {
            write_text(std::u32string_view(text).substr(start, end - start));
            start = end;
        }
        spaces = !at_end && c == ' ';
    }
}

void Emitter::write_single_quoted(const std::u32string& text, bool split)
{
    write_indicator("'", true);
    bool spaces = false;
    bool breaks = false;
    std::size_t start = 0;
    const std::u32string_view view(text);
    for (std::size_t end = 0; end <= text.size(); ++end) {
        const bool at_end = end == text.size();
        const char32_t c = at_end ? 0 : text[end];
        if (spaces) {
            if (at_end || c != ' ') {
                if (start + 1 == end && m_column > k_best_width && split && start != 0 && end != text.size()) {
                    write_indent();
                } else {
                    write_text(view.substr(start, end - start));
                }
                start = end;
            }
        } else if (breaks) {
            if (at_end || !detail::is_break(c)) {
                if (text[start] == '\n') {
                    write_line_break();
                }
                for (std::size_t i = start; i < end; ++i) {
                    write_line_break();
                    if (text[i] != '\n') {
                        m_out.pop_back();
                        m_out += narrow(view.substr(i, 1));
                    }
                }
                write_indent();
                start = end;
            }
        } else if (at_end || c == ' ' || detail::is_break(c) || c == '\'') {
            if (start < end) {
                write_text(view.substr(start, end - start));
                start = end;
            }
        }
        if (c == '\'' && !at_end) {
            write("''");
            start = end + 1;
        }
        spaces = !at_end && c == ' ';
        breaks = !at_end && detail::is_break(c);
    }
    write_indicator("'", false);
}

void Emitter::write_double_quoted(const std::u32string& text, bool split)
{
    write_indicator("\"", true);
    std::size_t start = 0;
    const std::u32string_view view(text);
    for (std::size_t end = 0; end <= text.size(); ++end) {
        const bool at_end = end == text.size();
        const char32_t c = at_end ? 0 : text[end];
        const bool plain_char = c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
        const bool unicode_char = (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
        const bool escaped_unicode = c == 0xFEFF || c == 0x2028 || c == 0x2029;
        if (at_end || !(plain_char || (unicode_char && !escaped_unicode))) {
            if (start < end) {
                write_text(view.substr(start, end - start));
                start = end;
            }
            if (!at_end) {
                write(detail::double_quote_escape(c));
                start = end + 1;
            }
        }
        if (end > 0 && end + 1 < text.size() && (c == ' ' || start >= end) &&
            m_column + (end - start) > k_best_width && split) {
            write_text(view.substr(start, end - start));
            write("\\");
            start = std::max(start, end);
            write_indent();
            m_whitespace = false;
            m_indention = false;
            if (text[start] == ' ') {
                write("\\");
            }
        }
    }
    write_indicator("\"", false);
}

} // namespace

// Checked with ansible-core 2.14.18 (AnsibleDumper): to_yaml writes collections of scalars
// in flow style ("{a: 1}"), to_nice_yaml never does; both sort keys, keep unicode, wrap at
// 80 columns, and write no "..." after a top-level plain scalar.
std::string python_yaml(const core::Value& value, bool nice, int indent)
{
    Emitter emitter(!nice, indent < 2 || indent > 9 ? 2 : indent);
    return emitter.run(value);
}

} // namespace scsctl::vars
