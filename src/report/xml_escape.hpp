// Escaping for the XML and HTML reports: text made safe for XML 1.0 (invalid UTF-8 and the
// control characters XML forbids are replaced, never emitted), then escaped for element
// content or attribute values. Depends on the standard library only.
#pragma once

#include <string>
#include <string_view>

namespace scsctl::report {

/// `text` with every byte sequence that is not a character XML 1.0 allows replaced by
/// U+FFFD: malformed or overlong UTF-8, surrogates, U+FFFE/U+FFFF, and the C0 controls
/// other than tab, newline and carriage return (NUL, ESC of terminal colours, ...).
std::string xml_safe(std::string_view text);

/// Element content: xml_safe, then & < > as entities.
std::string xml_text(std::string_view text);

/// An attribute value between double quotes: xml_safe, then & < > " ' as entities, and tab,
/// newline and carriage return as character references (an XML parser would otherwise
/// normalise them to spaces).
std::string xml_attribute(std::string_view text);

/// At most `limit` bytes of `text`, cut at a UTF-8 character boundary, with a note of what
/// was left out ("\n... (N more bytes)").
std::string truncated(std::string_view text, std::size_t limit);

} // namespace scsctl::report
