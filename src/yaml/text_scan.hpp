// Line-level scans of YAML text that yaml-cpp cannot answer well: where a tab indents a
// line (outside block scalars) and where a second document starts. Depends on the
// standard library only.
#pragma once

#include <optional>
#include <string_view>

namespace scsctl::yaml {

struct TextPosition {
    int line = 0;   ///< 1-based
    int column = 0; ///< 1-based
};

/// The first tab in the indentation of a line at or before `last_line` (1-based),
/// ignoring lines that belong to a block scalar (`|`, `>`), whose content may hold tabs.
std::optional<TextPosition> find_tab_indentation(std::string_view text, int last_line);

/// The `---` line that starts the second document of `text`, if any.
std::optional<TextPosition> find_second_document(std::string_view text);

} // namespace scsctl::yaml
