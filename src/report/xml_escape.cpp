// XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF];
// anything else in program output (binary data, terminal escapes) is replaced here, so
// that reports always parse. HTML uses the same rules.
#include "report/xml_escape.hpp"

#include <cstdint>

namespace scsctl::report {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD"; // U+FFFD

/// Decodes the UTF-8 character at `text[i]`: its code point and length, or length 0 when
/// the bytes there are not well-formed UTF-8 (overlong forms and surrogates included).
struct Decoded {
    std::uint32_t code_point = 0;
    std::size_t length = 0;
};

Decoded decode(std::string_view text, std::size_t i)
{
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
        return {lead, 1};
    }
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    std::uint32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        code_point = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        code_point = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        code_point = lead & 0x07;
        minimum = 0x10000;
    } else {
        return {};
    }
    if (i + length > text.size()) {
        return {};
    }
    for (std::size_t k = 1; k < length; ++k) {
        const auto byte = static_cast<unsigned char>(text[i + k]);
        if ((byte & 0xC0) != 0x80) {
            return {};
        }
        code_point = (code_point << 6) | (byte & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        return {};
    }
    return {code_point, length};
}

bool xml_allows(std::uint32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

} // namespace

std::string xml_safe(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const Decoded next = decode(text, i);
        if (next.length == 0) {
            out += k_replacement; // one replacement per malformed byte
            ++i;
            continue;
        }
        if (xml_allows(next.code_point)) {
            out.append(text.substr(i, next.length));
        } else {
            out += k_replacement;
        }
        i += next.length;
    }
    return out;
}

std::string xml_text(std::string_view text)
{
    std::string out;
    for (const char c : xml_safe(text)) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string xml_attribute(std::string_view text)
{
    std::string out;
    for (const char c : xml_text(text)) {
        switch (c) {
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        case '\t':
            out += "&#9;";
            break;
        case '\n':
            out += "&#10;";
            break;
        case '\r':
            out += "&#13;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string truncated(std::string_view text, std::size_t limit)
{
    if (text.size() <= limit) {
        return std::string(text);
    }
    std::size_t cut = limit;
    // Back up over continuation bytes so that the kept part ends on a whole character.
    while (cut > 0 && limit - cut < 3 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return std::string(text.substr(0, cut)) + "\n... (" + std::to_string(text.size() - cut) + " more bytes)";
}

} // namespace scsctl::report
