// IniFile: reads ansible.cfg the way Python's configparser.ConfigParser(inline_comment_prefixes=(';',))
// does (Ansible's settings). Owns INI syntax only; must not know any setting key or depend on yaml.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"

namespace scsctl::config {

/// One option: its (lower-cased) name, raw value and where the value starts.
struct IniOption {
    std::string name;
    std::string value; ///< continuation lines joined with '\n', trailing whitespace removed
    core::Location where;
};

struct IniSection {
    std::string name;
    std::vector<IniOption> options;
};

class IniFile {
public:
    /// Parses `text` (the contents of `file`). Syntax errors configparser would raise
    /// (missing section header, line without '=' or ':', duplicate section or option)
    /// are reported as located errors; parsing goes on to report them all.
    static IniFile parse(const std::string& text, const std::string& file, core::Diagnostics& diagnostics);

    /// The option as configparser's get(section, key, raw=True) finds it: the section's
    /// own value, else the [DEFAULT] section's.
    const IniOption* get(const std::string& section, const std::string& key) const;

    const std::vector<IniSection>& sections() const { return m_sections; }

private:
    std::vector<IniSection> m_sections; ///< [DEFAULT] included, in file order
};

} // namespace scsctl::config
