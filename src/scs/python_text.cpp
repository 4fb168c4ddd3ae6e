// Python's repr() of str and float, as the reference checker's messages show them.
// Depends on the standard library only (the printable table is generated data).
#include "scs/python_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iterator>
#include <vector>

namespace scsctl::scs {

bool python_printable(std::uint32_t code_point)
{
    if (code_point < 0x80) {
        return code_point >= 0x20 && code_point != 0x7f;
    }
    const auto* begin = detail::k_non_printable;
    const auto* end = begin + detail::k_non_printable_count;
    const auto* it = std::upper_bound(begin, end, code_point,
                                      [](std::uint32_t cp, const detail::CodePointRange& r) { return cp < r.first; });
    return it == begin || code_point > std::prev(it)->last;
}

namespace {

constexpr std::uint32_t k_surrogate_escape = 0xDC00;

/// Length of the valid UTF-8 sequence at `pos` (Python's strict decoder: no overlongs,
/// no surrogates, nothing above U+10FFFF), or 0; `code_point` receives its value.
std::size_t utf8_sequence(std::string_view bytes, std::size_t pos, std::uint32_t& code_point)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    const unsigned char lead = byte(pos);
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, min = 0x80, code_point = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, min = 0x800, code_point = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, min = 0x10000, code_point = lead & 0x07u;
    } else {
        return 0;
    }
    if (pos + length > bytes.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(pos + i) & 0xC0u) != 0x80u) {
            return 0;
        }
        code_point = (code_point << 6) | (byte(pos + i) & 0x3Fu);
    }
    if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
        return 0;
    }
    return length;
}

void append_hex(std::string& out, char kind, std::uint32_t value, int width)
{
    static constexpr char k_digits[] = "0123456789abcdef";
    out += '\\';
    out += kind;
    for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) {
        out += k_digits[(value >> shift) & 0xFu];
    }
}

void append_escaped(std::string& out, std::uint32_t cp, char quote)
{
    if (cp == '\\' || cp == static_cast<std::uint32_t>(quote)) {
        out += '\\';
        out += static_cast<char>(cp);
    } else if (cp == '\t') {
        out += "\\t";
    } else if (cp == '\n') {
        out += "\\n";
    } else if (cp == '\r') {
        out += "\\r";
    } else if (cp <= 0xFF && !python_printable(cp)) {
        append_hex(out, 'x', cp, 2);
    } else if (cp <= 0xFFFF && !python_printable(cp)) {
        append_hex(out, 'u', cp, 4);
    } else if (!python_printable(cp)) {
        append_hex(out, 'U', cp, 8);
    } else if (cp < 0x80) {
        out += static_cast<char>(cp);
    }
}

} // namespace

std::string python_str_repr(std::string_view bytes)
{
    struct Piece {
        std::uint32_t cp;
        std::size_t pos;
        std::size_t length; ///< 0: a surrogate escape of one byte
    };
    std::vector<Piece> pieces;
    pieces.reserve(bytes.size());
    bool has_single = false;
    bool has_double = false;
    for (std::size_t pos = 0; pos < bytes.size();) {
        std::uint32_t cp = 0;
        const std::size_t length = utf8_sequence(bytes, pos, cp);
        if (length == 0) {
            const auto byte = static_cast<unsigned char>(bytes[pos]);
            if (byte < 0x80) {
                pieces.push_back({byte, pos, 1});
                has_single = has_single || byte == '\'';
                has_double = has_double || byte == '"';
            } else {
                pieces.push_back({k_surrogate_escape + byte, pos, 0});
            }
            ++pos;
            continue;
        }
        pieces.push_back({cp, pos, length});
        pos += length;
    }
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out(1, quote);
    for (const auto& piece : pieces) {
        if (piece.cp >= 0x80 && piece.length > 0 && python_printable(piece.cp)) {
            out.append(bytes.substr(piece.pos, piece.length));
        } else {
            append_escaped(out, piece.cp, quote);
        }
    }
    out += quote;
    return out;
}

std::string python_float_repr(double x)
{
    if (std::isinf(x)) {
        return x > 0 ? "inf" : "-inf";
    }
    if (std::isnan(x)) {
        return "nan";
    }
    std::string sign = std::signbit(x) ? "-" : "";
    x = std::fabs(x);
    if (x == 0) {
        return sign + "0.0";
    }
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x, std::chars_format::scientific);
    const std::string_view text(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
    const std::size_t e = text.find('e');
    std::string digits;
    for (const char c : text.substr(0, e)) {
        if (c != '.') {
            digits += c;
        }
    }
    int exponent = 0;
    const std::string_view exp_text = text.substr(e + 1);
    std::from_chars(exp_text.data() + (exp_text[0] == '+' ? 1 : 0), exp_text.data() + exp_text.size(), exponent);
    const int point = exponent + 1; // digits = 0.d1d2... × 10^point
    const auto length = static_cast<int>(digits.size());
    if (point > -4 && point <= 16) {
        if (point <= 0) {
            return sign + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
        }
        if (point >= length) {
            return sign + digits + std::string(static_cast<std::size_t>(point - length), '0') + ".0";
        }
        return sign + digits.substr(0, static_cast<std::size_t>(point)) + "." +
               digits.substr(static_cast<std::size_t>(point));
    }
    std::string out = sign + digits.substr(0, 1);
    if (length > 1) {
        out += "." + digits.substr(1);
    }
    const int shown = point - 1;
    const int magnitude = shown < 0 ? -shown : shown;
    out += shown < 0 ? "e-" : "e+";
    if (magnitude < 10) {
        out += '0';
    }
    out += std::to_string(magnitude);
    return out;
}

std::string python_int_limit_message(std::size_t digits)
{
    return "Exceeds the limit (" + std::to_string(k_python_int_max_digits) +
           " digits) for integer string conversion: value has " + std::to_string(digits) +
           " digits; use sys.set_int_max_str_digits() to increase the limit";
}

} // namespace scsctl::scs
