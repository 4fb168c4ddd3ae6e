// configparser-compatible INI reading for ansible.cfg (Python 3.11 configparser._read with
// Ansible's inline_comment_prefixes=(';',)). Knows no setting keys; depends on core only.
#include "config/ini_file.hpp"

#include <set>
#include <utility>

namespace scsctl::config {

namespace {

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string strip(std::string_view text)
{
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && is_space(text[begin])) {
        ++begin;
    }
    while (end > begin && is_space(text[end - 1])) {
        --end;
    }
    return std::string(text.substr(begin, end - begin));
}

/// Where a comment starts in `line`, or npos: a whole-line '#' or ';' comment, or an
/// inline ';' at the start or after whitespace. '#' after a value is not a comment.
std::size_t comment_start(const std::string& line)
{
    const std::string stripped = strip(line);
    if (!stripped.empty() && (stripped[0] == '#' || stripped[0] == ';')) {
        return 0;
    }
    for (std::size_t at = line.find(';'); at != std::string::npos; at = line.find(';', at + 1)) {
        if (at == 0 || is_space(line[at - 1])) {
            return at;
        }
    }
    return std::string::npos;
}

std::string lower(std::string text)
{
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

/// The parser state of configparser._read.
class Reader {
public:
    Reader(const std::string& file, core::Diagnostics& diagnostics) : m_file(file), m_diagnostics(diagnostics) {}

    void line(const std::string& raw, int number);
    std::vector<IniSection> finish();

private:
    void header(const std::string& name, int number);
    void option(const std::string& raw, const std::string& value, int number);
    core::Location at(int line, int column) const { return core::Location{m_file, line, column}; }

    const std::string& m_file;
    core::Diagnostics& m_diagnostics;
    std::vector<IniSection> m_sections;
    std::vector<std::vector<std::string>> m_lines; ///< value lines per option, by m_option_index
    std::set<std::pair<std::string, std::string>> m_seen_options;
    std::optional<std::size_t> m_section;   ///< index into m_sections
    std::optional<std::size_t> m_option;    ///< index into the current section's options
    std::vector<std::vector<std::size_t>> m_line_index; ///< section → option → m_lines index
    std::size_t m_indent = 0;
    bool m_reported_missing_header = false;
};

void Reader::line(const std::string& raw, int number)
{
    const std::size_t comment = comment_start(raw);
    const std::string value = strip(comment == std::string::npos ? raw : raw.substr(0, comment));
    if (value.empty()) {
        // empty_lines_in_values=True: a blank line (not a comment) may belong to a value.
        if (comment == std::string::npos && m_section && m_option) {
            m_lines[m_line_index[*m_section][*m_option]].emplace_back();
        }
        return;
    }
    std::size_t indent = 0;
    while (indent < raw.size() && is_space(raw[indent])) {
        ++indent;
    }
    if (m_section && m_option && indent > m_indent) {
        m_lines[m_line_index[*m_section][*m_option]].push_back(value);
        return;
    }
    m_indent = indent;
    const std::size_t close = value.rfind(']');
    if (value[0] == '[' && close != std::string::npos && close >= 2) {
        header(value.substr(1, close - 1), number);
    } else if (!m_section) {
        if (!m_reported_missing_header) {
            m_diagnostics.error(at(number, static_cast<int>(indent) + 1),
                                "file contains no section header before this line (ansible.cfg needs '[defaults]')");
            m_reported_missing_header = true;
        }
    } else {
        option(raw, value, number);
    }
}

void Reader::header(const std::string& name, int number)
{
    m_option.reset();
    for (std::size_t i = 0; i < m_sections.size(); ++i) {
        if (m_sections[i].name == name) {
            if (name != "DEFAULT") {
                m_diagnostics.error(at(number, 1), "section [" + name + "] already exists (configparser is strict)");
            }
            m_section = i;
            return;
        }
    }
    m_sections.push_back(IniSection{name, {}});
    m_line_index.emplace_back();
    m_section = m_sections.size() - 1;
}

void Reader::option(const std::string& raw, const std::string& value, int number)
{
    const std::size_t delimiter = value.find_first_of("=:");
    const int column = static_cast<int>(raw.find_first_not_of(" \t\r\v\f")) + 1;
    if (delimiter == std::string::npos) {
        m_diagnostics.error(at(number, column), "expected 'key = value' or 'key: value', got '" + value + "'");
        return;
    }
    std::string name = lower(strip(value.substr(0, delimiter)));
    if (name.empty()) {
        m_diagnostics.error(at(number, column),
                            "option without a name before '" + value.substr(delimiter, 1) + "'");
        return;
    }
    IniSection& section = m_sections[*m_section];
    if (!m_seen_options.insert({section.name, name}).second) {
        m_diagnostics.error(at(number, column),
                            "option '" + name + "' already set in section [" + section.name +
                                "] (configparser is strict)");
        m_option.reset();
        return;
    }
    std::size_t value_start = delimiter + 1;
    while (value_start < value.size() && is_space(value[value_start])) {
        ++value_start;
    }
    section.options.push_back(IniOption{name, {}, at(number, column + static_cast<int>(value_start))});
    m_lines.push_back({value.substr(value_start)});
    m_line_index[*m_section].push_back(m_lines.size() - 1);
    m_option = section.options.size() - 1;
}

std::vector<IniSection> Reader::finish()
{
    for (std::size_t s = 0; s < m_sections.size(); ++s) {
        for (std::size_t o = 0; o < m_sections[s].options.size(); ++o) {
            std::string joined;
            const auto& lines = m_lines[m_line_index[s][o]];
            for (std::size_t i = 0; i < lines.size(); ++i) {
                joined += (i == 0 ? "" : "\n") + lines[i];
            }
            while (!joined.empty() && is_space(joined.back())) {
                joined.pop_back();
            }
            m_sections[s].options[o].value = std::move(joined);
        }
    }
    return std::move(m_sections);
}

} // namespace

IniFile IniFile::parse(const std::string& text, const std::string& file, core::Diagnostics& diagnostics)
{
    Reader reader(file, diagnostics);
    std::size_t begin = 0;
    int number = 1;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos) {
            end = text.size();
        }
        reader.line(text.substr(begin, end - begin), number);
        begin = end + 1;
        ++number;
    }
    IniFile result;
    result.m_sections = reader.finish();
    return result;
}

const IniOption* IniFile::get(const std::string& section, const std::string& key) const
{
    const IniOption* fallback = nullptr;
    for (const auto& candidate : m_sections) {
        for (const auto& option : candidate.options) {
            if (option.name != key) {
                continue;
            }
            if (candidate.name == section) {
                return &option;
            }
            if (candidate.name == "DEFAULT") {
                fallback = &option;
            }
        }
    }
    return fallback;
}

} // namespace scsctl::config
