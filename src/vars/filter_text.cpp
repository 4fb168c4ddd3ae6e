// UTF-8 decoding and Python's case mapping for the string filters (lower, upper, title,
// capitalize) and for Python-exact formatting. Depends on core only.
#include "vars/filter_support.hpp"

namespace scsctl::vars::detail {

CodePoint decode_utf8(std::string_view text, std::size_t pos)
{
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
        return {byte, 1, true};
    }
    std::size_t length = 0;
    char32_t value = 0;
    if ((byte & 0xE0) == 0xC0) {
        length = 2;
        value = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
        length = 3;
        value = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
        length = 4;
        value = byte & 0x07;
    } else {
        return {byte, 1, false};
    }
    if (pos + length > text.size()) {
        return {byte, 1, false};
    }
    for (std::size_t i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(text[pos + i]);
        if ((next & 0xC0) != 0x80) {
            return {byte, 1, false};
        }
        value = (value << 6) | (next & 0x3F);
    }
    static constexpr char32_t k_minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < k_minimum[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return {byte, 1, false};
    }
    return {value, length, true};
}

void append_utf8(std::string& out, char32_t point)
{
    if (point < 0x80) {
        out += static_cast<char>(point);
    } else if (point < 0x800) {
        out += static_cast<char>(0xC0 | (point >> 6));
        out += static_cast<char>(0x80 | (point & 0x3F));
    } else if (point < 0x10000) {
        out += static_cast<char>(0xE0 | (point >> 12));
        out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (point >> 18));
        out += static_cast<char>(0x80 | ((point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (point & 0x3F));
    }
}

std::vector<std::string> code_points(std::string_view text)
{
    std::vector<std::string> points;
    for (std::size_t pos = 0; pos < text.size();) {
        const CodePoint point = decode_utf8(text, pos);
        points.emplace_back(text.substr(pos, point.length));
        pos += point.length;
    }
    return points;
}

std::size_t code_point_count(std::string_view text)
{
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < text.size(); pos += decode_utf8(text, pos).length) {
        ++count;
    }
    return count;
}

namespace {

// The letter ranges Python maps with a fixed offset (the common European alphabets).
char32_t to_lower(char32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2)) {
        return c + 0x20;
    }
    if (c >= 0x410 && c <= 0x42F) {
        return c + 0x20;
    }
    if (c >= 0x400 && c <= 0x40F) {
        return c + 0x50;
    }
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x178) {
        const bool odd_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (odd_lower ? (c % 2 == 1) : (c % 2 == 0)) {
            return c + 1;
        }
    }
    return c;
}

char32_t to_upper(char32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2)) {
        return c - 0x20;
    }
    if (c >= 0x430 && c <= 0x44F) {
        return c - 0x20;
    }
    if (c >= 0x450 && c <= 0x45F) {
        return c - 0x50;
    }
    if (c == 0xFF) {
        return 0x178;
    }
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F) {
        const bool odd_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (odd_lower ? (c % 2 == 0) : (c % 2 == 1)) {
            return c - 1;
        }
    }
    return c;
}

template <typename Map>
std::string map_text(std::string_view text, Map map)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const CodePoint point = decode_utf8(text, pos);
        if (point.valid) {
            append_utf8(out, map(point.value));
        } else {
            out += text[pos];
        }
        pos += point.length;
    }
    return out;
}

} // namespace

std::string lower_text(std::string_view text)
{
    return map_text(text, to_lower);
}

std::string upper_text(std::string_view text)
{
    return map_text(text, to_upper);
}

} // namespace scsctl::vars::detail
